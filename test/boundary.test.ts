/**
 * The boundaries ESLint enforces (docs/architecture.md): the pure core does no I/O (DESIGN.md, principle 1),
 * and imports go down the layers of src/.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const config = '../eslint.config.js';
const { LAYERS } = (await import(config)) as { LAYERS: { name: string; folders: string[] }[] };

async function lint(file: string, code: string, rule = 'no-restricted-imports') {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}
const layer = (file: string, code: string) => lint(file, code, 'inboxlint/layer-order');

describe('import boundary', () => {
  it.each(['src/core/x.ts', 'src/parse/x.ts', 'src/analysis/x.ts', 'src/rules/html/x.ts', 'src/decision/x.ts', 'src/config/x.ts', 'src/review/x.ts', 'src/format/x.ts'])('%s may not do I/O', async (file) => {
    expect(await lint(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await lint(file, "import { request } from 'undici';\nexport const x = request;\n")).toHaveLength(1);
    expect(await lint(file, "import express from 'express';\nexport const x = express;\n")).toHaveLength(1);
  });

  it.each(['src/node/x.ts', 'src/probe/x.ts', 'src/cli/x.ts'])('%s may', async (file) => {
    expect(await lint(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
  });
});

describe('layer order', () => {
  it.each([
    ['src/parse/x.ts', '../analysis/text.js'],
    ['src/core/x.ts', '../parse/json.js'],
    ['src/analysis/x.ts', '../rules/rule.js'],
    ['src/rules/html/x.ts', '../../decision/decide.js'],
    ['src/decision/x.ts', '../review/review.js'],
    ['src/review/x.ts', '../node/engine.js'],
  ])('%s may not import %s (upwards)', async (file, spec) => {
    expect(await layer(file, `import { y } from '${spec}';\nexport const x = y;\n`)).toHaveLength(1);
    expect(await layer(file, `import type { Y } from '${spec}';\nexport type X = Y;\n`)).toHaveLength(1);
    expect(await layer(file, `export { y } from '${spec}';\n`)).toHaveLength(1);
    expect(await layer(file, `export const x = () => import('${spec}');\n`)).toHaveLength(1);
  });

  it.each([
    ['src/rules/html/x.ts', '../../parse/json.js'],
    ['src/rules/x.ts', '../parse/html.js'],
    ['src/decision/x.ts', '../parse/mjml.js'],
  ])('%s reads the model, not a parser: %s', async (file, spec) => {
    expect(await layer(file, `import { y } from '${spec}';\nexport const x = y;\n`)).toEqual([expect.stringContaining('never a parser')]);
  });

  it.each([
    ['src/analysis/x.ts', '../parse/json.js'],
    ['src/rules/html/x.ts', '../../analysis/template-doc.js'],
    ['src/rules/html/x.ts', '../../core/types.js'],
    ['src/decision/x.ts', '../analysis/text.js'],
    ['src/review/x.ts', '../decision/decide.js'],
    ['src/node/x.ts', '../parse/json.js'],
    ['src/cli/x.ts', '../node/engine.js'],
  ])('%s may import %s', async (file, spec) => {
    expect(await layer(file, `import { y } from '${spec}';\nexport const x = y;\n`)).toEqual([]);
  });

  it('a folder of src/ outside the layer map is reported', async () => {
    expect(await layer('src/misc/x.ts', "import { y } from '../core/types.js';\nexport const x = y;\n")).toEqual([expect.stringContaining('not in the layer map')]);
  });

  it('every folder of src/ is in one layer, and docs/architecture.md lists the layers in that order', () => {
    const folders = readdirSync('src', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const mapped = LAYERS.flatMap((l) => l.folders);
    for (const f of folders) expect(mapped, `src/${f}`).toContain(f);
    expect(new Set(mapped).size).toBe(mapped.length);
    // The doc's folder map: one table row per layer, bottom first, naming its folders.
    const doc = readFileSync('docs/architecture.md', 'utf8');
    const rows = [...doc.matchAll(/^\| (\d) \| \*\*(\w+)\*\* \| ([^|]+) \|/gm)].map((m) => ({ rank: Number(m[1]), name: m[2], folders: m[3]! }));
    expect(rows.map((r) => r.name)).toEqual(LAYERS.map((l) => l.name));
    rows.forEach((r, i) => {
      expect(r.rank).toBe(i);
      for (const f of LAYERS[i]!.folders.filter((x) => x !== '.')) expect(r.folders, r.name).toContain(`src/${f}/`);
    });
  });
});
