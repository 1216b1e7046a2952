/**
 * Merge tags of other template languages and sending services, found so they are masked like Handlebars
 * expressions before any rule reads text: `*|FNAME|*` is a placeholder, not a shouted word.
 *
 * - Mailchimp: `*|FNAME|*`, `*|LIST:DESCRIPTION|*`, `*|IF:X|*` … `*|END:IF|*`.
 * - SendGrid legacy: substitution tags `-name-` (only standing alone: between spaces, tags or quotes, so
 *   `-webkit-` and `re-sign-up` are not tags), unsubscribe/sender tags `[Sender_Name]`, `[Unsubscribe]`,
 *   `[Weblink]`, `[%first_name%]`, and `<%body%>` / `<%asm_group_unsubscribe_raw_url%>`.
 * - Mailgun: `%recipient.first_name%`, `%unsubscribe_url%`.
 * - Liquid / Jinja / Nunjucks tags `{% if %}`, comments `{# … #}` (their `{{ x | filter }}` output is a
 *   `{{…}}` the mustache scanner already finds).
 * - FreeMarker (Java mailers): `${user.name}`, `<#if …>`, `</#if>`, `<#-- … -->`, `<@macro …/>`.
 * - Paid Memberships Pro (WordPress): `!!sitename!!`, `!!login_link!!` (read as exclamation marks otherwise).
 * - Laravel Blade's unescaped echo `{!! nl2br($content) !!}` (its `{{ }}` are mustaches; see bladeTemplate).
 * - ERB, EJS and ASP tags `<%= … %>`, `<% if … %>`, over several lines too (Rails mailers: `<%= sanitize(\n
 *   t("…", link: link_to(…)),\n attributes: %w[href style]) %>`); the Ruby inside is not the mail's words.
 * - `#{…}` interpolation: Ruby strings as Zammad's notification templates write them (`#{ticket.title}`,
 *   `#{t('Group')}`), Pug (the `email-templates` package's templates) and CoffeeScript.
 * - Mautic: its documented tokens only — `{contactfield=firstname}` (with a `|default`), `{ownerfield=…}`,
 *   `{assetlink=25}`, `{pagelink=17}`, `{dynamiccontent="…"}`, and the email tokens `{unsubscribe_text}`,
 *   `{unsubscribe_url}`, `{webview_text}`, `{webview_url}`, `{tracking_pixel}`, `{signature}`, `{subject}`
 *   (any other `{name}` stays a single-brace placeholder that data/provider-syntax reports).
 */
import type { Span } from '../core/types.js';
import type { Mustache } from './mustache.js';

export type MergeSyntax = 'mailchimp' | 'sendgrid' | 'mailgun' | 'liquid' | 'freemarker' | 'mautic' | 'pmpro' | 'blade' | 'interpolation' | 'erb';

/**
 * An alternative that runs from an opener to the first closer at most `max` characters on (`re`, sticky, is
 * it alone). As a regex alternative it read up to `max` characters from every opener that had no closer that
 * near: `{{#if x}}` holds `{#`, and 40,000 `<#--` (160 KB) took 4.9 s. It is tried only at an opener with a
 * closer in reach, found by a cursor that only moves forward: one pass, and the same matches.
 */
interface Delimited {
  open: string;
  close: string;
  max: number;
  re: RegExp;
}

