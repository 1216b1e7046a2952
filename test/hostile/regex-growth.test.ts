/**
 * The regular expressions written in the code (`/…/` literals under src/), on inputs their own literals
 * suggest, at n and 4n: like the rules and the packs' patterns, their work may grow about 4x, not 16x. Each
 * literal is read from the source with TypeScript's parser; the inputs are runs of a unit (a space, a letter,
 * a digit, punctuation, a tag or mustache opener), alone and after each word the regex itself spells (an
 * `@import` followed by 33 KB of spaces was quadratic in html/no-external-stylesheet, fuzz seed 1919 #10906,
 * and so was a subject "re" followed by spaces in content/subject-style). The inputs are not the ones a rule
 * feeds its regex (a rule may cut its input first), so a regex that is quadratic here is worth a look even
 * when its rule is not; none is today.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { growth, timeIt, tooFast } from './growth.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.generated.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every regex literal of a file, with where it is. */
function literals(file: string): { where: string; source: string; flags: string }[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { where: string; source: string; flags: string }[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      const slash = text.lastIndexOf('/');
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      out.push({ where: `${path.relative(SRC, file)}:${line + 1}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const REGEXES = files(SRC).flatMap(literals);
const UNITS = [' ', 'a', '1', '.', '-', '<', '{', '\n', 'a ', '1 ', '&', '"', "'", '=', '/', '*', '#', '%', '@', ':', ';', ',', '\t', 'A', '_', '}', '>', '(', ')'];

/** The words the regex spells (letters, digits and the characters it escapes), up to eight. */
function words(source: string): string[] {
  const plain = source.replace(/\[(?:\\.|[^\]\\])*\]/g, ' ').replace(/\\[dDwWsSbBnrtfv]|\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}/g, ' ');
  const found = plain.replace(/\\(.)/g, '$1').split(/[()|?*+{}^$[\]]+/).map((w) => w.trim()).filter((w) => w.length >= 2);
  return [...new Set(found)].slice(0, 8);
}

describe('regex literals in the code grow linearly', () => {
  it('finds the literals', () => expect(REGEXES.length).toBeGreaterThan(200));
  it('every literal, on runs of units alone and after its own words', async () => {
    const slow: string[] = [];
    for (const { where, source, flags } of REGEXES) {
      let re: RegExp;
      try {
        re = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
      } catch {
        continue;
      }
      const prefixes = ['', ...words(source)];
      const g = await growth(async (n) => {
        const out: Record<string, number> = {};
        for (const p of prefixes) {
          for (const u of UNITS) {
            // The run, and the run followed by a character that ends most matches (a failing match backtracks).
            for (const end of ['', '\u0001']) {
              const text = p + u.repeat(n) + end;
              out[JSON.stringify(p + u + end)] = await timeIt(() => {
                re.lastIndex = 0;
                for (const _ of text.matchAll(re));
              });
            }
          }
        }
        return out;
      }, 4000);
      const over = tooFast(g);
      if (over.length) slow.push(`${where} /${source}/${flags}: ${over.join(', ')}`);
    }
    expect(slow).toEqual([]);
  }, 300_000);
});
