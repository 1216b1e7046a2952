/**
 * Which files are templates, and MJML includes reviewed as part of the template that includes them.
 * Fixtures are small excerpts of public template repositories (origins noted per test).
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { tempDir, runJson, relativePaths as rel } from '../helpers.js';
import { discover } from '../../src/node/discover.js';

// Saleor (github.com/saleor/saleor, BSD-3-Clause), templates/templated_email/source: order emails compose a
// header, styles and the order lines from shared/ and partials/ with <mj-include>.
const SALEOR = {
  'source/confirm_order.mjml': `<mjml>
  <mj-head>
    <mj-include path="./shared/styles.mjml" />
  </mj-head>
  <mj-body>
    <mj-include path="./shared/header.mjml" />
    <mj-section>
      <mj-column>
        <mj-text>Thank you for your order. Below is the list of ordered products.</mj-text>
      </mj-column>
    </mj-section>
    <mj-include path="./partials/_order_lines.mjml" />
  </mj-body>
</mjml>
`,
  'source/shared/styles.mjml': `<mj-style inline="inline">
  .no-display {
    display: none;
  }
</mj-style>
`,
  'source/shared/header.mjml': '<mj-raw></mj-raw>\n',
  'source/partials/_order_lines.mjml': `<mj-section>
  <mj-column>
    <mj-table>
      <tr>
        <td colspan="3">Subtotal</td>
        <td><img src="images/line.png" alt="" width="1" height="1"></td>
      </tr>
    </mj-table>
  </mj-column>
</mj-section>
`,
};

describe('which files are templates', () => {
  it('skips MJML files pulled in with <mj-include> and files in partials/ and layouts/ folders (Saleor)', async () => {
    const dir = tempDir({ ...SALEOR, 'layouts/base.hbs': '<html>{{{body}}}</html>', 'emails/welcome.hbs': '<p>Hi</p>' });
    expect(rel(dir, await discover(['.'], dir))).toEqual(['emails/welcome.hbs', 'source/confirm_order.mjml']);
  });

  it('skips a lone license.txt but keeps a .txt beside its HTML and a .txt with its own meta (leemunroe/responsive-html-email-template, MIT)', async () => {
    const dir = tempDir({
      'license.txt': 'The MIT License (MIT)\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n',
      'README.txt': 'Open email.html in a browser.\n',
      'email.html': '<p>Hi there,</p>',
      'email.txt': 'Hi there,',
      'notice.txt': 'Your plan renews tomorrow.',
      'notice.meta.json': '{"subject":"Renewal"}',
    });
    expect(rel(dir, await discover(['.'], dir))).toEqual(['email.html', 'notice.txt']);
  });

  it('reads lone .txt files as templates where settings.textTemplates says text-only templates live', async () => {
    const dir = tempDir({ 'text/reminder.txt': 'Your plan renews tomorrow.', 'license.txt': 'MIT' });
    expect(rel(dir, await discover(['.'], dir, { textTemplates: ['text'] }))).toEqual(['text/reminder.txt']);
  });

  it('a Handlebars partial beside the template is its partial, not a template (Postmark-style layout)', async () => {
    // Postmark templates (github.com/ActiveCampaign/postmark-templates, MIT) share a footer; here as a
    // sibling partial called with {{> footer}}.
    const dir = tempDir({
      'welcome.hbs': '<html lang="en"><head><title>Welcome</title></head><body><p>Thanks for signing up, {{name}}. We are glad to have you on board.</p>{{> footer}}</body></html>',
      'welcome.meta.json': '{"subject":"Welcome"}',
      'footer.hbs': '<p>{{company_name}}, {{company_address}}</p>',
    });
    expect(rel(dir, await discover(['.'], dir))).toEqual(['welcome.hbs']);
    const { json } = await runJson(['--no-config', '.'], dir);
    expect(json.results[0].findings.map((f: any) => f.ruleId)).not.toContain('data/unknown-partial');
  });

  it('still reviews a partial named explicitly', async () => {
    const dir = tempDir(SALEOR);
    expect(rel(dir, await discover(['source/partials/_order_lines.mjml'], dir))).toEqual(['source/partials/_order_lines.mjml']);
  });
});

describe('MJML includes', () => {
  it('reviews includes as part of the template, with findings located in the included file (Saleor)', async () => {
    const dir = tempDir(SALEOR);
    const { json } = await runJson(['--no-config', '.'], dir);
    expect(json.results.map((r) => r.path)).toEqual([path.join('source', 'confirm_order.mjml')]);
    const f = json.results[0].findings.find((x: any) => x.ruleId === 'images/absolute-url');
    expect(f).toMatchObject({ file: path.join('source', 'partials', '_order_lines.mjml'), line: 6, column: 23 });
    // No syntax/mjml error from the partials compiled on their own.
    expect(json.results[0].findings.filter((x: any) => x.ruleId.startsWith('syntax/'))).toEqual([]);
  });

  it('reports a missing include at its path attribute, in the file that holds the tag', async () => {
    const { 'source/shared/header.mjml': _h, ...rest } = SALEOR;
    const dir = tempDir({ ...rest, 'source/partials/_order_lines.mjml': '<mj-include path="../shared/missing.mjml" />\n' });
    const { json } = await runJson(['--no-config', '.'], dir);
    const found = json.results[0].findings.filter((x: any) => x.ruleId === 'syntax/mjml-include');
    expect(found).toHaveLength(2);
    const inMain = found.find((x: any) => x.file === path.join('source', 'confirm_order.mjml'));
    expect(inMain).toMatchObject({ line: 6, column: 23, severity: 'error', kind: 'defect' });
    expect(inMain.message).toContain('shared/header.mjml');
    const inPartial = found.find((x: any) => x.file === path.join('source', 'partials', '_order_lines.mjml'));
    expect(inPartial).toMatchObject({ line: 1, column: 19 });
    expect(inPartial.message).toContain('shared/missing.mjml');
    expect(json.results[0].decision.verdict).toBe('rejected');
  });

  it('an include whose whole folder is absent (partials not copied with the template) is advice: not reviewed', async () => {
    // Grafana's and Mattermost's MJML mails include ./partials/…; copied without that folder, they cannot be
    // reviewed whole, but nothing says the mail is broken where it is sent from.
    const dir = tempDir({
      'welcome.mjml': '<mjml lang="en">\n<mj-head><mj-title>Welcome</mj-title></mj-head>\n<mj-body>\n  <mj-include path="./partials/header.mjml" />\n<mj-section><mj-column><mj-text>Welcome aboard: your workspace is ready, and your team can join it today.</mj-text></mj-column></mj-section>\n</mj-body>\n</mjml>',
      'welcome.txt': 'Welcome aboard: your workspace is ready, and your team can join it today.',
      'welcome.meta.json': '{"subject":"Welcome"}',
    });
    const { json } = await runJson(['--no-config', '.'], dir);
    const found = json.results[0].findings.filter((x: any) => x.ruleId === 'syntax/mjml-include');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'welcome.mjml', line: 4, column: 21, severity: 'warning', kind: 'advice' });
    expect(found[0].message).toContain('not reviewed, because its folder (partials/)');
    expect(json.results[0].decision.verdict).toBe('approved');
    // The folder there without the file is a broken path: a defect, as before.
    const broken = tempDir({ 'welcome.mjml': '<mjml><mj-body><mj-include path="./partials/header.mjml" /></mj-body></mjml>', 'partials/footer.mjml': '<mj-section></mj-section>' });
    const again = await runJson(['--no-config', 'welcome.mjml'], broken);
    expect(again.json.results[0].findings.find((x: any) => x.ruleId === 'syntax/mjml-include')).toMatchObject({ severity: 'error', kind: 'defect' });
  });

  it('with a head partial unread, no text is judged hidden for its contrast: its colours were in the partial', async () => {
    // Grafana's dark mails set their text colour in a head partial (<mj-attributes>); without it MJML's
    // default black would sit on the dark section.
    const body = '<mj-section background-color="#22252b"><mj-column><mj-text>Welcome! Your dashboards are ready to build.</mj-text></mj-column></mj-section>';
    const withPartial = '<mjml lang="en">\n<mj-head><mj-title>Welcome</mj-title><mj-include path="./partials/head.mjml" /></mj-head>\n<mj-body>' + body + '</mj-body>\n</mjml>';
    const without = '<mjml lang="en">\n<mj-head><mj-title>Welcome</mj-title></mj-head>\n<mj-body>' + body + '</mj-body>\n</mjml>';
    const dir = tempDir({ 'a.mjml': withPartial, 'b.mjml': without });
    const { json } = await runJson(['--no-config', '.'], dir);
    const hidden = (name: string) => json.results.find((r: any) => r.path === name).findings.filter((f: any) => f.ruleId === 'content/hidden-text').length;
    expect(hidden('a.mjml')).toBe(0);
    expect(hidden('b.mjml')).toBe(1);
  });

  it('reports an include loop', async () => {
    const dir = tempDir({
      'a.mjml': '<mjml><mj-body><mj-include path="./parts/b.mjml" /></mj-body></mjml>',
      'parts/b.mjml': '<mj-section><mj-column><mj-text>B</mj-text></mj-column></mj-section>\n<mj-include path="./b.mjml" />',
    });
    const { json } = await runJson(['--no-config', 'a.mjml'], dir);
    const f = json.results[0].findings.find((x: any) => x.ruleId === 'syntax/mjml-include');
    expect(f).toMatchObject({ file: path.join('parts', 'b.mjml'), line: 2, column: 19 });
    expect(f.message).toContain('already being included');
  });
});