// Every alternative starts with a literal character (SendGrid's `-name-` checks what precedes its dash after
// matching it), so the regex engine skips ahead to candidates instead of trying a lookbehind at every position.
// Each with the literal text every match holds one of: a pattern runs only on a text that holds one (email
// HTML holds none of most of them; `</` and `%` alone, which it always holds, let every pattern run).
// A syntax's delimited alternatives come first in its pattern (as they did in its one regex).
const PATTERNS: [MergeSyntax, RegExp | undefined, readonly string[] | undefined, Delimited[]?][] = [
  ['mailchimp', /\*\|[A-Za-z][^|\n]{0,100}?\|\*/g, ['*|']],
  [
    'liquid',
    undefined,
    ['{%', '{#'],
    [
      { open: '{%', close: '%}', max: 2000, re: /\{%-?[\s\S]{0,2000}?-?%\}/y },
      { open: '{#', close: '#}', max: 2000, re: /\{#[\s\S]{0,2000}?#\}/y },
    ],
  ],
  ['freemarker', /<\/?[#@][A-Za-z][\w.]*(?:\s[^<>]{0,1000})?\/?>|\$\{[^{}\n]{1,200}\}/g, ['<#', '</#', '<@', '</@', '${'], [{ open: '<#--', close: '-->', max: 20000, re: /<#--[\s\S]{0,20000}?-->/y }]],
  ['sendgrid', /\[(?:Sender_[A-Za-z]+|Unsubscribe(?:_Preferences)?|Weblink)\]|\[%[^%\]\n]{1,100}%\]|<%[A-Za-z_][\w.]{0,100}%>|-(?<=(?:^|[\s>"'(])-)[A-Za-z][A-Za-z0-9_]{0,60}-(?=$|[\s<"',.!?;:)])/g, undefined],
  ['mailgun', /%(?:recipient(?:\.[\w.]{1,60})?|[a-z_]{0,40}unsubscribe_url|recipient_(?:email|name|fname|lname))%/g, ['%recipient', 'unsubscribe_url%']],
  ['pmpro', /!![A-Za-z_][A-Za-z0-9_]{0,60}!!/g, ['!!']],
  ['interpolation', /#\{[^{}\n]{1,200}\}/g, ['#{']],
  // SendGrid's `<%body%>` (a name alone) is SendGrid's, found first; any other `<% … %>` is ERB's.
  ['erb', undefined, ['<%'], [{ open: '<%', close: '%>', max: 2000, re: /<%[\s\S]{0,2000}?%>/y }]],
  ['blade', undefined, ['{!!'], [{ open: '{!!', close: '!!}', max: 2000, re: /\{!![\s\S]{0,2000}?!!\}/y }]],
  [
    'mautic',
    /\{(?:(?:contactfield|leadfield|ownerfield)=\w{1,60}(?:\|[^{}|\n]{0,100})?|(?:assetlink|pagelink)=\d{1,10}|dynamiccontent="[^"{}\n]{1,100}"|unsubscribe_(?:text|url)|webview_(?:text|url)|tracking_pixel|signature|subject)\}/g,
    // Each token's opening, brace included (`field=` alone had the scan stop at every f of the text).
    ['{contactfield=', '{leadfield=', '{ownerfield=', '{assetlink=', '{pagelink=', '{dynamiccontent=', '{unsubscribe_', '{webview_', '{tracking_pixel}', '{signature}', '{subject}'],
  ],
];

/**
 * Which patterns may match a text: every pattern's literal texts in one regular expression, scanned once, each
 * occurrence read (a match is retried one character on, so that literals that overlap are all seen). A
 * pattern without literals always runs. One test per pattern scanned a 30 KB template nine times.
 */
const NEEDS_SCAN = new RegExp(
  [...new Set(PATTERNS.flatMap(([, , needs]) => needs ?? []))].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'g',
);
const NEEDED_BY = new Map<string, number[]>();
PATTERNS.forEach(([, , needs], p) => needs?.forEach((n) => NEEDED_BY.set(n, [...(NEEDED_BY.get(n) ?? []), p])));

function patternsFor(text: string): boolean[] {
  const run = PATTERNS.map(([, , needs]) => needs === undefined);
  let missing = run.filter((r) => !r).length;
  NEEDS_SCAN.lastIndex = 0;
  for (let m = NEEDS_SCAN.exec(text); m && missing > 0; m = NEEDS_SCAN.exec(text)) {
    for (const p of NEEDED_BY.get(m[0])!) {
      if (!run[p]) {
        run[p] = true;
        missing--;
      }
    }
    NEEDS_SCAN.lastIndex = m.index + 1;
  }
  return run;
}

const NAME: Record<MergeSyntax, (tag: string) => string> = {
  mailchimp: (t) => t.slice(2, -2).trim(),
  liquid: (t) => /^\{[%#]-?\s*([\w.]+)/.exec(t)?.[1] ?? '',
  freemarker: (t) => (t.startsWith('$') ? t.slice(2, -1).trim() : /^<\/?[#@]([\w.]+)/.exec(t)?.[1] ?? ''),
  sendgrid: (t) => t.replace(/^[[<]?%?-?|-?%?[\]>]?$/g, ''),
  mailgun: (t) => t.slice(1, -1),
  mautic: (t) => t.slice(1, -1).split(/[=|]/)[0]!,
  pmpro: (t) => t.slice(2, -2),
  interpolation: (t) => t.slice(2, -1).trim(),
  erb: (t) => /^<%[=-]?\s*([\w.@:]+)/.exec(t)?.[1] ?? '',
  blade: (t) => /^\{!!\s*([$\w.]+)/.exec(t)?.[1] ?? '',
};

/** Merge tags outside the given (sorted) mustache spans, sorted by position; none overlap. */
export function scanMergeTags(text: string, mustaches: readonly Mustache[] = []): Mustache[] {
  // A cheap pre-check keeps plain templates at one scan per marker character.
  if (!/\*\||\{%|\{#|<[#@/]|\$\{|#\{|\[|<%|-|%|\{[a-z]|!!/.test(text)) return [];
  const found: Mustache[] = [];
  const run = patternsFor(text);
  for (let p = 0; p < PATTERNS.length; p++) {
    const [syntax, re, , delimited] = PATTERNS[p]!;
    if (!run[p]) continue;
    const add = (m: RegExpExecArray) => {
      const span: Span = { start: m.index, end: m.index + m[0].length };
      found.push({ kind: 'merge-tag', span, name: NAME[syntax](m[0]), inner: m[0], syntax });
    };
    if (delimited) scanDelimited(text, delimited, re, add);
    else if (re) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) add(m);
    }
  }
  if (!found.length) return found;
  found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Mustache[] = [];
  let end = -1;
  let mi = 0;
  for (const t of found) {
    if (t.span.start < end) continue; // inside an earlier tag (a ${x} inside <#if …>)
    while (mi < mustaches.length && mustaches[mi]!.span.end <= t.span.start) mi++;
    const m = mustaches[mi];
    if (m && m.span.start < t.span.end) continue; // overlaps a {{…}}
    out.push(t);
    end = t.span.end;
  }
  return out;
}

/**
 * The matches a global regex of `delimited` alternatives (first) and `other` would find, left to right, a match
 * never starting inside the one before. Each opener is tried only when its closer is in reach; the closers are
 * found by cursors that only move forward, and `other`'s next match is kept until a match passes its start.
 */
function scanDelimited(text: string, delimited: readonly Delimited[], other: RegExp | undefined, add: (m: RegExpExecArray) => void): void {
  const opens = delimited.map(() => -2);
  const closes = delimited.map(() => -2);
  let next: RegExpExecArray | null | undefined;
  let pos = 0;
  const opener = (k: number) => {
    if (opens[k]! !== -1 && opens[k]! < pos) opens[k] = text.indexOf(delimited[k]!.open, pos);
    return opens[k]!;
  };
  const closer = (k: number, from: number) => {
    if (closes[k]! !== -1 && closes[k]! < from) closes[k] = text.indexOf(delimited[k]!.close, from);
    return closes[k]!;
  };
  for (;;) {
    if (other && next !== null && (next === undefined || next.index < pos)) {
      other.lastIndex = pos;
      next = other.exec(text);
    }
    // The leftmost opener (the first alternative on a tie, as in one regex) or `other`'s match.
    let k = -1;
    for (let d = 0; d < delimited.length; d++) if (opener(d) >= 0 && (k < 0 || opens[d]! < opens[k]!)) k = d;
    if (k < 0 || (next && next.index < opens[k]!)) {
      if (!next) return;
      add(next);
      pos = next.index + next[0].length;
      continue;
    }
    const at = opens[k]!;
    const d = delimited[k]!;
    const close = closer(k, at + d.open.length);
    if (close >= 0 && close - at <= d.max + d.open.length + d.close.length + 2) {
      d.re.lastIndex = at;
      const m = d.re.exec(text);
      if (m) {
        add(m);
        pos = at + m[0].length;
        continue;
      }
    }
    // No match at this opener: the next one of its kind (the other candidates stay where they are).
    opens[k] = text.indexOf(d.open, at + 1);
  }
}

/** Merge two sorted, non-overlapping lists. */
export function mergeSorted(a: Mustache[], b: Mustache[]): Mustache[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out: Mustache[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.span.start < b[j]!.span.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/**
 * A template language other than Handlebars: a merge-tag syntax, Go's text/template (`go`), Laravel Blade,
 * Magento, Jinja/Twig/Nunjucks/Liquid output written without a `{% %}` tag (`jinja`), or Mailjet's
 * templating language (`mailjet`).
 */
export type TemplateLanguage = MergeSyntax | 'go' | 'blade' | 'magento' | 'jinja' | 'mailjet';

/** The part is written in another template language than Handlebars (Liquid/Jinja tags, FreeMarker directives, Blade's `{!! !!}`). */
export function foreignLanguage(tags: readonly Mustache[]): MergeSyntax | undefined {
  for (const t of tags) if (t.syntax === 'liquid' || t.syntax === 'blade' || (t.syntax === 'freemarker' && t.inner.startsWith('<'))) return t.syntax;
  return undefined;
}

/**
 * A `{{…}}` action only Go's text/template (html/template: listmonk, Hugo, Gitea, Go mailers) writes, never
 * valid Handlebars: `{{ end }}` closing a block, `{{ define "x" }}`, `{{ template "x" . }}` handing on the dot
 * or a variable (`{{template "x"}}` alone could be a Handlebars helper), a field of the dot
 * (`{{ .Subscriber.Name }}`, a parse error in Handlebars), or a variable declaration (`{{ $i := … }}`).
 * Go's trim markers (`{{- x -}}`) are allowed.
 */
const GO_ACTION = /^(?:end|define\s+"[^"\n]*"|template\s+"[^"\n]*"\s+[.$][\s\S]*|\.[A-Za-z_][\w.]*(?:\s[\s\S]*)?)$/;
const GO_DECLARE = /\$\w*\s*:=/;

/**
 * An action's text (already trimmed) without Go's trim markers (`- x -`): what `.trim().replace(/^-\s+/, '').replace(/\s+-$/, '').trim()`
 * gives, without `/\s+-$/`, which read every run of spaces to its end from each of its characters (fuzz seed 14
 * #1118: a mustache with a long run of spaces inside, 10 s).
 */
function withoutTrimMarkers(trimmed: string): string {
  let t = trimmed;
  if (t.length > 1 && t[0] === '-' && /\s/.test(t[1]!)) t = t.slice(1).trimStart();
  if (t.length > 1 && t.endsWith('-') && /\s/.test(t[t.length - 2]!)) t = t.slice(0, -1).trimEnd();
  return t.trim();
}

/** The part is a Go template: some plain `{{…}}` is an action only Go writes (GO_ACTION). */
function goTemplate(mustaches: readonly Mustache[], trimmed: readonly string[]): boolean {
  for (let i = 0; i < mustaches.length; i++) {
    const m = mustaches[i]!;
    if (m.kind !== 'expr' && m.kind !== 'else') continue;
    const inner = withoutTrimMarkers(trimmed[i]!);
    if (GO_ACTION.test(inner) || (inner.includes(':=') && GO_DECLARE.test(inner))) return true;
  }
  return false;
}

/**
 * A Magento (Adobe Commerce) email directive: `{{template config_path="…"}}`, `{{depend x}}…{{/depend}}`,
 * `{{layout handle="…"}}`, `{{store url="…"}}`, `{{media url="…"}}`, `{{view url="…"}}`,
 * `{{css file="…"}}`, `{{inlinecss file="…"}}`, `{{config path="…"}}`, `{{customvar code="…"}}`.
 */
const MAGENTO_DIRECTIVE = /^(?:template\s+config_path=|depend\s|layout\s+(?:handle|area)=|store\s+(?:direct_)?url=|media\s+url=|view\s+url=|(?:inline)?css\s+file=|config\s+path=|customvar\s+code=)/;

/** The part is a Magento email template: its `<!--@subject …@-->` / `<!--@vars …@-->` header or a Magento directive. */
function magentoTemplate(text: string, mustaches: readonly Mustache[], trimmed: readonly string[]): boolean {
  if (text.includes('<!--@subject') || text.includes('<!--@vars')) return true;
  for (let i = 0; i < mustaches.length; i++) if (mustaches[i]!.kind === 'expr' && MAGENTO_DIRECTIVE.test(trimmed[i]!)) return true;
  return false;
}

/**
 * An expression's text with its string literals and Handlebars' literal segments (`foo.[a,b]`) emptied:
 * what is left is the expression's own syntax.
 */
function withoutStrings(s: string): string {
  return /["'[]/.test(s) ? s.replace(/"(?:[^"\\\n]|\\.){0,2000}"|'(?:[^'\\\n]|\\.){0,2000}'|\[[^\]\n]{0,200}\]/g, '""') : s;
}

/**
 * Syntax a `{{…}}` expression has in Jinja, Twig, Nunjucks or Liquid and never in Handlebars, outside string
 * literals: a comma (Handlebars separates arguments by spaces: `{{ trans('x', n) }}`), Twig's `~`
 * concatenation (Handlebars' `~` trims whitespace at the delimiters only, and is not in `inner`), or a filter
 * (`{{ name | upcase }}`, `{{ x|default('') }}`; a plain Handlebars expression has no `|`). A Handlebars
 * typo such as `{{formatDate(date)}}` has none of them and stays a Handlebars error.
 */
const JINJA_SYNTAX = /,|~|\|\s*[A-Za-z_]/;

/** The part's `{{…}}` are Jinja/Twig/Nunjucks/Liquid output (Mautic's `{{ getAssetUrl('…'~template~'…', null) }}`). */
function jinjaTemplate(mustaches: readonly Mustache[]): boolean {
  for (const m of mustaches) if (m.kind === 'expr' && JINJA_SYNTAX.test(withoutStrings(m.inner))) return true;
  return false;
}

/** Mailjet's template variables: `{{var:name}}`, `{{var:name:"default"}}`, `{{data:name}}` (contact properties). */
const MAILJET_VARIABLE = /^(?:var|data):[A-Za-z_][\w.]*(?::|$)/;

/** The part uses Mailjet's templating language (MJML's own publisher): some `{{…}}` is a Mailjet variable. */
function mailjetTemplate(mustaches: readonly Mustache[], trimmed: readonly string[]): boolean {
  for (let i = 0; i < mustaches.length; i++) if (mustaches[i]!.kind === 'expr' && MAILJET_VARIABLE.test(trimmed[i]!)) return true;
  return false;
}

/**
 * A Blade directive on a line of its own: `@component('mail::message')`, `@lang('Thanks,')`, `@endcomponent`,
 * `@foreach (…)`, `@endif`. Only names that are Blade's alone: `@if`, `@else`, `@for`, `@each` and `@while`
 * are SCSS's too, and `@media`, `@import`, `@font-face` CSS's.
 */
const BLADE_DIRECTIVE_NAME = /@(?:component|endcomponent|slot|endslot|lang|endif|endunless|unless|isset|endisset|foreach|endforeach|forelse|endforelse|endfor|endwhile|extends|section|endsection|yield|include|php|endphp|auth|endauth|guest|endguest|markdown|endmarkdown|csrf|props|stack|push|endpush|switch|endswitch)\b/y;

/**
 * The part is a Laravel Blade view: a `{{-- comment --}}` (Handlebars writes `{{!-- --}}`), a PHP variable
 * echoed as `{{ $name }}` / `{{ $type ?? 'primary' }}` (Handlebars paths never start with `$`), or a Blade
 * directive on a line of its own (Monica's mails: `@lang('Thanks,')` and `{{ config('app.name') }}`).
 */
function bladeTemplate(text: string, mustaches: readonly Mustache[], trimmed: readonly string[]): boolean {
  if (bladeDirectiveLine(text)) return true;
  for (let i = 0; i < mustaches.length; i++) {
    const m = mustaches[i]!;
    if (m.kind !== 'expr' && m.kind !== 'raw') continue;
    const inner = trimmed[i]!;
    if ((inner.startsWith('--') && inner.endsWith('--')) || /^\$[A-Za-z_]/.test(inner)) return true;
  }
  return false;
}

/**
 * A Blade directive on a line of its own: what `/(?:^|\n)[ \t]*@(?:component|…)\b/` finds, read from each `@`
 * (an e-mail address in a footer is the usual one) instead of tried at every line of the text.
 */
function bladeDirectiveLine(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    // Only spaces and tabs between the line's start and the `@` (each is stepped over once: a run of them
    // ends at this `@`).
    let k = at;
    while (k > 0 && (text.charCodeAt(k - 1) === 0x20 || text.charCodeAt(k - 1) === 0x09)) k--;
    if (k > 0 && text.charCodeAt(k - 1) !== 0x0a) continue;
    BLADE_DIRECTIVE_NAME.lastIndex = at;
    if (BLADE_DIRECTIVE_NAME.test(text)) return true;
  }
  return false;
}

/**
 * The other template language whose tags share Handlebars' `{{…}}` delimiters that a part is written in, if
 * any: Go templates, Blade views, Magento templates, Mailjet's language, Jinja/Twig output (in this order of
 * precedence). Their tags are masked like mustaches and never parsed as Handlebars.
 */
export function sharedDelimiterLanguage(text: string, mustaches: readonly Mustache[]): TemplateLanguage | undefined {
  // Each tag's text trimmed once, for every test below.
  const trimmed = mustaches.map((m) => m.inner.trim());
  if (goTemplate(mustaches, trimmed)) return 'go';
  if (bladeTemplate(text, mustaches, trimmed)) return 'blade';
  if (magentoTemplate(text, mustaches, trimmed)) return 'magento';
  if (mailjetTemplate(mustaches, trimmed)) return 'mailjet';
  if (jinjaTemplate(mustaches)) return 'jinja';
  return undefined;
}
