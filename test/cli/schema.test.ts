import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, writeFile, readFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { loadBundle } from '../../src/node/bundle.js';

function capture() {
  let out = '';
  let err = '';
  const stdout = new Writable({ write(c, _e, cb) { out += c; cb(); } });
  const stderr = new Writable({ write(c, _e, cb) { err += c; cb(); } });
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'inboxlint-schema-'));
  await writeFile(path.join(dir, 'order.html'), '<p>{{user.name}}</p>{{#each items}}{{sku}}{{/each}}{{#if note}}{{note}}{{/if}}{{> foot}}');
  await writeFile(path.join(dir, 'order.data.json'), '{"user":{"name":"a"},"items":[{"sku":1}]}');
  await mkdir(path.join(dir, 'order.partials'));
  await writeFile(path.join(dir, 'order.partials', 'foot.hbs'), '<small>{{company}}</small>');
  await writeFile(path.join(dir, 'broken.html'), '{{#if a}}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('inboxlint schema', () => {
  it('prints the inferred schema (partials included, types from the samples)', async () => {
    const c = capture();
    const code = await main(['schema', '--no-config', path.join(dir, 'order.html')], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const schema = JSON.parse(c.out());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['user', 'items', 'company']);
    expect(schema.properties.items).toEqual({ type: 'array', items: { type: 'object', properties: { sku: { type: 'integer' } }, required: ['sku'] } });
    expect(schema.properties.note).toEqual({ type: ['string', 'number', 'boolean'] });
  });

  it('--write saves <name>.schema.json', async () => {
    const c = capture();
    expect(await main(['schema', '--no-config', '--write', path.join(dir, 'order.html')], c.io)).toBe(0);
    const written = JSON.parse(await readFile(path.join(dir, 'order.schema.json'), 'utf8'));
    expect(written.title).toBe('TemplateData for order');
    expect(c.out()).toBe('');
  });

  it('usage errors exit 2, unparsable templates 1', async () => {
    let c = capture();
    expect(await main(['schema'], c.io)).toBe(2);
    expect(c.err()).toContain('needs a template');
    c = capture();
    expect(await main(['schema', '--provider', 'mailchimp', path.join(dir, 'order.html')], c.io)).toBe(2);
    c = capture();
    expect(await main(['schema', '--no-config', path.join(dir, 'nope.html')], c.io)).toBe(2);
    c = capture();
    expect(await main(['schema', '--no-config', path.join(dir, 'broken.html')], c.io)).toBe(1);
    expect(c.err()).toContain('does not parse');
  });

  it('the loader reads <name>.partials/', async () => {
    const src = await loadBundle(path.join(dir, 'order.html'));
    expect(Object.keys(src!.partials ?? {})).toEqual(['foot']);
    expect(src!.partials!.foot!.text).toContain('{{company}}');
  });
});
