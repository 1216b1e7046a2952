/**
 * Inline disable directives (src/core/directives.ts), applied by review() with every built-in rule, and
 * syntax/unused-disable for the ones that disable nothing.
 */
import { describe, it, expect } from 'vitest';
import { Engine } from '../../../src/node/engine.js';
import { sourceFor, fileText, type Case } from '../../rule-tester.js';
import { applyEdits, fixesByFile } from '../../../src/core/fixes.js';

const engine = new Engine({ configPath: null, profile: 'core' });
const review = (c: Case) => engine.review(sourceFor(c));
const ids = (r: Awaited<ReturnType<typeof review>>, rule?: string) => r.findings.filter((f) => !rule || f.ruleId === rule).map((f) => `${f.ruleId} ${f.part} ${f.line}:${f.column}`);

const img = '<img src="https://x.com/a.png" width="10" height="10">';
const body = (s: string) => `<html lang="en"><head><title>t</title></head><body>\n${s}\n</body></html>`;

describe('inline disable directives', () => {
  it('the image without alt is found when nothing disables it', async () => {
    expect(ids(await review({ html: body(img) }), 'images/require-alt')).toEqual(['images/require-alt html 2:1']);
  });

  it('disable-next-line, disable-line and a block, in HTML comments; nothing left unused', async () => {
    const html = body(
      [
        '<!-- inboxlint-disable-next-line images/require-alt -->',
        img,
        `${img} <!-- inboxlint-disable-line images/require-alt -- a spacer -->`,
        '<!-- inboxlint-disable images/require-alt -->',
        img,
        img,
        '<!-- inboxlint-enable images/require-alt -->',
        img,
      ].join('\n'),
    );
    const r = await review({ html });
    expect(ids(r, 'images/require-alt')).toEqual(['images/require-alt html 9:1']);
    expect(ids(r, 'syntax/unused-disable')).toEqual([]);
  });

  it('Handlebars comments in the HTML and the text part, and a disable without rules', async () => {
    const r = await review({
      html: body(`{{!-- inboxlint-disable-next-line images/require-alt --}}\n${img}\n{{! inboxlint-disable-next-line }}\n<a href="http://x.com/a">x</a>`),
      text: 'Hello,\n{{!-- inboxlint-disable-next-line links/require-https --}}\nsee http://x.com/a\nand http://x.com/b',
    });
    expect(ids(r, 'images/require-alt')).toEqual([]);
    expect(ids(r, 'links/require-https')).toEqual(['links/require-https text 4:5']);
    expect(ids(r, 'syntax/unused-disable')).toEqual([]);
  });

  it('inside <mj-raw> in MJML', async () => {
    const mjml = `<mjml><mj-body><mj-section><mj-column>
<mj-raw><!-- inboxlint-disable-next-line images/require-alt --></mj-raw>
<mj-image src="https://x.com/a.png" alt="" width="10px" height="10px" />
<mj-raw><!-- inboxlint-disable-next-line links/require-https --></mj-raw>
<mj-button href="http://x.com/a">Go</mj-button>
<mj-button href="http://x.com/b">Go</mj-button>
</mj-column></mj-section></mj-body></mjml>`;
    const plain = await review({ mjml: mjml.replace(/<mj-raw>.*<\/mj-raw>/g, '<mj-raw></mj-raw>') });
    expect(ids(plain, 'links/require-https')).toEqual(['links/require-https html 5:18', 'links/require-https html 6:18']);
    const r = await review({ mjml });
    expect(ids(r, 'links/require-https')).toEqual(['links/require-https html 6:18']);
  });

  it('a disabled defect no longer rejects: directives apply before the decision', async () => {
    const html = body('<a href="javascript:alert(1)">x</a>');
    expect((await review({ html })).decision.verdict).toBe('rejected');
    const r = await review({ html: html.replace('<a', '<!-- inboxlint-disable-next-line -->\n<a') });
    expect(ids(r, 'links/no-unsafe-scheme')).toEqual([]);
    expect(r.decision.defects).toBe(0);
  });

  it('reports unused directives and unknown rules, with a fix that removes an unused comment', async () => {
    const html = body(['<p>ok</p>', '<!-- inboxlint-disable-next-line images/require-alt -->', '<p>still ok</p>', `${img} <!-- inboxlint-disable-line images/require-alt, links/require-https -->`, '<!-- inboxlint-disable-line images/no-such-rule -->'].join('\n'));
    const r = await review({ html });
    const unused = r.findings.filter((f) => f.ruleId === 'syntax/unused-disable');
    expect(unused.map((f) => [f.messageId, f.line, f.column, f.evidence])).toEqual([
      ['unusedRule', 3, 1, 'images/require-alt'],
      ['unusedRule', 5, 104, 'links/require-https'],
      ['unknownRule', 6, 29, 'images/no-such-rule'],
    ]);
    expect(unused[0]!.severity).toBe('warning');
    expect(unused[0]!.kind).toBe('advice');
    // Only the comment that is wholly unused has a fix: its line goes.
    const fixes = fixesByFile(r.findings.filter((f) => f.ruleId === 'syntax/unused-disable'));
    const out = applyEdits(fileText(r, 'template.html'), fixes.get('template.html')!).text;
    expect(out).toBe(html.replace('<!-- inboxlint-disable-next-line images/require-alt -->\n', ''));
  });

  it('a directive applies only to findings in its own file', async () => {
    const r = await review({ html: body('<!-- inboxlint-disable -->\n<p>{{name}}</p>'), data: { other: 1 } });
    // data/unused-data-field is located in template.data.json: not disabled by a comment in the HTML.
    expect(ids(r, 'data/unused-data-field')).toEqual(['data/unused-data-field data 2:3']);
  });

  it('configured off, the rule reports nothing', async () => {
    const quiet = new Engine({ configPath: null, profile: 'core', settings: {} });
    const cfg = quiet.config('core');
    cfg.rules.set('syntax/unused-disable', { ...cfg.rules.get('syntax/unused-disable')!, severity: 'off' });
    const r = await quiet.review(sourceFor({ html: body('<!-- inboxlint-disable-next-line images/require-alt -->\n<p>x</p>') }));
    expect(ids(r, 'syntax/unused-disable')).toEqual([]);
  });
});
