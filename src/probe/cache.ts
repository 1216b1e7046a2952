/**
 * Probe result cache: in memory, optionally backed by a JSON file shared between runs.
 *
 * What is kept, and for how long:
 *   ok, broken   ttlMs (default 24 h)
 *   unknown      unknownTtlMs (default 10 min; 0 keeps none) when the server answered (403, 429, 5xx);
 *                never when the checker failed (DNS, timeout, connection refused, time budget): those
 *                are not facts about the URL, and a run without network must not poison later runs
 *   refused      never (it depends on this run's settings and costs nothing to recompute)
 *
 * The file is written atomically (temp file + rename) and merged with what is on disk at save time,
 * so two runs sharing one file lose at most each other's newest entries. A missing, unreadable or
 * corrupt file means an empty cache, never a crash.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ProbeKind, ProbeResult } from '../core/probe-port.js';

export const DEFAULT_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_UNKNOWN_TTL_MS = 10 * 60 * 1000;
/** Codes of "not checked" results where the checker, not the URL, failed. */
const CHECKER_FAILURES = new Set<string>(['budget-exhausted', 'dns-error', 'timeout', 'network-error']);
const FILE_VERSION = 1;

export interface ProbeCacheOptions {
  /** JSON file to load from and save to; without it the cache lives in memory only. */
  file?: string;
  ttlMs?: number;
  unknownTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  expires: number;
  result: ProbeResult;
}

interface CacheFile {
  version: number;
  entries: Record<string, Entry>;
}

/**
 * `variant` names the settings a result depends on when they differ from the defaults (resultVariant): a
 * result fetched with private hosts allowed must not answer a run that forbids them.
 */
export function cacheKey(kind: ProbeKind, url: string, variant = ''): string {
  return variant ? `${kind} ${url} ${variant}` : `${kind} ${url}`;
}

/** The part of a cache key for the settings that change results ('' for the defaults: keys stay as they were). */
export function resultVariant(o: { allowPrivate: boolean; maxRedirects: number; largeImageBytes: number }, defaults: { maxRedirects: number; largeImageBytes: number }): string {
  const parts: string[] = [];
  if (o.allowPrivate) parts.push('private');
  if (o.maxRedirects !== defaults.maxRedirects) parts.push(`redirects=${o.maxRedirects}`);
  if (o.largeImageBytes !== defaults.largeImageBytes) parts.push(`large=${o.largeImageBytes}`);
  return parts.join(',');
}

function isEntry(value: unknown): value is Entry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Partial<Entry>;
  const r = e.result as Partial<ProbeResult> | undefined;
  return (
    typeof e.expires === 'number' &&
    !!r &&
    typeof r === 'object' &&
    typeof r.url === 'string' &&
    (r.kind === 'image' || r.kind === 'link') &&
    (r.status === 'ok' || r.status === 'broken' || r.status === 'unknown') &&
    typeof r.code === 'string' &&
    typeof r.reason === 'string' &&
    Array.isArray(r.redirects)
  );
}

/** Reads a cache file; anything unreadable or malformed yields no entries. */
async function readEntries(file: string): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return entries;
  }
  const data = parsed as Partial<CacheFile> | null;
  if (!data || typeof data !== 'object' || data.version !== FILE_VERSION || !data.entries || typeof data.entries !== 'object') return entries;
  for (const [key, value] of Object.entries(data.entries)) {
    if (isEntry(value)) entries.set(key, value);
  }
  return entries;
}

export class ProbeCache {
  readonly file: string | undefined;
  private readonly ttlMs: number;
  private readonly unknownTtlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private loaded: Promise<void> | undefined;
  private dirty = false;
  /** The last error met while saving (the cache never throws). */
  lastError: unknown;

  constructor(options: ProbeCacheOptions = {}) {
    this.file = options.file;
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.unknownTtlMs = options.unknownTtlMs ?? DEFAULT_UNKNOWN_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Loads the file once (later calls share the first load). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const now = this.now();
      for (const [key, entry] of await readEntries(this.file)) {
        if (entry.expires > now && !this.entries.has(key)) this.entries.set(key, entry);
      }
    })();
    return this.loaded;
  }

  /** A fresh cached result, marked fromCache, or undefined. */
  get(key: string): ProbeResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return { ...entry.result, fromCache: true };
  }

  /** How long a result may be kept, in ms (0: not kept). */
  ttlFor(result: ProbeResult): number {
    if (result.status === 'ok' || result.status === 'broken') return this.ttlMs;
    if (result.status === 'unknown' && !CHECKER_FAILURES.has(result.code)) return this.unknownTtlMs;
    return 0;
  }

  set(key: string, result: ProbeResult): void {
    const ttl = this.ttlFor(result);
    if (ttl <= 0) return;
    const { fromCache: _fromCache, ...stored } = result;
    this.entries.set(key, { expires: this.now() + ttl, result: stored });
    this.dirty = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the file (merged with what is on disk now) if anything changed. Returns false on failure. */
  async save(): Promise<boolean> {
    if (!this.file || !this.dirty) return true;
    const file = this.file;
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      const now = this.now();
      const merged = await readEntries(file);
      for (const [key, entry] of this.entries) {
        const other = merged.get(key);
        if (!other || other.expires < entry.expires) merged.set(key, entry);
      }
      const out: CacheFile = { version: FILE_VERSION, entries: {} };
      for (const [key, entry] of merged) if (entry.expires > now) out.entries[key] = entry;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, JSON.stringify(out), 'utf8');
      await rename(tmp, file);
      this.dirty = false;
      return true;
    } catch (error) {
      this.lastError = error;
      await rm(tmp, { force: true }).catch(() => undefined);
      return false;
    }
  }
}
