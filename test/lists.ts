/** The bundled phrase lists, for rule tests that need real data. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkListEntries } from '../src/config/lists.js';

/**
 * A list's entries, checked as the pack loader checks them: a pattern the loader refuses (one that can
 * backtrack catastrophically) fails every test that uses the list, not only the CLI.
 */
function load(name: string): unknown[] {
  const file = new URL(`../rules/lists/${name}.yaml`, import.meta.url);
  const entries = (parse(readFileSync(file, 'utf8')) as { entries: unknown[] }).entries;
  checkListEntries(entries, file.pathname, '/entries', () => undefined);
  return entries;
}

export const phraseLists = {
  'phrases-en': load('phrases-en'),
  'phrases-zh': load('phrases-zh'),
  'phrases-pt': load('phrases-pt'),
  'phrases-es': load('phrases-es'),
  'phrases-de': load('phrases-de'),
  'phrases-fr': load('phrases-fr'),
  'phrases-it': load('phrases-it'),
  'phrases-nl': load('phrases-nl'),
};

/** The vague link texts links/descriptive-text reads (and content/spam-phrases, to count a link text once). */
export const vagueLinkText = load('vague-link-text');
