/**
 * The hostile inputs of issue 13 through the real CLI (dist/, run `npm run build` first) with the V8 heap
 * capped at 400 MB: it finishes (a generous timeout, not a timing), exits 0 or 1, writes a JSON report under
 * 2 MB per template and no stack trace.
 *
 * The inputs are reviewed in one CLI run, each in a folder of its own (a process costs a second of start-up;
 * one per input made this the slowest file of the suite). The run holds every input under the same 400 MB
 * heap, a stricter bound than a process each; its exit code and stderr answer for all of them, and each
 * input's report is checked on its own. The host-hygiene cases (FIFO, EPIPE) are about the process and
 * keep a process each; the folder walk (symbolic links, unreadable folders) is tested in-process in walk.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../temp-dir.js';
import { HOSTILE, hiddenAfterCssErrors, renderBomb, type HostileCase } from './inputs.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/inboxlint.js');
const MB = 1024 * 1024;

function run(args: string[], cwd: string, shell?: string) {
  const r = shell
    ? spawnSync('sh', ['-c', shell], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 512 * MB })
    : spawnSync(process.execPath, ['--max-old-space-size=400', BIN, ...args], { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 512 * MB });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function files(name: string, c: HostileCase): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.html !== undefined) out[`${name}.html`] = c.html;
  if (c.mjml !== undefined) out[`${name}.mjml`] = c.mjml;
  if (c.text !== undefined) out[`${name}.txt`] = c.text;
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
}

interface Result {
  path: string;
  findings: { ruleId: string; message: string }[];
  decision: { verdict: string };
}

/** The inputs, at the sizes it names; each reviewed from folder `c<i>`. */
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
  ['render bomb over 100 items', renderBomb(100)],
  ['render bomb over 200 items', renderBomb(200)],
  // The links' URLs are resolved by rendering the template with markers (urls.ts): under the same budget.
  ['render bomb over 100 items around a link', renderBomb(100, '<a href="https://x.com/{{this}}">x</a>')],
  ['text hidden after 60 KB of CSS syntax errors', hiddenAfterCssErrors(15_000)],
];
const CSS_ERRORS = CASES.length - 1;
const BOMBS = new Set([10, 11, 12]);

const SCHEMA_BASE = { html: '<html lang="en"><head><title>t</title></head><body><p>{{a}}</p></body></html>', data: '{"a":"x"}' };
const SCHEMAS: (string | { schema: string; data: string })[] = [
  '{"$schema":"https://json-schema.org/draft-07/schema","type":"object"}',
  '{"$schema":"http://json-schema.org/draft/2020-12/schema","type":"object"}',
  '{"$ref":"#"}',
  '{"$dynamicAnchor":"m","allOf":[{"$dynamicRef":"#m"}]}',
  // Objects in enum, const and uniqueItems: ajv's deep equality threw on prototype-less samples (exit 2).
  { schema: '{"properties":{"a":{"enum":[{"b":1}]}}}', data: '{"a":{"b":1}}' },
  { schema: '{"properties":{"a":{"const":{"b":[1,{"c":2}]}}}}', data: '{"a":{"b":[1,{"c":3}]}}' },
  { schema: '{"properties":{"a":{"uniqueItems":true}}}', data: '{"a":[{"valueOf":1},{"valueOf":1},{"toString":1}]}' },
];
const MJML_UNKNOWN_HEAD = '<mjml><mj-head><mj-zzz/></mj-head><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>';

describe('hostile inputs through the CLI, in one run', () => {
  let r: ReturnType<typeof run>;
  const results = new Map<string, Result>();

  beforeAll(() => {
    const dir = tempDir(
      Object.assign(
        { 'mjml/m.mjml': MJML_UNKNOWN_HEAD },
        ...CASES.map(([, c], i) => files(`c${i}/t`, c)),
        ...SCHEMAS.map((schema, i) => files(`schemas/s${i}`, { ...SCHEMA_BASE, ...(typeof schema === 'string' ? { schema } : schema) })),
      ),
    );
    r = run(['.', '-f', 'json'], dir);
    for (const result of (JSON.parse(r.stdout) as { results: Result[] }).results) results.set(path.dirname(result.path), result);
  }, 300_000);

  it('ends well: exit 0 or 1, no stack trace, nothing on stderr (nothing from mjml), every template reported once', () => {
    expectWellBehaved(r);
    expect(r.stderr).toBe('');
    const folders = (JSON.parse(r.stdout) as { results: Result[] }).results.map((x) => path.dirname(x.path));
    expect(folders.sort()).toEqual([...CASES.map((_, i) => `c${i}`), 'mjml', ...SCHEMAS.map(() => 'schemas')].sort());
    // Messages never carry raw control characters.
    expect(r.stdout).not.toMatch(/[\u0000-\u0008]/);
  });

  CASES.forEach(([name, c], i) => {
    it(name, () => {
      const result = results.get(`c${i}`);
      expect(result, `no report for ${Object.keys(files('t', c)).join(', ')}`).toBeDefined();
      // The report of this template, as the json format prints it: under 2 MB.
      expect(JSON.stringify(result, null, 2).length).toBeLessThan(2 * MB);
      if (BOMBS.has(i)) {
        // The render bomb stops at the budget and is not approved.
        expect(result!.decision.verdict).not.toBe('approved');
        expect(result!.findings.some((f) => f.ruleId === 'data/render-error' && /more than \d+ (steps|characters)/.test(f.message))).toBe(true);
      }
    });
  });

  it('a style rule after 60 KB of CSS syntax errors is read: the hidden text is found, within the time budget', () => {
    const ids = results.get(`c${CSS_ERRORS}`)!.findings.map((f) => f.ruleId);
    expect(ids).toContain('content/hidden-text');
    expect(ids).not.toContain('syntax/review-limits');
  });

  it('schemas: $schema spellings, self-references and objects in enum/const/uniqueItems are findings, never exit 2', () => {
    const schemas = JSON.parse(r.stdout).results.filter((x: Result) => path.dirname(x.path) === 'schemas');
    expect(schemas.map((x: Result) => path.basename(x.path))).toEqual(SCHEMAS.map((_, i) => `s${i}.html`));
    const sampleFindings = (i: number) => schemas[i].findings.filter((f: { ruleId: string }) => f.ruleId === 'data/sample-schema').map((f: { message: string }) => f.message);
    expect(sampleFindings(4)).toEqual([]);
    expect(sampleFindings(5)).toEqual([expect.stringContaining('must be {"b":[1,{"c":2}]}')]);
    expect(sampleFindings(6)).toEqual([expect.stringContaining('cannot be validated')]);
  });

  it('MJML with an unknown head tag is reviewed, with nothing from mjml on stderr', () => {
    expect(results.get('mjml')?.path).toBe(path.join('mjml', 'm.mjml'));
    expect(r.stderr).toBe('');
  });
});

describe('hostile hosts', () => {
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

});
