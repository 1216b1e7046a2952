/**
 * The bundled packs compiled at build time (`npm run build` → dist/packs.json): every pack, list and model
 * file that resolving any bundled profile reads, parsed and checked (pack and list schemas, list patterns,
 * rule options against the built-in rules, the model), keyed by its path under rules/ with the SHA-256 of
 * its text. The YAML stays the source of truth: the reader (packs.ts) uses an entry only while the file's
 * text still has that hash, so an edited pack is parsed and checked as before.
 */
import path from 'node:path';
import { parseConfigText, resolveConfig, type ConfigFile, type PackReader } from '../config/resolve.js';
import { builtinRules } from '../rules/index.js';
import { createPackReader, RULES_DIR, textHash, type CompiledPacks } from './packs.js';

export function compilePacks(rulesDir = RULES_DIR): CompiledPacks {
  const plain = createPackReader(rulesDir, null);
  const read = new Map<string, ConfigFile>();
  const seen = (f: ConfigFile | undefined) => {
    if (f) read.set(f.path, f);
    return f;
  };
  const recording: PackReader = {
    pack: (id) => seen(plain.pack(id)),
    ref: (ref, from) => seen(plain.ref(ref, from)),
    packIds: () => plain.packIds(),
  };
  // Resolving every profile checks every file it reads (throws ConfigError on the first problem).
  for (const id of plain.packIds()) resolveConfig({ rules: builtinRules, reader: recording, profile: id });
  const files: CompiledPacks['files'] = {};
  for (const f of [...read.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const rel = path.relative(rulesDir, f.path).split(path.sep).join('/');
    if (rel.startsWith('..')) continue;
    // The model is a JSON file read by the decision layer, the rest are layers and lists.
    const value = /\.json$/i.test(f.path) ? JSON.parse(f.text) : parseConfigText(f).value;
    files[rel] = { sha256: textHash(f.text), value };
  }
  return { format: 'inboxlint-packs/1', files };
}
