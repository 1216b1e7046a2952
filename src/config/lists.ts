/**
 * Validation of list entries at load time: phrase/pattern entries must have the documented shape, and a
 * pattern must compile and be safe from catastrophic backtracking (ReDoS).
 *
 * Safety check: safe-regex2 (fastify's maintained fork of substack's safe-regex) rejects nested
 * quantifiers (star height > 1, e.g. `(a+)+`) and more than 25 repetitions; on top of it we reject
 * backreferences and unbounded repetition of a group that contains alternation (`(a|ab)*`), the other
 * classic exponential shape safe-regex misses. That is stricter than needed (a few safe patterns are
 * refused) but never lets a pack hang a review. Patterns run on bounded, normalised text.
 */
import type SafeRegex from 'safe-regex2';
import { ConfigError } from './errors.js';
import { requireDependency } from '../core/cjs.js';
import { eachSyntaxChar } from '../core/regex-source.js';
import { FOOTER_CATEGORY } from '../analysis/matcher.js';

// Required on first use (core/cjs.ts): bundled lists are checked when the package is built.
let safeRegexFn: typeof SafeRegex | undefined;
const safeRegex = (pattern: string) => (safeRegexFn ??= requireDependency('safe-regex2') as typeof SafeRegex)(pattern);

/**
 * Categories of phrase-list entries. `footer` is the one that is not spam wording: what compliant bulk mail
 * must say (why the reader gets it, how to opt out). Its matches are never reported, and the risk model
 * reads neither a category nor words from them: footers tell corpora apart (2002 spam's removal notices,
 * mailing-list footers), not spam from mail.
 */
export const PHRASE_CATEGORIES = ['free-money', 'urgency', 'prizes', 'pharma', 'adult', 'gambling', 'loans-debt', 'crypto', 'phishing', 'advertising', 'income', 'disclaimers', FOOTER_CATEGORY] as const;

/** JSON Schema of a phrase or pattern entry (used in the list schema with if/then). */
export const phraseEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['weight', 'category'],
  oneOf: [{ required: ['phrase'] }, { required: ['pattern'] }],
  properties: {
    phrase: { type: 'string', minLength: 1, maxLength: 200 },
    pattern: { type: 'string', minLength: 1, maxLength: 500, description: 'A JavaScript regular expression over normalised, lower-cased text; checked for catastrophic backtracking.' },
    label: { type: 'string', description: 'Evidence shown for a pattern match.' },
    weight: { type: 'number', minimum: 0, maximum: 100, description: 'Points one match adds (each phrase counts once per template).' },
    category: { enum: [...PHRASE_CATEGORIES] },
    except: {
      type: 'array',
      maxItems: 100,
      items: { type: 'string', minLength: 1, maxLength: 200 },
      description: 'Contexts in which the phrase is not the spam wording: idioms that contain it ("feel free to" for "free") and negations ("not guaranteed"). A match inside an occurrence of one of them (whole words, normalised like the text) does not count.',
    },
    note: { type: 'string' },
  },
} as const;

/** Why a pattern is unsafe or invalid, or undefined when it is fine. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'giu');
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference, which can backtrack exponentially: rewrite it without one';
  if (quantifiedAlternation(pattern)) return 'repeats a group that contains alternation without a bound (like (a|ab)*), which can backtrack exponentially: bound the repetition ({0,5}) or split the entry';
  // An optional group `(…)?` repeats at most once: it adds no star height, so hide it from safe-regex2.
  if (!safeRegex(pattern.replace(/\\p\{[^}]*\}/g, 'x').replace(/\)\?\??/g, ')'))) return 'can backtrack catastrophically (nested quantifiers such as (a+)+, or too many repetitions): simplify it';
  return undefined;
}

/** Does the pattern repeat (*, +, {n,}) a group whose body has a top-level `|`? */
function quantifiedAlternation(src: string): boolean {
  const stack: { alt: boolean }[] = [];
  let found = false;
  eachSyntaxChar(src, (c, i) => {
    if (c === '(') stack.push({ alt: false });
    else if (c === '|' && stack.length) stack[stack.length - 1]!.alt = true;
    else if (c === ')') {
      const g = stack.pop();
      const q = src.slice(i + 1, i + 12);
      if (g?.alt && (/^[*+]/.test(q) || /^\{\d+,\}/.test(q))) return (found = true);
    }
  });
  return found;
}

/**
 * Check the phrase/pattern entries of a list (other entry shapes belong to other rules and pass through).
 * `locate(pointer)` gives the line of a JSON pointer in the file, for the error.
 */
export function checkListEntries(entries: unknown[], file: string, base: string, locate: (pointer: string) => number | undefined): void {
  entries.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || !('pattern' in e)) return;
    const pattern = (e as { pattern: unknown }).pattern;
    if (typeof pattern !== 'string') return;
    const problem = patternProblem(pattern);
    if (problem) {
      const pointer = `${base}/${i}/pattern`;
      throw new ConfigError(file, pointer, problem, locate(pointer));
    }
  });
}
