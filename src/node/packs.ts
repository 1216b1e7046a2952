/** Bundled packs from the package's rules/ folder, and the user's config file. */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigFile, PackReader } from '../config/resolve.js';

/** The package's rules/ folder (next to dist/ and src/). */
export const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');

export const CONFIG_NAMES = ['inboxlint.config.json', 'inboxlint.config.yaml', 'inboxlint.config.yml'];

function read(file: string): ConfigFile | undefined {
  try {
    return { path: file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

export function createPackReader(rulesDir = RULES_DIR): PackReader {
  const cache = new Map<string, ConfigFile | undefined>();
  return {
    pack(id) {
      if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(id)) return undefined;
      if (!cache.has(id)) cache.set(id, read(path.join(rulesDir, `${id}.yaml`)));
      return cache.get(id);
    },
    ref(ref, from) {
      const inRules = !path.relative(rulesDir, from.path).startsWith('..');
      const file = path.resolve(inRules ? rulesDir : path.dirname(from.path), ref);
      return read(file);
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
