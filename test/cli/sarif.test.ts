/** SARIF output validated against the SARIF 2.1.0 JSON Schema (test/fixtures/sarif), and its locations. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { tempDir, runCli } from '../helpers.js';

const schema = JSON.parse(readFileSync('test/fixtures/sarif/sarif-2.1.0-rtm.5.json', 'utf8'));
// unicodeRegExp: the schema's language pattern is not valid with the u flag.
// A CommonJS module: its class is the default export's `default` under Node's ESM interop.
const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04.default }).default;
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
const page = (body: string) => `<!doctype html>\n<html lang="en"><head><title>Shipped</title></head><body>\n${body}\n</body></html>\n`;

describe('sarif', () => {
  it('is valid SARIF 2.1.0, with fixes, helpUri, rule kinds, file URIs outside cwd and # kept in names', async () => {
    const outside = tempDir({ 'far.html': page('<a href="http://example.com/a">Track</a>') });
    const dir = tempDir({ 'promo#1.html': page('{{#each items}}<img src="http://example.com/a.png">'), 'promo#1.txt': 'x', 'promo#1.meta.json': '{ "subject": "x" }' });
    const r = await runCli(['.', path.join(outside, 'far.html'), '-f', 'sarif'], dir);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
    const run = log.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(pathToFileURL(dir).href + '/');
    const uris = new Set(run.results.map((x: any) => JSON.stringify(x.locations[0].physicalLocation.artifactLocation)));
    expect(uris).toEqual(new Set([JSON.stringify({ uri: 'promo%231.html', uriBaseId: 'SRCROOT' }), JSON.stringify({ uri: pathToFileURL(path.join(outside, 'far.html')).href })]));
    const https = run.results.find((x: any) => x.ruleId === 'images/require-https');
    expect(https.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('https');
    const rule = run.tool.driver.rules.find((x: any) => x.id === 'syntax/handlebars');
    expect(rule.helpUri).toMatch(/^file:\/\/.*\/docs\/rules\/syntax\/handlebars\.md$/);
    expect(readFileSync(new URL(rule.helpUri), 'utf8')).toMatch(/^# syntax\/handlebars\n/);
    expect(rule.properties).toMatchObject({ category: 'syntax', kind: 'defect' });
    // The github format keeps the name whole too.
    const gh = await runCli(['.', '-f', 'github'], dir);
    expect(gh.stdout).toContain('::error file=promo#1.html,line=3');
  });

  it('an empty run is valid SARIF too', async () => {
    const r = await runCli(['nothing/**/*.html', '--no-error-on-unmatched-pattern', '-f', 'sarif'], tempDir({ 'a.txt': 'x' }));
    expect(r.code).toBe(0);
    expect(validate(JSON.parse(r.stdout))).toBe(true);
  });
});
