/**
 * The library API's Reviewer: one resolved configuration, warm (packs compiled, rules loaded), reviewing
 * bundles from files, from strings or from provider JSON. The language server and the service use it;
 * what src/index.ts exports from here is the semver contract.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Edit, Finding, Kind, Report, Severity, Category } from '../core/types.js';
import type { TemplateSource } from '../core/source.js';
import { Engine, VERSION as ENGINE_VERSION, type EngineOptions } from '../node/engine.js';
import { reviewBatch, type ReportCache } from '../node/batch.js';
import { RULES_DIR, createPackReader } from '../node/packs.js';
import { discover, PARTIAL_DIRS } from '../node/discover.js';
import { loadIgnore } from '../node/ignore.js';
import { baseOf, loadBundle, primaryFor } from '../node/bundle.js';
import { FileCache } from '../node/file-cache.js';
import { CacheKeys } from '../node/cache-key.js';
import { dependencies } from '../node/dependencies.js';
import { DOCS_BASE } from '../node/docs.js';
import type { ProbeRunner, ProbeStats } from '../probe/port.js';
import { renderSamples } from '../analysis/render.js';
import { parseTemplate } from '../analysis/template-doc.js';
import { variables, variableOptions } from '../analysis/variables.js';
import { inferShape, shapeToSchema } from '../analysis/infer-schema.js';
import { formatters } from '../format/index.js';
import { streamingFormats } from '../format/stream.js';
import type { FormatContext } from '../format/types.js';
import type { RenderedSample } from '../analysis/rendered.js';
import { templateSource, providerSource, type TemplateInput, type ProviderJsonInput } from './input.js';

/** The package version. */
export const VERSION: string = ENGINE_VERSION;

export interface ReviewerOptions {
  /** Folder that paths are relative to and where the config file is looked for (default `process.cwd()`). */
  cwd?: string;
  /** Profile for every template (core, isp/gmail, enterprise/strict, ...); else meta.profile, the config's, or core. */
  profile?: string;
  /** Config file path; `false`: none; default: `inboxlint.config.{json,yaml,yml}` found from `cwd` up. */
  config?: string | false;
  /**
   * Check that images and links load: `true` over the network (through the SSRF guard), `'cache'` only from
   * the URL cache (offline: URLs not in it are not judged). Default: the config's `settings.checkUrls`.
   */
  checkUrls?: boolean | 'cache';
  /** Let URL checks reach private and loopback addresses. */
  allowPrivateHosts?: boolean;
  /** Where `cwd` is published: relative image and link URLs resolve against it. */
  baseUrl?: string;
  /** URL cache file (default `<cwd>/.inboxlint-cache/urls.json`); `false`: in memory only. */
  urlCache?: string | false;
  /** Called as URLs are checked: `done` of `total` unique URLs. */
  onUrlProgress?: (done: number, total: number) => void;
  /** Leave out files that `.inboxlintignore` in `cwd` or `ignorePatterns` match (default true). */
  ignore?: boolean;
  /** More patterns of files to leave out (gitignore syntax, relative to `cwd`), as `--ignore-pattern`. */
  ignorePatterns?: string[];
}

/** An edit in a file's text: replace [start, end) (UTF-16 offsets) with `text`. */
export interface FileEdit {
  /** The file, as the finding's `path` shows it (relative to cwd when inside it). */
  path: string;
  start: number;
  end: number;
  text: string;
}

export interface RuleFailure {
  ruleId: string;
  message: string;
}

/** A review with what hosts need besides the report. */
export interface Review {
  report: Report;
  /** Rules that threw: the review went on without them (the CLI exits 2). */
  ruleFailures: RuleFailure[];
  /** A finding's fix and suggestions as edits of the file it points into (undefined where they cannot map). */
  edits(finding: Finding): { fix?: FileEdit; suggestions: { title: string; edit: FileEdit }[] };
  /** The template rendered with each TemplateData sample (subject, HTML, text). */
  samples(): RenderedSample[];
  /** The HTML as it is sent (MJML compiled), merge tags as written; undefined without an HTML part. */
  html(): string | undefined;
}

