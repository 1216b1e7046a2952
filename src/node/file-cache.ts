/**
 * File texts and folder listings kept across the loads of a long-running host (the language server and any
 * Reviewer re-reviewing the same bundles): each use costs one `stat`, and a file is read again only when its
 * inode, size, modification or change time differ from the cached read. Re-reading a template's sidecars
 * (data, schema, meta, text: stat, open, stat, read, close each, into a fresh 64 KB buffer) and listing its
 * folder and three parents cost a warm editor re-review a few milliseconds of main-thread time.
 * Bounded (least recently used first out); only regular files that were read whole are kept.
 */
import { stat } from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import type { Part } from '../core/types.js';
import { readTextFile, type ReadResult } from './read.js';

interface Entry {
  key: string;
  result: ReadResult;
}

export class FileCache {
  private readonly texts = new Map<string, Entry>();
  private readonly dirs = new Map<string, { key: string; names: Set<string> }>();

  constructor(private readonly maxFiles = 512) {}

  /** A file's text as readTextFile reads it, from the cache while the file is unchanged. */
  async read(file: string, part: Part, maxBytes: number): Promise<ReadResult> {
    let key: string;
    try {
      const st = await stat(file);
      if (!st.isFile()) return readTextFile(file, part, maxBytes);
      key = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${part}:${maxBytes}`;
    } catch {
      return readTextFile(file, part, maxBytes);
    }
    const hit = this.texts.get(file);
    if (hit?.key === key) {
      this.texts.delete(file);
      this.texts.set(file, hit);
      return hit.result;
    }
    const result = await readTextFile(file, part, maxBytes);
    this.texts.delete(file);
    if (result.ok) {
      this.texts.set(file, { key, result });
      if (this.texts.size > this.maxFiles) this.texts.delete(this.texts.keys().next().value!);
    }
    return result;
  }

  /** A folder's file names (empty when it cannot be listed), from the cache while the folder is unchanged. */
  async list(dir: string): Promise<Set<string>> {
    let key: string;
    try {
      const st = await stat(dir);
      key = `${st.ino}:${st.mtimeMs}:${st.ctimeMs}`;
    } catch {
      this.dirs.delete(dir);
      return new Set();
    }
    const hit = this.dirs.get(dir);
    if (hit?.key === key) return hit.names;
    const names = await readdir(dir).then((e) => new Set(e), () => undefined);
    if (!names) return new Set();
    this.dirs.set(dir, { key, names });
    if (this.dirs.size > this.maxFiles) this.dirs.delete(this.dirs.keys().next().value!);
    return names;
  }
}
