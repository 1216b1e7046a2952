import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { compileMjml } from '../../src/parse/mjml.js';
import { LineIndex } from '../../src/core/line-index.js';
import { tempDir } from '../helpers.js';

describe('compileMjml', () => {
  it('never reads an <mj-include>d file (the core does no file I/O), whatever the working directory', async () => {
    const dir = tempDir({ 'secret.mjml': '<mj-text>TOP-SECRET-PARTIAL</mj-text>', 'secret.css': '.x{color:red} /* TOP-SECRET-CSS */' });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const include of ['secret.mjml', path.join(dir, 'secret.mjml'), '../../../../etc/hostname']) {
        const src = `<mjml><mj-head><mj-include path="secret.css" type="css" /></mj-head><mj-body><mj-section><mj-column>\n<mj-include path="${include}" />\n<mj-text>own</mj-text></mj-column></mj-section></mj-body></mjml>`;
        const out = await compileMjml(src, new LineIndex(src));
        expect(out.fatal).toBeUndefined();
        expect(out.html).toContain('own');
        expect(out.html).not.toContain('TOP-SECRET');
      }
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('MJML issues located in the source', () => {
  it('the n-th issue about a tag on a line is at the n-th such tag there; a tag not on its line gives the line', async () => {
    const src = '<mjml><mj-body><mj-section><mj-column><mj-zzzz/><mj-zzz a="1"/><mj-text>x</mj-text><mj-zzz b="2"/></mj-column></mj-section>\n  <mj-yyy/></mj-body></mjml>';
    const out = await compileMjml(src, new LineIndex(src));
    const spans = out.issues.filter((i) => i.tagName === 'mj-zzz' || i.tagName === 'mj-yyy').map((i) => [i.tagName, src.slice(i.span.start, i.span.end)]);
    expect(spans).toEqual([
      ['mj-zzz', '<mj-zzz a="1"/>'], // not the <mj-zzzz/> before it
      ['mj-zzz', '<mj-zzz b="2"/>'],
      ['mj-yyy', '<mj-yyy/>'],
    ]);
  });
});