export interface RuleInfo {
  id: string;
  category: Category;
  description: string;
  defaultSeverity: Severity | 'off';
  /** How the reviewer's profile counts its findings: one kind, or one per message (`default` for the rest). */
  kind?: Kind | Record<string, Kind>;
  /** The rule's documentation page (a file: URL into the installed package). */
  docs: string;
}

export interface FilesResult {
  /** The template files found (absolute paths), in order. */
  files: string[];
  /** One report per template, in the order of `files` (JSON that is not a template has none). */
  reports: Report[];
  /** Internal errors, one line each (`path: what`): a file that could not be reviewed, or a rule that failed. */
  failures: string[];
}

/** One file's review from `reviewEach`. */
export interface FileReview {
  /** The file (absolute path). */
  file: string;
  /** Its report; absent for a file that holds no template (JSON that is not a provider template) or could not be read. */
  report?: Report;
  /** Internal errors, one line each (`path: what`): the file could not be reviewed, or a rule failed. */
  failures: string[];
}

/**
 * Where `reviewEach` keeps reports of unchanged templates between runs (the CLI's `--cache` file). The
 * Reviewer computes each template's key: a hash of everything its review reads (its files' paths and texts,
 * the resolved config and settings, the risk model and inboxlint versions).
 */
export interface ReportStore {
  get(file: string, key: string): Report | undefined;
  set(file: string, key: string, report: Report): void;
}

export interface ReviewEachOptions {
  /** Texts that stand in for files (absolute path → text): unsaved buffers, a template read from stdin. */
  texts?: ReadonlyMap<string, string>;
  /**
   * Apply the rules' fixes (ESLint semantics: passes of non-overlapping fixes, reviewed again, at most 10):
   * `'write'` writes the fixed files, `'dry-run'` puts each fixed file's text in `report.output`.
   */
  fix?: 'write' | 'dry-run';
  /** Reuse the reports of unchanged templates (not with URL checks or `fix`). */
  cache?: ReportStore;
  /**
   * Review threads (default `$INBOXLINT_THREADS`, else one less than the machine's cores). Runs of fewer than 64 files, with
   * URL checks (one probe sees every URL) or with `fix` review in this thread.
   */
  threads?: number;
  /** Called after each file: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The TemplateData schema a template needs (`dataSchema`), or why there is none: `not-template` (not a
 * template, or it cannot be read), `unreadable` (its HTML or text part cannot be read), `unparsed` (a part
 * does not parse as Handlebars).
 */
export type DataSchemaResult =
  | {
      ok: true;
      /** JSON Schema (draft 2020-12): nested objects, `#each` as arrays, variables used only under `#if`/`#unless` optional. */
      schema: Record<string, unknown>;
      /** Where the template's schema sidecar goes: `<name>.schema.json` beside it. */
      file: string;
      /** Partials it calls that are not defined: their variables are not in the schema. */
      missingPartials: string[];
    }
  | { ok: false; reason: 'not-template' | 'unreadable' | 'unparsed'; message: string };

/** A report format written report by report, as the CLI writes it: `write` gives the text for one more report, `end` the rest. */
export interface ReportWriter {
  write(report: Report): string;
  end(): string;
}

export type { RenderedSample, ProbeStats };

/** The documentation page of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return pathToFileURL(path.join(path.dirname(RULES_DIR), 'docs', 'rules', ...ruleId.split('/')) + '.md').href;
}

/** The bundled packs (read-only files of the package), read once when first asked. */
let bundledPacks: ReturnType<typeof createPackReader> | undefined;

/** Whether `name` is a bundled profile (core, isp/gmail, enterprise/strict, ...). */
export function isBundledProfile(name: string): boolean {
  try {
    return !!(bundledPacks ??= createPackReader()).pack(name);
  } catch {
    return false;
  }
}

const toReport = (r: Report): Report => ({ path: r.path, name: r.name, decision: r.decision, findings: r.findings, files: r.files, ...(r.includedFiles ? { includedFiles: r.includedFiles } : {}), ...(r.output ? { output: r.output } : {}) });

export class Reviewer {
  private readonly engine: Engine;
  private readonly engineOptions: EngineOptions;
  /** The folder paths are relative to. */
  readonly cwd: string;
  private probe: ProbeRunner | undefined;
  /** The probe port is created (and undici loaded) in the background: start-up does not wait for it. */
  private readonly probeReady: Promise<void> | undefined;
  private ignored: ((file: string) => boolean) | undefined | null = null;
  /** Sidecars, partials and folder listings of the bundles this reviewer reads, kept while unchanged on disk. */
  private readonly files = new FileCache();

