/**
 * The library API's Reviewer: one resolved configuration, warm (packs compiled, rules loaded), reviewing
 * bundles from files, from strings or from provider JSON. The language server and the service use it;
 * what src/index.ts exports from here is the semver contract.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Edit, Finding, Report, Severity, Category } from '../core/types.js';
import type { TemplateSource } from '../core/source.js';
import { Engine, VERSION as ENGINE_VERSION, type EngineOptions } from '../node/engine.js';
import { reviewBatch } from '../node/batch.js';
import { RULES_DIR, createPackReader } from '../node/packs.js';
import { discover, PARTIAL_DIRS } from '../node/discover.js';
import { loadBundle, primaryFor } from '../node/bundle.js';
import { FileCache } from '../node/file-cache.js';
import { createProbePort, type ProbeRunner, type ProbeStats } from '../probe/port.js';
import { renderSamples } from '../analysis/render.js';
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

const toReport = (r: Report): Report => ({ path: r.path, name: r.name, decision: r.decision, findings: r.findings, files: r.files, ...(r.includedFiles ? { includedFiles: r.includedFiles } : {}) });

export class Reviewer {
  private readonly engine: Engine;
  private readonly engineOptions: EngineOptions;
  /** The folder paths are relative to. */
  readonly cwd: string;
  private probe: ProbeRunner | undefined;
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
      this.probe = createProbePort({
        allowPrivateHosts: base.allowPrivateHosts === true,
        ...(options.urlCache === false ? {} : { cacheFile: options.urlCache ?? path.join(this.cwd, '.inboxlint-cache', 'urls.json') }),
        ...(options.checkUrls === 'cache' ? { cacheOnly: true } : {}),
        ...(options.onUrlProgress ? { onProgress: options.onUrlProgress } : {}),
      });
      this.engine.useProbe(this.probe);
    }
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
    const textTemplates = this.engine.config(this.options.profile).settings.textTemplates;
    const files = await discover(patterns.length ? patterns : ['.'], this.cwd, {
      // settings.textTemplates globs are relative to the config file that sets them.
      ...(Array.isArray(textTemplates) ? { textTemplates: textTemplates as string[], textTemplatesBase: this.engine.userConfig ? path.dirname(this.engine.userConfig.path) : this.cwd } : {}),
    });
    const reports: Report[] = [];
    const failures: string[] = [];
    let done = 0;
    // The CLI's batching: worker threads for large runs (not with URL checks: one probe port sees every URL).
    for await (const item of reviewBatch(files, { cwd: this.cwd, engine: this.engine, ...(this.probe ? {} : { engineOptions: this.engineOptions }) })) {
      if (item.report) reports.push(toReport(item.report));
      failures.push(...item.internal);
      options.onProgress?.(++done, files.length);
    }
    return { files, reports, failures };
  }

  /** The full review of one target (hosts: the language server, the service). Undefined for a file that is no template. */
  async inspect(target: { template: TemplateInput } | { providerJson: ProviderJsonInput } | { file: string; texts?: ReadonlyMap<string, string> }): Promise<Review | undefined> {
    let src: TemplateSource | undefined;
    if ('template' in target) src = templateSource(target.template);
    else if ('providerJson' in target) src = providerSource(target.providerJson);
    else src = await loadBundle(path.resolve(this.cwd, target.file), { cwd: this.cwd, files: this.files, ...(target.texts ? { overlay: target.texts } : {}) });
    if (!src) return undefined;
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

  /** Rules this reviewer knows, with their documentation pages. */
  rules(): RuleInfo[] {
    return this.engine.rules.map((r) => ({ id: r.meta.id, category: r.meta.category, description: r.meta.description, defaultSeverity: r.meta.defaultSeverity, docs: ruleDocsUrl(r.meta.id) }));
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
  async close(): Promise<void> {
    await this.probe?.close();
  }
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
