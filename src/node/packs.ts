/** Bundled packs from the package's rules/ folder, and the user's config file. */
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigFile, PackReader } from '../config/resolve.js';

/** The package's rules/ folder (next to dist/ and src/). */
export const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');

/** The bundled packs compiled by `npm run build` (compile-packs.ts). */
export const COMPILED_PACKS = path.resolve(RULES_DIR, '../dist/packs.json');

export const CONFIG_NAMES = ['inboxlint.config.json', 'inboxlint.config.yaml', 'inboxlint.config.yml'];

/** dist/packs.json: files under rules/ (posix paths) with the hash of the text they were compiled from. */
export interface CompiledPacks {
  format: 'inboxlint-packs/1';
  files: Record<string, { sha256: string; value: unknown }>;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function read(file: string): ConfigFile | undefined {
  try {
    return { path: file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

function readCompiled(file: string): CompiledPacks | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CompiledPacks;
    return c.format === 'inboxlint-packs/1' ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads packs, lists and models from `rulesDir`. `compiled`: the compiled packs file (default
 * dist/packs.json for the bundled rules/, none for another folder; null: none). A file whose text still has
 * the compiled hash comes with its checked value (ConfigFile.checked), so it is not parsed or checked again.
 */
export function createPackReader(rulesDir = RULES_DIR, compiled?: string | null): PackReader {
  const cache = new Map<string, ConfigFile | undefined>();
  const compiledFile = compiled === undefined ? (path.resolve(rulesDir) === RULES_DIR ? COMPILED_PACKS : null) : compiled;
  let packs: CompiledPacks | undefined | null = compiledFile ? undefined : null;
  const withChecked = (f: ConfigFile | undefined): ConfigFile | undefined => {
    if (!f || packs === null) return f;
    const rel = path.relative(rulesDir, f.path);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return f;
    if (packs === undefined) packs = readCompiled(compiledFile!) ?? null;
    const entry = packs?.files[rel.split(path.sep).join('/')];
    return entry && entry.sha256 === textHash(f.text) ? { ...f, checked: entry.value } : f;
  };
  return {
    pack(id) {
      if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(id)) return undefined;
      if (!cache.has(id)) cache.set(id, withChecked(read(path.join(rulesDir, `${id}.yaml`))));
      return cache.get(id);
    },
    ref(ref, from) {
      const inRules = !path.relative(rulesDir, from.path).startsWith('..');
      const file = path.resolve(inRules ? rulesDir : path.dirname(from.path), ref);
      return withChecked(read(file));
    },
    packIds() {
      const ids: string[] = [];
      const walk = (dir: string, prefix: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory() && e.name !== 'lists') walk(path.join(dir, e.name), `${prefix}${e.name}/`);
          else if (e.name.endsWith('.yaml')) ids.push(prefix + e.name.slice(0, -5));
        }
      };
      walk(rulesDir, '');
      return ids.sort();
    },
  };
}

/** Find inboxlint.config.{json,yaml,yml} in dir or its ancestors. */
export function findConfig(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    for (const n of CONFIG_NAMES) if (existsSync(path.join(d, n))) return path.join(d, n);
    if (path.dirname(d) === d) return undefined;
  }
}

export function readConfigFile(file: string): ConfigFile {
  const f = read(file);
  if (!f) throw new Error(`cannot read config file ${file}`);
  return f;
}
