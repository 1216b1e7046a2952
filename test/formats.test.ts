import { describe, it, expect } from 'vitest';
import { tempDir, runCli } from './helpers.js';

const files = {
  'bad.html': '<html lang="en"><head><title>x</title></head><body>\n{{#each items}}\n<p>50% off, line\none</p>\n</body></html>\n',
  'bad.txt': 'x',
  'bad.meta.json': '{ "subject": "Items" }',
  'ok.html': '<!doctype html>\n<html lang="en"><head><title>Hi</title></head><body><p>Your order has shipped.</p></body></html>',
  'ok.txt': 'Your order has shipped.',
  'ok.meta.json': '{ "subject": "Your order has shipped" }',
};

describe('formats', () => {
  it('sarif: results with locations, rule metadata, fingerprints and decisions', async () => {
    const r = await runCli(['.', '-f', 'sarif'], tempDir(files));
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('inboxlint');
    const result = run.results.find((x: any) => x.ruleId === 'syntax/handlebars');
    expect(result).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.html', uriBaseId: 'SRCROOT' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 16 } } }],
    });
    expect(result.partialFingerprints['inboxlint/v1']).toMatch(/^[0-9a-f]{16}$/);
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('syntax/handlebars');
    expect(run.properties.decisions.map((d: any) => `${d.template} ${d.verdict}`)).toEqual(['bad.html rejected', 'ok.html approved']);
  });

  it('github: one workflow command per finding, escaped, and a decision per template', async () => {
    const r = await runCli(['.', '-f', 'github'], tempDir(files));
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain("::error file=bad.html,line=2,col=1,endLine=2,endColumn=16,title=inboxlint syntax/handlebars::'{{#each}}' is never closed: add '{{/each}}' where the block should end.");
    expect(lines.find((l) => l.startsWith('::error file=bad.html,title='))).toBe('::error file=bad.html,title=inboxlint%3A rejected::bad.html: rejected: 1 defect (syntax/handlebars) (profile core)');
    // '%' in a message is escaped, so '50% off' cannot start an escape sequence.
    expect(lines.find((l) => l.includes('content/spam-phrases'))).toContain('50%25 off');
    expect(lines.at(-1)).toMatch(/^::notice file=ok\.html,title=inboxlint%3A approved::ok\.html: approved: risk 0\.\d\d < 0\.5 \(profile core\)$/);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) [^\n]*::/);
  });
});