  /** Reads and checks the config now: throws ConfigError for a bad config file or profile. */
  constructor(private readonly options: ReviewerOptions = {}) {
    this.cwd = options.cwd ?? process.cwd();
    const settings: Record<string, unknown> = {};
    if (options.checkUrls) settings.checkUrls = true;
    if (options.allowPrivateHosts) settings.allowPrivateHosts = true;
    if (options.baseUrl !== undefined) settings.baseUrl = options.baseUrl;
    this.engineOptions = {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.config === false ? { configPath: null } : options.config ? { configPath: options.config } : {}),
      settings,
      cwd: this.cwd,
    };
    this.engine = new Engine(this.engineOptions);
    const base = this.engine.config(options.profile).settings;
    if (base.checkUrls === true) {
      this.probeReady = import('../probe/port.js').then(({ createProbePort }) => {
        this.probe = createProbePort({
          allowPrivateHosts: base.allowPrivateHosts === true,
          ...(options.urlCache === false ? {} : { cacheFile: options.urlCache ?? path.join(this.cwd, '.inboxlint-cache', 'urls.json') }),
          ...(options.checkUrls === 'cache' ? { cacheOnly: true } : {}),
          ...(options.onUrlProgress ? { onProgress: options.onUrlProgress } : {}),
        });
        this.engine.useProbe(this.probe);
      });
    }
  }

  /** Whether this reviewer checks URLs (the option, or the config's `settings.checkUrls`). */
  get checksUrls(): boolean {
    return this.probeReady !== undefined;
  }

  /** Review a bundle given as strings. */
  async reviewTemplate(input: TemplateInput): Promise<Report> {
    return (await this.inspect({ template: input }))!.report;
  }

  /** Review AWS SES (v1 or v2) or Tencent Cloud SES template JSON. Throws TypeError for other JSON. */
  async reviewProviderJson(json: string, options: Omit<ProviderJsonInput, 'json'> = {}): Promise<Report> {
    return (await this.inspect({ providerJson: { ...options, json } }))!.report;
  }

  /**
   * Review the bundle a file belongs to, reading its sidecars (a `.data.json` reviews its template).
   * `texts` (absolute path → text) win over the files on disk. Undefined for a file that is no template.
   */
  async reviewFile(file: string, options: { texts?: ReadonlyMap<string, string> } = {}): Promise<Report | undefined> {
    return (await this.inspect({ file, ...options }))?.report;
  }

  /**
   * Review every template under the given files, folders or globs (as the CLI does). Throws UsageError for
   * a path that does not exist.
   */
  async reviewFiles(patterns: string[], options: { onProgress?: (done: number, total: number) => void } = {}): Promise<FilesResult> {
    const files = await this.findFiles(patterns);
    const reports: Report[] = [];
    const failures: string[] = [];
    for await (const item of this.reviewEach(files, options)) {
      if (item.report) reports.push(item.report);
      failures.push(...item.failures);
    }
    return { files, reports, failures };
  }

