/** The bundled phrase lists, for rule tests that need real data. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

function load(name: string): unknown[] {
  return (parse(readFileSync(new URL(`../rules/lists/${name}.yaml`, import.meta.url), 'utf8')) as { entries: unknown[] }).entries;
}

export const phraseLists = {
  'phrases-en': load('phrases-en'),
  'phrases-zh': load('phrases-zh'),
  'phrases-pt': load('phrases-pt'),
  'phrases-es': load('phrases-es'),
  'phrases-de': load('phrases-de'),
  'phrases-fr': load('phrases-fr'),
};

/** The vague link texts links/descriptive-text reads (and content/spam-phrases, to count a link text once). */
export const vagueLinkText = load('vague-link-text');
