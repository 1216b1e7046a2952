/** The import boundary that keeps the core pure is enforced by ESLint (DESIGN.md, principle 1). */
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function lint(file: string, code: string) {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundary', () => {
  it.each(['src/core/x.ts', 'src/parse/x.ts', 'src/rules/html/x.ts', 'src/config/x.ts', 'src/score/x.ts', 'src/format/x.ts'])('%s may not do I/O', async (file) => {
    expect(await lint(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await lint(file, "import { request } from 'undici';\nexport const x = request;\n")).toHaveLength(1);
    expect(await lint(file, "import express from 'express';\nexport const x = express;\n")).toHaveLength(1);
  });

  it.each(['src/node/x.ts', 'src/probe/x.ts', 'src/cli/x.ts'])('%s may', async (file) => {
    expect(await lint(file, "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
  });
});