  /**
   * The template files under the given files, folders or globs (default `.`), as the CLI finds them: the
   * primary file of each bundle, never its sidecars, partials or includes; files the ignore settings match
   * are left out (`onIgnored` hears of those named explicitly). Throws UsageError for a path or glob that
   * matches nothing, unless `errorOnUnmatchedPattern` is false. `syncReads`: stat and read the files with
   * synchronous calls, faster on a thread that serves nothing else meanwhile (the CLI's).
   */
  async findFiles(patterns: string[], options: { errorOnUnmatchedPattern?: boolean; onIgnored?: (file: string) => void; syncReads?: boolean } = {}): Promise<string[]> {
    const textTemplates = this.engine.config(this.options.profile).settings.textTemplates;
    const ignored = this.ignoreMatcher();
    return discover(patterns.length ? patterns : ['.'], this.cwd, {
      // settings.textTemplates globs are relative to the config file that sets them.
      ...(Array.isArray(textTemplates) ? { textTemplates: textTemplates as string[], textTemplatesBase: this.engine.userConfig ? path.dirname(this.engine.userConfig.path) : this.cwd } : {}),
      ...(ignored ? { ignored, ...(options.onIgnored ? { onIgnored: options.onIgnored } : {}) } : {}),
      errorOnUnmatchedPattern: options.errorOnUnmatchedPattern !== false,
      ...(options.syncReads ? { syncReads: true } : {}),
    });
  }

  /** Whether `.inboxlintignore` or `ignorePatterns` leave this file out (false with `ignore: false`). */
  isPathIgnored(file: string): boolean {
    return this.ignoreMatcher()?.(path.resolve(this.cwd, file)) ?? false;
  }

  private ignoreMatcher(): ((file: string) => boolean) | undefined {
    if (this.ignored === null) this.ignored = this.options.ignore === false ? undefined : loadIgnore(this.cwd, { patterns: this.options.ignorePatterns ?? [] });
    return this.ignored;
  }

  /**
   * Review the files one by one, yielding each review in the files' order as it finishes (the CLI's runs):
   * large runs use worker threads, at most a window of reviews is in flight, and nothing is kept, so memory
   * does not grow with the number of files. Never throws for a file: failures are lines in `failures`.
   */
  async *reviewEach(files: string[], options: ReviewEachOptions = {}): AsyncGenerator<FileReview> {
    await this.probeReady;
    const fix = options.fix ? await import('../node/fix.js') : undefined;
    const overlay = options.texts?.size ? { overlay: options.texts } : {};
    let cache: ReportCache | undefined;
    if (options.cache && !this.probe && !fix) {
      const store = options.cache;
      const keys = new CacheKeys(this.engine, VERSION);
      cache = { get: (file, src) => store.get(file, keys.of(src)), set: (file, src, report) => store.set(file, keys.of(src), toReport(report)) };
    }
    let done = 0;
    for await (const item of reviewBatch(files, {
      cwd: this.cwd,
      engine: this.engine,
      // Threads build the same engine; not with URL checks (one probe port sees every URL) or fixes (passes write files).
      ...(this.probe || fix ? {} : { engineOptions: this.engineOptions }),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...overlay,
      ...(cache ? { cache } : {}),
      ...(fix ? { reviewOne: (file: string) => fix.fixFile(this.engine, file, { cwd: this.cwd, write: options.fix === 'write', ...(options.texts ? { overlay: options.texts } : {}) }) } : {}),
    })) {
      options.onProgress?.(++done, files.length);
      yield { file: item.file, ...(item.report ? { report: toReport(item.report) } : {}), failures: item.internal };
    }
  }

