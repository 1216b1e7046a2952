/**
 * `--cache`: reports of unchanged templates are reused. This file keeps them between runs; the Reviewer
 * computes each template's key (a hash of everything its review reads, src/node/cache-key.ts), so any change
 * reviews it again. Not used with --check-urls (network results change on their own) or --fix.
 */
import path from 'node:path';
import { mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import type { Report, ReportStore } from '../index.js';

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

export class ReviewCache implements ReportStore {
  private entries: CacheFile['entries'] = {};
  private dirty = false;

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

  get(file: string, key: string): Report | undefined {
    const e = this.entries[file];
    return e && e.key === key ? e.report : undefined;
  }

  set(file: string, key: string, report: Report): void {
    this.entries[file] = { key, report };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const data: CacheFile = { format: FORMAT, version: this.version, entries: this.entries };
    await writeFile(this.file, JSON.stringify(data));
  }
}
