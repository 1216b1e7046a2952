/** --changed-since <ref> on a real temporary git repository: templates whose own files, sidecars, partials or includes changed. */
import { describe, it, expect } from 'vitest';
import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tempDir, runCli, runJson } from '../helpers.js';
import { git } from './pr-git.js';

const page = (body: string) => `<!doctype html>\n<html lang="en"><head><title>Shipped</title></head><body>\n${body}\n</body></html>\n`;
const mjml = (body: string) => `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>\n`;

function repo(): string {
  const dir = tempDir({
    'emails/a.html': page('<p>Hi {{name}}, your order has shipped.</p>'),
    'emails/a.txt': 'Hi {{name}}, your order has shipped.',
    'emails/a.data.json': '{ "name": "Ada" }',
    'emails/b.hbs': page('<p>Hi {{name}}, your order has shipped.</p>{{> footer}}'),
    'emails/b.data.json': '{ "name": "Ada" }',
    'emails/partials/footer.hbs': '<p>Thanks</p>',
    'emails/partials/unused.hbs': '<p>Unused</p>',
    'emails/c.mjml': mjml('<mj-text>Your order has shipped.</mj-text><mj-include path="./parts/header.mjml" />'),
    'emails/parts/header.mjml': '<mj-text>Header</mj-text>',
    'emails/d.html': page('<p>Your order has shipped.</p>'),
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'templates');
  return dir;
}
const reviewed = async (dir: string, ref: string) => {
  const r = await runJson(['emails', '--changed-since', ref], dir);
  return (r.json?.results ?? []).map((x: any) => x.path);
};

describe('CLI --changed-since', () => {
  it('reviews the templates whose data, partial or include changed, committed, staged or not', async () => {
    const dir = repo();
    expect(await reviewed(dir, 'HEAD')).toEqual([]);
    const none = await runCli(['emails', '--changed-since', 'HEAD'], dir);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('no template changed since HEAD');

    writeFileSync(path.join(dir, 'emails/a.data.json'), '{ "name": "Grace" }');
    git(dir, 'commit', '-qam', 'data');
    expect(await reviewed(dir, 'HEAD~1')).toEqual(['emails/a.html']);

    // Uncommitted: a partial b.hbs calls (an unused one affects nobody), and an MJML include.
    writeFileSync(path.join(dir, 'emails/partials/unused.hbs'), '<p>Still unused</p>');
    expect(await reviewed(dir, 'HEAD')).toEqual([]);
    writeFileSync(path.join(dir, 'emails/partials/footer.hbs'), '<p>Thanks!</p>');
    writeFileSync(path.join(dir, 'emails/parts/header.mjml'), '<mj-text>New header</mj-text>');
    expect(await reviewed(dir, 'HEAD')).toEqual(['emails/b.hbs', 'emails/c.mjml']);
    expect(await reviewed(dir, 'HEAD~1')).toEqual(['emails/a.html', 'emails/b.hbs', 'emails/c.mjml']);
  });

  it('a new (untracked) sidecar or a deleted one counts; a config change reviews everything', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'emails/d.meta.json'), '{ "subject": "Shipped" }');
    rmSync(path.join(dir, 'emails/b.data.json'));
    expect(await reviewed(dir, 'HEAD')).toEqual(['emails/b.hbs', 'emails/d.html']);
    writeFileSync(path.join(dir, 'inboxlint.config.json'), '{}');
    expect(await reviewed(dir, 'HEAD')).toEqual(['emails/a.html', 'emails/b.hbs', 'emails/c.mjml', 'emails/d.html']);
  });

  it('an unknown ref, an option-like ref or a folder outside git is a clear error (exit 2)', async () => {
    const dir = repo();
    const bad = await runCli(['emails', '--changed-since', 'no-such-branch'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'no-such-branch' is not a commit");
    expect((await runCli(['emails', '--changed-since=--output=x'], dir)).code).toBe(2);
    const plain = tempDir({ 'a.html': page('<p>x</p>') });
    const outside = await runCli(['.', '--changed-since', 'HEAD'], plain);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/git rev-parse failed/);
  });
});