  /**
   * A report format (`stylish`, `json`, `sarif`, `github`, ...; FORMATS lists them) written report by report:
   * the formats that can stream give their text as reports come, the others at `end()`. The output is what
   * the CLI prints (rules with this reviewer's kinds, links to the docs pages). Throws RangeError for an
   * unknown format.
   */
  formatter(format: string, options: { color?: boolean } = {}): ReportWriter {
    const formatter = formatters[format];
    if (!formatter) throw new RangeError(`unknown format '${format}' (known: ${Object.keys(formatters).join(', ')})`);
    const ctx: FormatContext = { version: VERSION, color: options.color ?? false, cwd: this.cwd, rules: this.rules(), docsBase: DOCS_BASE };
    const stream = streamingFormats[format];
    if (stream) return stream(ctx);
    const kept: Report[] = [];
    return { write: (r) => (kept.push(r), ''), end: () => formatter(kept, ctx) };
  }

  /** The full review of one target (hosts: the language server, the service). Undefined for a file that is no template. */
  async inspect(target: { template: TemplateInput } | { providerJson: ProviderJsonInput } | { file: string; texts?: ReadonlyMap<string, string> }): Promise<Review | undefined> {
    let src: TemplateSource | undefined;
    if ('template' in target) src = templateSource(target.template);
    else if ('providerJson' in target) src = providerSource(target.providerJson);
    else src = await loadBundle(path.resolve(this.cwd, target.file), { cwd: this.cwd, files: this.files, ...(target.texts ? { overlay: target.texts } : {}) });
    if (!src) return undefined;
    await this.probeReady;
    const result = await this.engine.review(src);
    return {
      report: toReport(result),
      ruleFailures: result.internalErrors,
      edits: (f) => {
        // The core gives fixes as edits of the finding's file (mapped and escaped for parts inside JSON).
        const edit = (e: Edit): FileEdit => ({ path: f.path, start: e.span.start, end: e.span.end, text: e.text });
        return { ...(f.fix ? { fix: edit(f.fix) } : {}), suggestions: (f.suggestions ?? []).map((s) => ({ title: s.title, edit: edit(s.fix) })) };
      },
      samples: () => renderSamples(result.doc),
      html: () => (result.doc.html ? result.doc.html.outputHtml || result.doc.html.text : undefined),
    };
  }

  /**
   * The template file a file belongs to: itself, or the template beside a sidecar (`welcome.data.json` →
   * `welcome.mjml`). Undefined for partials, layouts and sidecars without a template.
   */
  async templateFor(file: string): Promise<string | undefined> {
    const abs = path.resolve(this.cwd, file);
    if (path.dirname(path.relative(this.cwd, abs)).split(path.sep).some((seg) => PARTIAL_DIRS.has(seg.toLowerCase()))) return undefined;
    if (/\.partials$/i.test(path.dirname(abs))) return undefined;
    return primaryFor(abs);
  }

  /**
   * The JSON Schema of the TemplateData the template at `file` needs, inferred from its variables (value
   * types from its `.data.json` samples where they agree): what `inboxlint schema` prints. `provider`
   * overrides the meta's or config's.
   */
  async dataSchema(file: string, options: { provider?: 'generic' | 'aws' | 'tencent' | 'sendgrid' } = {}): Promise<DataSchemaResult> {
    const abs = path.resolve(this.cwd, file);
    const src = await loadBundle(abs, { cwd: this.cwd, files: this.files }).catch(() => undefined);
    if (!src) return { ok: false, reason: 'not-template', message: `${file} is not a template (or cannot be read)` };
    const unreadable = (src.loadIssues ?? []).find((i) => i.part === 'html' || i.part === 'text');
    if (unreadable && !src.html && !src.text) return { ok: false, reason: 'unreadable', message: `${unreadable.path}: ${unreadable.message}` };
    const settings: Record<string, unknown> = { ...this.engine.config(this.options.profile).settings };
    const doc = await parseTemplate(src);
    if (typeof doc.meta.provider === 'string') settings.provider = doc.meta.provider;
    if (options.provider) settings.provider = options.provider;
    const model = variables(doc, variableOptions(doc, settings));
    if (model.unparsed.length) return { ok: false, reason: 'unparsed', message: `the ${model.unparsed.join(', ')} part does not parse as Handlebars` };
    const { dir, name } = baseOf(abs);
    return {
      ok: true,
      schema: shapeToSchema(inferShape(model), doc.samples, `TemplateData for ${doc.name}`) as Record<string, unknown>,
      file: path.join(dir, `${name}.schema.json`),
      missingPartials: model.partials.filter((p) => !p.found).map((p) => p.name),
    };
  }

