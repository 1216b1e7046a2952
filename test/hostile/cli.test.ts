/**
 * The hostile inputs of issue 13 through the real CLI (dist/, run `npm run build` first), each in its own
 * process with the V8 heap capped at 400 MB: it finishes (a generous timeout, not a timing), exits 0 or 1,
 * writes a JSON report under 2 MB and no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers.js';
import { HOSTILE, renderBomb, type HostileCase } from './inputs.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/inboxlint.js');
const MB = 1024 * 1024;

function run(args: string[], cwd: string, shell?: string) {
  const r = shell
    ? spawnSync('sh', ['-c', shell], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 512 * MB })
    : spawnSync(process.execPath, ['--max-old-space-size=400', BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 512 * MB });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function files(name: string, c: HostileCase): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.html !== undefined) out[`${name}.html`] = c.html;
  if (c.mjml !== undefined) out[`${name}.mjml`] = c.mjml;
  if (c.text !== undefined) out[c.html !== undefined || c.mjml !== undefined ? `${name}.txt` : `${name}.txt`] = c.text;
  if (c.meta !== undefined) out[`${name}.meta.json`] = c.meta;
  if (c.data !== undefined) out[`${name}.data.json`] = c.data;
  if (c.schema !== undefined) out[`${name}.schema.json`] = c.schema;
  return out;
}

function expectWellBehaved(r: ReturnType<typeof run>) {
  expect(r.signal).toBeNull();
  expect([0, 1]).toContain(r.code);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stdout.length).toBeLessThan(2 * MB);
}

/** The inputs, at the sizes it names. */
const CASES: [string, HostileCase][] = [
  ['100 KB of digits in one paragraph', HOSTILE.digits!(100_000)],
  ['100 KB of {{', HOSTILE.openMustaches!(50_000)],
  ['200 KB of url( in a style', HOSTILE.urlCalls!(50_000)],
  ['100 KB of a. as link text', HOSTILE.linkTextDots!(50_000)],
  ['400 KB of <style ', HOSTILE.styleOpen!(57_000)],
  ['100,000 nested <div>', HOSTILE.nestedDivs!(100_000)],
  ['100,000 unclosed {{#if}}', HOSTILE.unclosedIf!(100_000)],
  ['40,000 http: images', HOSTILE.httpImages!(40_000)],
  ['2.1 MB of HTML (links)', HOSTILE.anchors!(42_000)],
  ['a JSON \\u0000 escape in the subject', HOSTILE.metaNul!(3)],
];

describe('hostile inputs through the CLI', () => {
  for (const [name, c] of CASES) {
    it(name, () => {
      const dir = tempDir(files('t', c));
      const r = run(['.', '-f', 'json'], dir);
      expectWellBehaved(r);
      const json = JSON.parse(r.stdout);
      expect(json.results).toHaveLength(1);
      // Messages never carry raw control characters.
      expect(r.stdout).not.toMatch(/[\u0000-\u0008]/);
    }, 180_000);
  }

  for (const items of [100, 200]) {
    it(`render bomb over ${items} items stops at the budget and is not approved`, () => {
      const dir = tempDir(files('bomb', renderBomb(items)));
      const r = run(['.', '-f', 'json'], dir);
      expectWellBehaved(r);
      const [result] = JSON.parse(r.stdout).results;
      expect(result.decision.verdict).not.toBe('approved');
      expect(result.findings.some((f: { ruleId: string; message: string }) => f.ruleId === 'data/render-error' && /more than \d+ (steps|characters)/.test(f.message))).toBe(true);
    }, 180_000);
  }

  it('schemas: $schema spellings and self-references are findings, never exit 2', () => {
    const base = { html: '<html lang="en"><head><title>t</title></head><body><p>{{a}}</p></body></html>', data: '{"a":"x"}' };
    const schemas = ['{"$schema":"https://json-schema.org/draft-07/schema","type":"object"}', '{"$schema":"http://json-schema.org/draft/2020-12/schema","type":"object"}', '{"$ref":"#"}', '{"$dynamicAnchor":"m","allOf":[{"$dynamicRef":"#m"}]}'];
    const dir = tempDir(Object.assign({}, ...schemas.map((schema, i) => files(`s${i}`, { ...base, schema }))));
    const r = run(['.', '-f', 'json'], dir);
    expectWellBehaved(r);
    expect(JSON.parse(r.stdout).results).toHaveLength(4);
  }, 180_000);

  it('MJML with an unknown head tag: nothing from mjml on stderr', () => {
    const dir = tempDir({ 'm.mjml': '<mjml><mj-head><mj-zzz/></mj-head><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>' });
    const r = run(['.', '-f', 'json'], dir);
    expectWellBehaved(r);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('a FIFO named on the command line is refused with a finding, without blocking', () => {
    const dir = tempDir({});
    const fifo = path.join(dir, 'pipe.html');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = run(['pipe.html', '-f', 'json'], dir);
    expectWellBehaved(r);
    const [result] = JSON.parse(r.stdout).results;
    expect(result.findings.map((f: { message: string }) => f.message).join('\n')).toMatch(/not a regular file \(a named pipe\)/);
  }, 60_000);

  it('EPIPE: inboxlint … | head -1 ends quietly', () => {
    const dir = tempDir(files('t', HOSTILE.httpImages!(2000)));
    const r = run([], dir, `"${process.execPath}" "${BIN}" . -f json | head -1`);
    expect(r.stdout.trim()).toBe('{');
    expect(r.stderr).toBe('');
  }, 60_000);

  it('a folder with symbolic links back to itself reviews each template once', () => {
    const dir = tempDir({ 'a/t.html': '<p>x</p>', 'a/t.txt': 'x' });
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    symlinkSync(dir, path.join(dir, 'a', 'up'));
    symlinkSync(path.join(dir, 'a', 't.html'), path.join(dir, 'link.html'));
    const r = run(['.', '-f', 'json'], dir);
    expectWellBehaved(r);
    expect(JSON.parse(r.stdout).results.map((x: { path: string }) => x.path)).toEqual([path.join('a', 't.html')]);
  }, 60_000);

  // root reads any folder whatever its mode: the check needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('an unreadable folder is reported, not skipped in silence', () => {
    const dir = tempDir({ 't.html': '<p>x</p>', 't.txt': 'x' });
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked', 'u.html'), '<p>x</p>');
    chmodSync(path.join(dir, 'locked'), 0);
    try {
      const r = run(['.', '-f', 'json'], dir);
      expect(r.stderr).toMatch(/cannot read folder .*locked: permission denied/);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  }, 60_000);
});
