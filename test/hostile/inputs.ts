/**
 * The hostile inputs of issue 13, built at a chosen size: repeated characters, tokens and tags that made a
 * rule's scan or the renderer blow up. Shared by the hostile tests and the growth harness.
 */
export interface HostileCase {
  /** JSON text of the meta sidecar; marketing by default, so the compliance rules run too. */
  html?: string;
  mjml?: string;
  text?: string;
  meta?: string;
  data?: string;
  schema?: string;
}

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head><title>T</title>${head}</head><body>${body}<p>Acme Inc, 1 Main St, Springfield</p></body></html>`;

/** Attributes of mj-text that mjml writes into its output. */
const INHERITED = ['font-family', 'color', 'line-height', 'letter-spacing', 'font-size', 'font-weight', 'font-style', 'text-decoration', 'text-transform', 'container-background-color'];

const MARKETING = JSON.stringify({ subject: 'Hello', category: 'marketing' });

/** Each builder takes a repeat count n and returns a template whose size grows linearly with n. */
export const HOSTILE: Record<string, (n: number) => HostileCase> = Object.fromEntries(
  Object.entries({
  digits: (n) => ({ html: page(`<p>${'1'.repeat(n)}</p>`) }),
  digitsSpaced: (n) => ({ html: page(`<p>${'1 '.repeat(n)}</p>`) }),
  moneyLike: (n) => ({ html: page(`<p>${'$1,'.repeat(n)}</p>`) }),
  openMustaches: (n) => ({ html: page(`<p>${'{{'.repeat(n)}</p>`) }),
  // `{{!--}}` is a whole comment to Handlebars (the opener's dashes close it); its lexer copies the rest of the
  // input for each one (fuzz seed 11, input 4264: 32,543 of them in 300 KB, 6 s).
  dashComments: (n) => ({ html: page(`<p>你好</p>${'<p>x</p>{{!--}}'.repeat(n)}`) }),
  urlCalls: (n) => ({ html: page('<p>x</p>', `<style>${'url('.repeat(n)}</style>`) }),
  urlInline: (n) => ({ html: page(`<div style="${'url('.repeat(n)}">x</div>`) }),
  linkTextDots: (n) => ({ html: page(`<a href="https://example.com/">${'a.'.repeat(n)}</a>`) }),
  styleOpen: (n) => ({ html: page(`<p>x</p>${'<style '.repeat(n)}`) }),
  scriptOpen: (n) => ({ html: page(`<p>x</p>${'<script '.repeat(n)}`) }),
  nestedDivs: (n) => ({ html: page(`${'<div>'.repeat(n)}x${'</div>'.repeat(n)}`) }),
  unclosedDivs: (n) => ({ html: page(`${'<div>'.repeat(n)}x`) }),
  nestedTables: (n) => ({ html: page(`${'<table><tr><td>'.repeat(n)}x`) }),
  unclosedIf: (n) => ({ html: page(`${'{{#if x}}'.repeat(n)}`) }),
  httpImages: (n) => ({ html: page(`${'<img src="http://example.com/a.png">'.repeat(n)}`) }),
  anchors: (n) => ({ html: page(`${'<a href="https://example.com/?a=1">Click here</a> '.repeat(n)}`) }),
  phrases: (n) => ({ html: page(`<p>${'FREE!!! click here now '.repeat(n)}</p>`) }),
  shouting: (n) => ({ html: page(`<p>${'AAAA '.repeat(n)}</p>`) }),
  exclaims: (n) => ({ html: page(`<p>${'!'.repeat(n)}</p>`) }),
  ltRuns: (n) => ({ html: page(`<p>${'<'.repeat(n)}</p>`) }),
  comments: (n) => ({ html: page(`${'<!--'.repeat(n)}`) }),
  condComments: (n) => ({ html: page(`${'<!--[if mso]>'.repeat(n)}`) }),
  entities: (n) => ({ html: page(`<p>${'&amp'.repeat(n)}</p>`) }),
  attrs: (n) => ({ html: page(`<p ${'a="b" '.repeat(n)}>x</p>`) }),
  quotes: (n) => ({ html: page(`<p title="${'"'.repeat(n)}>x</p>`) }),
  mustacheVars: (n) => ({ html: page(`<p>${'{{a}}'.repeat(n)}</p>`), data: '{"a":"x"}' }),
  eachBlocks: (n) => ({ html: page(`${'{{#each a}}'.repeat(n)}{{this}}${'{{/each}}'.repeat(n)}`), data: '{"a":[1]}' }),
  textDigits: (n) => ({ text: 'Hello\n' + '1'.repeat(n) }),
  textUrls: (n) => ({ text: 'Hello\n' + 'http://'.repeat(n) }),
  subjectBang: (n) => ({ html: page('<p>x</p>'), meta: JSON.stringify({ subject: '!'.repeat(n), category: 'marketing' }) }),
  subjectWords: (n) => ({ html: page('<p>x</p>'), meta: JSON.stringify({ subject: 'FREE $1 '.repeat(n), category: 'marketing' }) }),
  metaNul: (n) => ({ html: page('<p>x</p>'), meta: `{"subject": "${'\\u0000'.repeat(n)}"}` }),
  spamText: (n) => ({ text: 'Hello\n' + 'WIN MONEY now!!! '.repeat(n) }),
  linkTextUrl: (n) => ({ html: page(`<a href="https://example.com/">https://${'x.com/'.repeat(n)}</a>`) }),
  linkTextPunct: (n) => ({ html: page(`<a href="https://example.com/">see x.com/${'.'.repeat(n)}a</a>`) }),
  cssSpaces: (n) => ({ html: page('<p>x</p>', `<style>p{background:url(${' '.repeat(n)}x}</style>`) }),
  cssQuot: (n) => ({ html: page(`<div style="${'url(&quot;'.repeat(n)}">x</div>`) }),
  singleBraces: (n) => ({ html: page(`<p>${'{{a}} {b} '.repeat(n)}</p>`), meta: JSON.stringify({ subject: 'x', provider: 'tencent', category: 'marketing' }) }),
  asmPlaceholder: (n) => ({ html: page(`<p>${'<%asm_'.repeat(n)}</p>`) }),
  manyHosts: (n) => ({ html: page(`<a href="https://example.com/">${Array.from({ length: n }, (_, i) => `h${i}.com`).join(' ')}</a>`) }),
  mjmlSections: (n) => ({ mjml: `<mjml><mj-body>${'<mj-section><mj-column><mj-text>hi</mj-text></mj-column></mj-section>'.repeat(n)}</mj-body></mjml>` }),
  attrSpaces: (n) => ({ html: page(`<img src="https://example.com/a.png${' '.repeat(n)}x" alt="a">`) }),
  hbsComments: (n) => ({ text: `Hello\n${'{{!-- c --}}'.repeat(n)}` }),
  // One stretch of Han characters without punctuation (fuzz seed 7 #574: 88,000 of them took 28 s in ICU's word breaking).
  hanRun: (n) => ({ html: page('<p>您的订单已发货</p>'), text: '如果'.repeat(n) }),
  headOpen: (n) => ({ html: `<img src="https://example.com/a.png" alt="a">${'<head '.repeat(n)}` }),
  bodyOpen: (n) => ({ html: `<img src="https://example.com/a.png" alt="a">${'<body '.repeat(n)}` }),
  // A style block with a syntax error every few characters (css-tree formats a source excerpt per error).
  cssErrors: (n) => ({ html: page('<p>x</p>', `<style>p{${'0\t2;'.repeat(n)}display:none}</style>`) }),
  cssErrorRules: (n) => ({ html: page('<p>x</p>', `<style>${'p{b}'.repeat(n)}</style>`) }),
  cssComments: (n) => ({ html: page('<p>x</p>', `<style>${'/* '.repeat(n)}</style>`) }),
  // Handlebars' lexer puts `{{!--` back in front of the rest of the input: in a two-byte string (any
  // character beyond Latin-1) that copied the rest for every comment (fuzz seed 11 #794: 7 s for 215 KB).
  longComments: (n) => ({ html: page('<p>x</p>'), text: `Grüße 你好 ${'{{!-- c --}}'.repeat(n)} end` }),
  longCommentsUnclosed: (n) => ({ html: page('<p>x</p>'), text: `你好 ${'{{!-- c --}}'.repeat(n)}{{!-- open` }),
  mjmlAttributes: (n) => ({ mjml: `<mjml><mj-head>${'<mj-attributes>'.repeat(n)}</mj-head><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>` }),
  mjmlMustaches: (n) => ({ mjml: `<mjml><mj-body><mj-section><mj-column><mj-text>${'{{{raw}}}'.repeat(n)}</mj-text></mj-column></mj-section></mj-body></mjml>`, data: '{"raw":"x"}' }),
  // Handlebars' parser copies its stack at every reduction: nesting cost its square and more (fuzz seed 101 #30871
  // and seed 202 #21785: an unclosed `{{x (a (a (a …` of 150 KB, 80-120 s); parsing stops at 100 levels.
  sexprNest: (n) => ({ html: page(`<p>{{x${' (a'.repeat(n)}}}</p>`) }),
  sexprNestClosed: (n) => ({ html: page(`<p>{{x${' (a'.repeat(n)}${')'.repeat(n)}}}</p>`) }),
  sexprNestText: (n) => ({ html: page('<p>x</p>'), text: `Hello {{x${' (a'.repeat(n)}` }),
  elseIfChain: (n) => ({ html: page(`{{#if a}}${'{{else if b}}x'.repeat(n)}{{/if}}`) }),
  // Handlebars' compiler wraps a path's code once per segment (fuzz seed 101 #4188: 18,000 segments, 6 s).
  longPath: (n) => ({ html: page(`<p>{{x${'.a'.repeat(n)}}}</p>`), data: '{"x":{}}' }),
  // mj-include's attribute regex backtracked over a run of name characters (fuzz seed 101 #4381: 3 s).
  mjIncludeAttrRun: (n) => ({ mjml: `<mjml><mj-head><mj-include ${'path'.repeat(n)} /></mj-head><mj-body></mj-body></mjml>` }),
  mjIncludeOpen: (n) => ({ mjml: `<mjml><mj-body>${'<mj-include '.repeat(n)}</mj-body></mjml>` }),
  mjIncludeComment: (n) => ({ mjml: `<mjml><mj-body><!-- x -->${'<mj-include path="a.mjml" />'.repeat(n)}</mj-body></mjml>` }),
  // Link text read with /<[^>]*>/g and /<img\b[^>]*>/gi: every `<` searched to the end (fuzz seed 101 #2180: 1 s).
  linkTextLt: (n) => ({ html: page(`<a href="https://example.com/">${'  <   '.repeat(n)}</a>`) }),
  linkTextImgOpen: (n) => ({ html: page(`<a href="https://example.com/">x ${'<img '.repeat(n)}</a>`) }),
  // Unclosed links nested as deep as the DOM budget allows: each link's text was the rest of its parent's (fuzz seed 101 #2049: 0.2 s).
  nestedAnchors: (n) => ({ html: page('<a href="https://example.com/">x '.repeat(n)) }),
  // Mismatched closes: a slice and split per finding for the opener's line, a stack search per close
  // (fuzz seed 101 #41964: 13,600 of them in a 151 KB text part, 1 s).
  mismatchedCloses: (n) => ({ html: page('<p>x</p>'), text: `Hello {{#a}}x${'{{/b}}\n'.repeat(n)}` }),
  deepMismatches: (n) => ({ html: page(`${'{{#a}}'.repeat(n)}${'{{/b}}'.repeat(n)}`) }),
  // ERB tags run to the first `%>` up to 2,000 characters on: openers with no closer in reach must not each
  // read that far (merge-tags.ts scanDelimited), nor closers with many openers before them.
  erbOpeners: (n) => ({ html: page(`<p>${'<% '.repeat(n)}</p>`) }),
  erbTags: (n) => ({ html: page(`<p>${'<%= t("a") %> '.repeat(n)}</p>`) }),
  // Two runs of spaces that meet in a rule's regex: an @import followed by spaces (fuzz seed 1919 #10906: 33 KB,
  // 0.8 s in html/no-external-stylesheet), a subject "re" followed by spaces and no colon (content/subject-style).
  // Locating each of many keys of one JSON object read the object's keys from the first (jsonc-parser's lookup):
  // 100,000 TemplateData keys, each an unused field, took data/unused-data-field 170 s; 35,000 schema properties
  // took data/schema-unused-property 24 s, which also compared each with every unused one before it.
  dataManyKeys: (n) => ({ html: page('<p>{{a}}</p>'), data: JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))) }),
  schemaManyProperties: (n) => ({ html: page('<p>{{a}}</p>'), data: '{"a":"x"}', schema: JSON.stringify({ type: 'object', properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'string' }])) }) }),
  // Each declared property was looked up in `required` with includes (declaredProperties): 27,000 properties,
  // all required, took 0.38 s in that walk alone, 14x the time of a quarter of them.
  schemaManyRequired: (n) => {
    const names = Array.from({ length: n }, (_, i) => `p${i}`);
    return { html: page('<p>{{a}}</p>'), data: '{"a":"x"}', schema: JSON.stringify({ type: 'object', properties: Object.fromEntries(names.map((k) => [k, { type: 'string' }])), required: names }) };
  },
  importSpaces: (n) => ({ html: page('<p>x</p>', `<style>@import${' '.repeat(n)})</style>`) }),
  replySpaces: (n) => ({ html: page('<p>x</p>'), meta: JSON.stringify({ subject: `re${' '.repeat(n)}x`, category: 'marketing' }) }),
  // Each of MJML's issues was located by searching its line from the start (fuzz seed 1616 #6437: 18,151
  // unknown elements after 100 KB of markup on one line, 1.8 s).
  mjmlUnknownElementsOneLine: (n) => ({ mjml: `<mjml><mj-head><mj-attributes>${'</td>'.repeat(4 * n)}${'<mj-zzz/>'.repeat(n)}</mj-attributes></mj-head><mj-body><mj-text>x</mj-text></mj-body></mjml>` }),
  // mjml's parser searches its line table for every tag and comment (fuzz seed 101 #19187: 1 s).
  // MJML reads a size attribute's unit with a regex that is quadratic in the value's length (fuzz seed 11 #22671).
  mjmlLongAttribute: (n) => ({ mjml: `<mjml><mj-body><mj-section><mj-column width="50%${'{{else}}'.repeat(n)}"><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>` }),
  // The same unit regex, the value unquoted (`width=50%aaa…1`: htmlparser2 reads it to the next space).
  mjmlUnquotedAttribute: (n) => ({ mjml: `<mjml><mj-body><mj-section><mj-column width=50%${'a'.repeat(n)}1><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>` }),
  // mjml copies mj-all's values into every element and searches its output once per font (fuzz seed 12 #20606:
  // a font-family of 150 KB in 55 elements, 8.3 MB of output, 1 s). Values (each under 8 KB) and elements both
  // grow: copies grow as n².
  mjmlInheritedAttribute: (n) => ({ mjml: `<mjml><mj-head><mj-attributes><mj-all ${INHERITED.map((a) => `${a}="${'x'.repeat(n)}"`).join(' ')} /></mj-attributes></mj-head><mj-body><mj-section><mj-column>${'<mj-text>x</mj-text>'.repeat(Math.ceil(n / 25))}</mj-column></mj-section></mj-body></mjml>` }),
  // An mj-all width read by the unit regex in every column: length² × columns.
  mjmlInheritedWidth: (n) => ({ mjml: `<mjml><mj-head><mj-attributes><mj-all width="50%${'a'.repeat(n)}1" /></mj-attributes></mj-head><mj-body><mj-section>${'<mj-column><mj-text>x</mj-text></mj-column>'.repeat(n)}</mj-section></mj-body></mjml>` }),
  // mjml's font detection runs a regex per <mj-font> over its whole output: fonts × output.
  mjmlFonts: (n) => ({ mjml: `<mjml><mj-head>${Array.from({ length: n }, (_, i) => `<mj-font name="F${i}" href="https://example.com/${i}.css" />`).join('')}</mj-head><mj-body>${'<mj-section><mj-column><mj-text font-family="F1">x</mj-text></mj-column></mj-section>'.repeat(n)}</mj-body></mjml>` }),
  // Its font regexes read a stretch of output again from each `font-family:` in it: between two quotes of an
  // mj-text, and to the next `;` or `}` of an inline mj-style (K × L per font).
  mjmlFontFamilyRun: (n) => ({ mjml: `<mjml><mj-body><mj-section><mj-column><mj-text>"${'font-family:'.repeat(n)}"</mj-text></mj-column></mj-section></mj-body></mjml>` }),
  mjmlInlineFontFamily: (n) => ({ mjml: `<mjml><mj-head><mj-style inline="inline">p { ${'font-family:'.repeat(n)} }</mj-style></mj-head><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>` }),
  // Liquid and FreeMarker openers with no closer near: each was read up to 2,000 (20,000) characters on by the
  // merge-tag scan (fuzz seed 13 #532: thousands of `{{#…}}`, which hold `{#`; 40,000 `<#--` took 4.9 s).
  // Past the reach the old scan grew linearly (2,000 steps an opener): only the comments' case grows faster here.
  liquidOpeners: (n) => ({ html: page(`<p>${'{#'.repeat(n)}</p>`) }),
  freemarkerComments: (n) => ({ html: page(`<p>${'<#--'.repeat(n)}</p>`) }),
  // `/\s+-$/` (Go's trim marker) read a run of spaces inside a mustache from each of its characters (fuzz seed
  // 14 #1118: 10 s); `/\s*px\s*$/` the spaces before a width in pixels.
  goTrimSpaces: (n) => ({ html: page(`<p>{{a${' '.repeat(n)}b}}</p>`) }),
  widthPxSpaces: (n) => ({ html: page(`<img src="https://example.com/a.png" alt="a" height="10" width="${' '.repeat(n)}1px">`) }),
  // syntax/mjml found the line of each unclosed MJML tag by splitting the text before it (fuzz seed 14 #12308:
  // 0.37 s). With nesting cut at 500 that grew linearly, 500 copies of the text: 1.8 s at 300 KB, 13 ms now.
  mjmlUnclosed: (n) => ({ mjml: `<mjml>\n${'  <mj-heml>\n'.repeat(n)}` }),
  // mjml reads from each `<!--[if …]>` of its output to the next `<![endif]-->` (fuzz seed 14 #8419: 14,355 never closed).
  mjmlConditionals: (n) => ({ mjml: `<mjml><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>\n${'<!--[if mso]>'.repeat(n)}</mj-body></mjml>` }),
  // A part taken for FreeMarker (a `<#if>` in it) skipped the expressions budget, and was still compiled by
  // Handlebars for rendering (fuzz seed 12 #26596: 13,563 `{{> footer}}`, 1.1 s).
  foreignPartials: (n) => ({ html: page(`<#if x>y</#if><img src="https://example.com/a.png" alt="a">${'{{> footer}}'.repeat(n)}`) }),
  // mjml's parser appends each piece of an element's text and trims the whole: a `<` that starts no tag ends a
  // piece (fuzz seed 15 #2201: runs of `<<<<` in an mj-column, 0.5 s).
  mjmlStrayLt: (n) => ({ mjml: `<mjml><mj-body><mj-section><mj-column>${'x < '.repeat(n)}<mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>` }),
  mjmlBogusComments: (n) => ({ mjml: `<mjml><mj-body>\n${'</" />\n'.repeat(n)}</mj-body></mjml>` }),
  mjmlUnknown: (n) => ({ mjml: `<mjml><mj-body>${'<mj-bogus>'.repeat(n)}</mj-body></mjml>` }),
  } satisfies Record<string, (n: number) => HostileCase>).map(([name, build]) => [name, (n: number) => ({ meta: MARKETING, ...build(n) })]),
);

/**
 * Text hidden by a style rule that follows `n` syntax errors in the same sheet (css-tree once took seconds
 * per 60 KB of them, so the review's time budget skipped the hidden-text check).
 */
export function hiddenAfterCssErrors(n: number): HostileCase {
  return {
    meta: MARKETING,
    html: page(
      '<h1>Your order</h1><p>Thanks for your order, it ships today and arrives soon.</p><div class="h">viagra cheap pills casino winner lottery</div><p>More text here for the reader to see.</p>',
      `<style>p{${'0\t2;'.repeat(n)}}.h{display:none}</style>`,
    ),
  };
}

/** The render bomb: four nested loops over the same list (printing `body`: each item, or a link to it). */
export function renderBomb(items: number, body = '{{this}}'): HostileCase {
  return {
    html: page(`{{#each a}}{{#each ../a}}{{#each ../../a}}{{#each ../../../a}}${body}{{/each}}{{/each}}{{/each}}{{/each}}`),
    data: JSON.stringify({ a: Array.from({ length: items }, (_, i) => `item number ${i}`) }),
  };
}