  /**
   * Every file the template at `file` is, or would be if it existed, composed of (absolute paths): the
   * template, its sidecars, the partials and layouts it calls, its `<mj-include>` files. What a change to
   * any of them affects (the CLI's `--changed-since`).
   */
  async dependencies(file: string): Promise<string[]> {
    return [...(await dependencies(path.resolve(this.cwd, file), this.cwd))];
  }

  /** Rules this reviewer knows, with their documentation pages. */
  rules(): RuleInfo[] {
    const resolved = this.engine.config(this.options.profile).rules;
    return this.engine.rules.map((r) => {
      const kind = resolved.get(r.meta.id)?.kind;
      return { id: r.meta.id, category: r.meta.category, description: r.meta.description, defaultSeverity: r.meta.defaultSeverity, ...(kind ? { kind } : {}), docs: ruleDocsUrl(r.meta.id) };
    });
  }

  /** The resolved configuration a file is reviewed with (what `inboxlint --print-config` prints). */
  async configFor(file: string): Promise<Record<string, unknown>> {
    const src = await loadBundle(path.resolve(this.cwd, file), { cwd: this.cwd });
    const c = this.engine.config(this.engine.profileFor(src));
    return {
      profile: c.profile,
      layers: c.layers.map((l) => path.relative(this.cwd, l) || l),
      thresholds: c.thresholds,
      model: c.model?.version ?? 'none',
      settings: c.settings,
      rules: Object.fromEntries([...c.rules].map(([id, r]) => [id, { severity: r.severity, ...(r.kind ? { kind: r.kind } : {}), options: r.options, ...(r.source ? { source: r.source } : {}) }])),
      lists: Object.fromEntries(Object.entries(c.lists).map(([k, v]) => [k, `${v.length} entries`])),
    };
  }

  /** URL check figures (undefined when URLs are not checked). */
  urlStats(): ProbeStats | undefined {
    return this.probe?.stats();
  }

  /** Waits for URL checks in flight, saves the URL cache, releases connections. */
  close(): Promise<void> {
    return (this.closed ??= (async () => {
      await this.probeReady;
      await this.probe?.close();
    })());
  }
  private closed: Promise<void> | undefined;
}

/** One review with a fresh Reviewer (for scripts; keep a Reviewer for many). */
export async function reviewTemplate(input: TemplateInput, options: ReviewerOptions = {}): Promise<Report> {
  return once(options, (r) => r.reviewTemplate(input));
}

/** One review of provider JSON; `path`, `data` and `meta` as in Reviewer.reviewProviderJson. */
export async function reviewProviderJson(json: string, options: ReviewerOptions & Pick<ProviderJsonInput, 'path' | 'data' | 'meta'> = {}): Promise<Report> {
  const { path: p, data, meta, ...rest } = options;
  return once(rest, (r) => r.reviewProviderJson(json, { ...(p !== undefined ? { path: p } : {}), ...(data !== undefined ? { data } : {}), ...(meta !== undefined ? { meta } : {}) }));
}

/** One run over files, folders or globs (as the CLI does). */
export async function reviewFiles(patterns: string[], options: ReviewerOptions = {}): Promise<FilesResult> {
  return once(options, (r) => r.reviewFiles(patterns));
}

async function once<T>(options: ReviewerOptions, run: (r: Reviewer) => Promise<T>): Promise<T> {
  const reviewer = new Reviewer(options);
  try {
    return await run(reviewer);
  } finally {
    await reviewer.close();
  }
}
