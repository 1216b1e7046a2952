/**
 * The package as a user gets it: `npm pack`, installed into a scratch project (the tarball extracted into
 * node_modules as npm does, its dependencies linked from this checkout's node_modules: no registry), then
 * imported with types (`tsc --noEmit`), used to review a template string, and every example of docs/api.md
 * run against it.
 *
 * Like every test that runs `bin/` or `dist/`, it packs the build that is there (`npm run build` first; CI's
 * `npm ci` builds through `prepare`): `npm pack --ignore-scripts` does not build again. What the tarball holds
 * is decided by `files` and `exports`, not by the build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'inboxlint-pack-'));
  if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('no dist/: run `npm run build` first');
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = path.join(scratch, (JSON.parse(out.slice(out.indexOf('[\n'))) as { filename: string }[])[0]!.filename);
  const modules = path.join(scratch, 'node_modules');
  mkdirSync(modules);
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  renameSync(path.join(modules, 'package'), path.join(modules, 'inboxlint'));
  const pkg = JSON.parse(readFileSync(path.join(modules, 'inboxlint', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    mkdirSync(path.dirname(path.join(modules, dep)), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
  }
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  // A Node consumer, configured as this project is (lib ES2023, no DOM: the declarations may not lean on DOM
  // types; type-checking lib.dom.d.ts too cost seconds per run). skipLibCheck stays off: the package's
  // declarations are checked.
  writeFileSync(
    path.join(scratch, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2023', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'] }, include: ['*.ts'] }),
  );
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const node = (file: string) => spawnSync(process.execPath, [file], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });
const tsc = () => spawnSync(process.execPath, [TSC, '-p', scratch, '--pretty', 'false'], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });

describe('the packed package', () => {
  it('publishes dist with types, the rule packs and the docs, not the sources or tests', () => {
    const files = execFileSync('find', ['node_modules/inboxlint', '-type', 'f'], { cwd: scratch, encoding: 'utf8' });
    expect(files).toContain('node_modules/inboxlint/dist/index.d.ts');
    expect(files).toContain('node_modules/inboxlint/rules/core.yaml');
    expect(files).toContain('node_modules/inboxlint/docs/api.md');
    expect(files).not.toMatch(/inboxlint\/(src|test)\//);
  });

  it('type-checks a TypeScript consumer, and rejects a wrong use', () => {
    writeFileSync(
      path.join(scratch, 'use.ts'),
      `import { Reviewer, reviewTemplate, type Report, type TemplateInput, type Finding } from 'inboxlint';
const input: TemplateInput = { html: '<p>Hi {{name}}</p>', text: 'Hi', subject: 'Hi', data: { name: 'Ada' } };
const report: Report = await reviewTemplate(input, { config: false });
const first: Finding | undefined = report.findings[0];
const verdict: 'approved' | 'needs_review' | 'rejected' = report.decision.verdict;
const reviewer = new Reviewer({ checkUrls: 'cache' });
await reviewer.close();
console.log(verdict, first?.ruleId);
`,
    );
    // The types are real: a misspelt part and a wrong verdict are errors. Both files in one compilation
    // (a tsc run costs seconds): every diagnostic is in wrong.ts, so use.ts and the package's declarations
    // (skipLibCheck off) type-check cleanly.
    writeFileSync(path.join(scratch, 'wrong.ts'), `import { reviewTemplate } from 'inboxlint';\nconst r = await reviewTemplate({ htm: '<p/>' });\nconst v: 'ok' = r.decision.verdict;\nconsole.log(v);\n`);
    const r = tsc();
    rmSync(path.join(scratch, 'wrong.ts'));
    expect(r.stderr).toBe('');
    expect(r.status).not.toBe(0);
    const diagnostics = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
    expect(diagnostics.filter((l) => !l.startsWith('wrong.ts('))).toEqual([]);
    expect(r.stdout).toContain("'htm' does not exist");
    expect(r.stdout).toContain('wrong.ts(3,');
  }, 120_000);

  it('reviews a template string', () => {
    writeFileSync(
      path.join(scratch, 'review.mjs'),
      `import { reviewTemplate, VERSION } from 'inboxlint';
const r = await reviewTemplate({ html: '<html lang="en"><head><title>t</title></head><body><p>{{#if x}}Hi</p></body></html>', text: 'Hi', subject: 'Hi' }, { config: false });
console.log(JSON.stringify({ version: VERSION, verdict: r.decision.verdict, rules: r.findings.map((f) => f.ruleId) }));
`,
    );
    const r = node('review.mjs');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { version: string; verdict: string; rules: string[] };
    expect(out.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(out.verdict).toBe('rejected');
    expect(out.rules).toContain('syntax/handlebars');
  }, 120_000);

  it('runs every example of docs/api.md', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');
    const examples = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    // All examples in one process (each imported as its own module, in turn; loading the package costs a
    // second per process): a marker on stdout and stderr before each, so what an example writes to stderr,
    // and what it throws, is reported as its own.
    const files = examples.map((code, i) => {
      const file = `example-${i + 1}.mjs`;
      writeFileSync(path.join(scratch, file), code);
      return file;
    });
    writeFileSync(
      path.join(scratch, 'examples.mjs'),
      `for (const file of process.argv.slice(2)) {
  process.stdout.write('\\n@@ ' + file + '\\n');
  process.stderr.write('\\n@@ ' + file + '\\n');
  try { await import('./' + file); } catch (e) { process.stderr.write('threw: ' + (e && e.stack || e) + '\\n'); process.exitCode = 1; }
}
process.stderr.write('\\n@@ end\\n');
`,
    );
    const r = spawnSync(process.execPath, ['examples.mjs', ...files], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });
    const [before, ...sections] = r.stderr.split('\n@@ ');
    expect(before).toBe('');
    // Each example ran to its end, printed nothing on stderr, threw nothing.
    const stderr = sections.map((x) => ({ example: x.slice(0, x.indexOf('\n')), stderr: x.slice(x.indexOf('\n') + 1) }));
    expect(stderr).toEqual([...files, 'end'].map((example) => ({ example, stderr: '' })));
    expect(r.stdout.split('\n@@ ').slice(1).map((x) => x.split('\n')[0])).toEqual(files);
    expect(r.status).toBe(0);
  }, 240_000);
});
