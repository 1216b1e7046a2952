/**
 * `--cache`: reports of unchanged templates are reused. A template's entry is keyed by a hash of everything
 * its review reads — the text and path of every file of its bundle (parts, includes, partials, load issues),
 * the resolved config of its profile (rules, severities, kinds, options, lists, thresholds, settings), the
 * per-template settings, the risk model's version and inboxlint's version — so any change reviews it again.
 * Not used with --check-urls (network results change on their own) or --fix.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import type { Report } from '../core/types.js';
import type { TemplateSource } from '../core/source.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { Engine } from '../node/engine.js';
import type { ReportCache } from '../node/batch.js';

export const DEFAULT_CACHE_FILE = '.inboxlintcache';
const FORMAT = 1;

interface CacheFile {
  format: number;
  version: string;
  entries: Record<string, { key: string; report: Report }>;
}

/** --cache-location: a file, or a folder (existing, or ending in a separator) that gets the default name. */
export async function cachePath(cwd: string, location: string | undefined): Promise<string> {
  if (!location) return path.join(cwd, DEFAULT_CACHE_FILE);
  const abs = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (await stat(abs).catch(() => undefined))?.isDirectory() === true;
  return isDir ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

export class ReviewCache {
  private entries: CacheFile['entries'] = {};
  private dirty = false;
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();

  private constructor(
    private readonly file: string,
    private readonly version: string,
  ) {}

  /** Open (or start) the cache file; a missing, unreadable or foreign file starts empty. */
  static async open(file: string, version: string): Promise<ReviewCache> {
    const c = new ReviewCache(file, version);
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.version === version && data.entries && typeof data.entries === 'object') c.entries = data.entries;
    } catch {
      // No cache yet, or not ours: start empty.
    }
    return c;
  }

  key(source: TemplateSource, config: ResolvedConfig, settings: Record<string, unknown>): string {
    const h = createHash('sha256');
    h.update(`inboxlint ${this.version}\0model ${config.model?.version ?? 'none'}\0config ${this.configHash(config)}\0settings ${JSON.stringify(settings)}\0`);
    h.update(`source ${source.name}\0${source.path}\0${source.kind}\0${source.origin}\0${JSON.stringify(source.providerKeys ?? null)}\0`);
    for (const p of ['html', 'text', 'subject', 'meta', 'data', 'schema'] as const) {
      const part = source[p];
      if (part) h.update(`${p}\0${part.path}\0${part.fileText ?? part.text}\0${part.text}\0`);
    }
    for (const [group, map] of [['partial', source.partials], ['include', source.includes]] as const) {
      for (const k of Object.keys(map ?? {}).sort()) h.update(`${group} ${k}\0${map![k]!.path}\0${map![k]!.text}\0`);
    }
    h.update(`issues ${JSON.stringify(source.loadIssues ?? [])}`);
    return h.digest('hex');
  }

  private configHash(config: ResolvedConfig): string {
    let h = this.configHashes.get(config);
    if (!h) {
      const rules = [...config.rules].map(([id, r]) => [id, r.severity, r.kind ?? null, r.options]);
      h = createHash('sha256')
        .update(JSON.stringify({ profile: config.profile, thresholds: config.thresholds, prior: config.prior, settings: config.settings, overrides: config.overrides ?? null, rules, lists: config.lists }))
        .digest('hex');
      this.configHashes.set(config, h);
    }
    return h;
  }

  get(file: string, key: string): Report | undefined {
    const e = this.entries[file];
    return e && e.key === key ? e.report : undefined;
  }

  set(file: string, key: string, report: Report): void {
    this.entries[file] = { key, report };
    this.dirty = true;
  }

  /** The cache as the batch runner uses it: keys from the engine's config and settings for each template. */
  forEngine(engine: Engine): ReportCache {
    const keys = new WeakMap<TemplateSource, string>();
    const keyOf = (src: TemplateSource) => {
      let k = keys.get(src);
      if (k === undefined) {
        const config = engine.config(engine.profileFor(src));
        keys.set(src, (k = this.key(src, config, engine.settingsFor(src, config))));
      }
      return k;
    };
    return { get: (file, src) => this.get(file, keyOf(src)), set: (file, src, report) => this.set(file, keyOf(src), report) };
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const data: CacheFile = { format: FORMAT, version: this.version, entries: this.entries };
    await writeFile(this.file, JSON.stringify(data));
  }
}
