/**
 * Every file a template is, or would be, composed of: what `--changed-since` compares with the changed files
 * (a deleted sidecar or include counts too):
 * - the template itself and its sidecars `<name>.txt|.meta.json|.data.json|.schema.json` (bundle.ts);
 * - the Handlebars partials and layouts it calls (`{{> name}}`, `{{#> layout}}`), also through other partials:
 *   in `<name>.partials/`, beside it, or in `partials/` or `layouts/` up to three folders above it;
 * - the files it pulls in with `<mj-include>`, recursively.
 */
import path from 'node:path';
import { loadBundle, PARTIAL_CALL, SIDECARS } from './bundle.js';
import { findMjIncludes } from '../parse/mj-include.js';
import type { PartSource } from '../core/source.js';

const PARTIAL_FILE_EXTS = ['.hbs', '.handlebars', '.html'];

/** Every file the template at `file` is, or would be, composed of (absolute paths). */
export async function dependencies(file: string, cwd: string): Promise<Set<string>> {
  const deps = new Set<string>([path.resolve(file)]);
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.(html|hbs|mjml|txt|json)$/i, '');
  for (const s of [...SIDECARS, '.txt']) deps.add(path.join(dir, base + s));
  let src;
  try {
    src = await loadBundle(file, { cwd });
  } catch {
    return deps;
  }
  if (!src) return deps;
  const abs = (p: string) => path.resolve(cwd, p);
  for (const p of [src.html, src.text, src.subject, src.meta, src.data, src.schema]) if (p) deps.add(abs(p.path));
  // MJML includes: the ones read, and the ones asked for (a deleted or new include file).
  const mjml: { dir: string; text: string }[] = src.html ? [{ dir, text: src.html.text }] : [];
  for (const inc of Object.values(src.includes ?? {})) {
    deps.add(abs(inc.path));
    mjml.push({ dir: path.dirname(abs(inc.path)), text: inc.text });
  }
  for (const m of mjml) for (const inc of findMjIncludes(m.text)) if (!path.isAbsolute(inc.path)) deps.add(path.resolve(m.dir, inc.path));
  // Handlebars partials and layouts it calls, also through the partials it calls.
  const partials: Record<string, PartSource> = src.partials ?? {};
  const folders = [path.join(dir, `${base}.partials`), dir];
  for (let d = dir, level = 0; level < 3; level++) {
    folders.push(path.join(d, 'partials'), path.join(d, 'layouts'));
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  const seen = new Set<string>();
  const queue = [src.html?.text ?? '', src.text?.text ?? ''];
  while (queue.length) {
    const text = queue.shift()!;
    if (!text.includes('{{')) continue;
    for (const m of text.matchAll(PARTIAL_CALL)) {
      const key = m[1]!;
      if (seen.has(key) || key.includes('..')) continue;
      seen.add(key);
      for (const folder of folders) for (const ext of PARTIAL_FILE_EXTS) deps.add(path.join(folder, ...key.split('/')) + ext);
      const p = partials[key];
      if (p) {
        deps.add(abs(p.path));
        queue.push(p.text);
      }
    }
  }
  return deps;
}

