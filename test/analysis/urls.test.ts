import { describe, it, expect } from 'vitest';
import { parseTemplate } from '../../src/analysis/template-doc.js';
import { extractUrls, collectProbeRequests, MAX_LINK_NESTING } from '../../src/analysis/urls.js';
import { analyzeUrl, ipLiteral } from '../../src/analysis/url-info.js';
import { sourceFor, type Case } from '../rule-tester.js';

const doc = (c: Case) => parseTemplate(sourceFor(c));
const slice = (c: Case, r: { part: string; span: { start: number; end: number } }) => ((r.part === 'text' ? c.text : c.mjml ?? c.html) ?? '').slice(r.span.start, r.span.end);

describe('extractUrls', () => {
  it('finds every HTML source with exact spans', async () => {
    const c: Case = {
      html: [
        '<html><head><link rel="stylesheet" href="https://x.com/s.css"><style>@import url("https://x.com/i.css"); .h{background:url(\'https://x.com/h.png\')}</style></head>',
        '<body background="https://x.com/b.png"><table><tr><td style="background-image:url(&quot;https://x.com/td.png&quot;)">',
        '<!--[if gte mso 9]><v:rect><v:fill src="https://x.com/v.png"/></v:rect><v:image src="https://x.com/vi.png"/><![endif]-->',
        '<img src=" https://x.com/a.png " srcset="https://x.com/a1.png 1x, https://x.com/a2.png 2x">',
        '<map><area href="https://x.com/area" alt="Area"></map><a href="https://x.com/?a=1&amp;b=2">Go <b>now</b></a>',
        '</td></tr></table></body></html>',
      ].join('\n'),
    };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => [r.kind, r.tag, r.context, slice(c, r)])).toEqual([
      ['stylesheet', 'link', 'attribute', 'https://x.com/s.css'],
      ['stylesheet', 'style', 'css', 'https://x.com/i.css'],
      ['background', 'style', 'css', 'https://x.com/h.png'],
      ['background', 'body', 'attribute', 'https://x.com/b.png'],
      ['background', 'td', 'css', 'https://x.com/td.png'],
      ['background', 'v:fill', 'attribute', 'https://x.com/v.png'],
      ['image', 'v:image', 'attribute', 'https://x.com/vi.png'],
      ['image', 'img', 'attribute', 'https://x.com/a.png'],
      ['image', 'img', 'srcset', 'https://x.com/a1.png'],
      ['image', 'img', 'srcset', 'https://x.com/a2.png'],
      ['link', 'area', 'attribute', 'https://x.com/area'],
      ['link', 'a', 'attribute', 'https://x.com/?a=1&amp;b=2'],
    ]);
    const a = refs.at(-1)!;
    expect(a.value).toBe('https://x.com/?a=1&b=2');
    expect(a.linkText).toBe('Go now');
    expect(refs.find((r) => r.tag === 'v:fill')!.conditional).toBe(true);
    expect(refs.find((r) => r.tag === 'area')!.linkText).toBe('Area');
  });

  it('a url() in @font-face is a font, not an image: no image rule reads it', async () => {
    const c: Case = {
      html: "<style>@font-face { font-family: 'M'; src: local('M'), url(http://fonts.gstatic.com/m.woff) format('woff'); }\n.h { background: url(./img/h.png) }</style><p>x</p>",
    };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => [r.kind, slice(c, r)])).toEqual([
      ['font', 'http://fonts.gstatic.com/m.woff'],
      ['background', './img/h.png'],
    ]);
  });

  it('reads MJML components and HTML inside mj-text', async () => {
    const c: Case = {
      mjml: `<mjml><mj-body><mj-wrapper background-url="https://x.com/w.png"><mj-section background-url="https://x.com/s.png"><mj-column>
<mj-image src="https://x.com/i.png" href="https://x.com/i" alt="Hero"></mj-image>
<mj-button href="https://x.com/buy">Buy now</mj-button>
<mj-text><img src="https://x.com/t.png" alt=""><a href="https://x.com/t">text link</a></mj-text>
<mj-social><mj-social-element name="facebook" src="https://x.com/fb.png" href="https://facebook.com/x">Facebook</mj-social-element></mj-social>
<mj-navbar><mj-navbar-link href="https://x.com/nav">Nav</mj-navbar-link></mj-navbar>
</mj-column></mj-section></mj-wrapper><mj-hero background-url="https://x.com/hero.png"></mj-hero></mj-body></mjml>`,
    };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => `${r.kind} ${r.tag}.${r.attr} ${slice(c, r)}${r.linkText !== undefined ? ` "${r.linkText}"` : ''}`)).toEqual([
      'background mj-wrapper.background-url https://x.com/w.png',
      'background mj-section.background-url https://x.com/s.png',
      'image mj-image.src https://x.com/i.png',
      'link mj-image.href https://x.com/i "Hero"',
      'link mj-button.href https://x.com/buy "Buy now"',
      'image img.src https://x.com/t.png',
      'link a.href https://x.com/t "text link"',
      'image mj-social-element.src https://x.com/fb.png',
      'link mj-social-element.href https://facebook.com/x "Facebook"',
      'link mj-navbar-link.href https://x.com/nav "Nav"',
      'background mj-hero.background-url https://x.com/hero.png',
    ]);
  });

  it('resolves dynamic URLs per sample in their block context', async () => {
    const c: Case = {
      html: '{{#each items}}<a href="{{../base}}/p/{{id}}">{{name}}</a>{{/each}}{{#if vip}}<img src="{{vipImg}}">{{/if}}',
      data: [{ base: 'https://shop.x', items: [{ id: 1, name: 'One' }, { id: 2, name: 'Two' }] }, { base: 'https://b.x', items: [], vip: true, vipImg: 'https://x.com/v.png' }],
    };
    const refs = extractUrls(await doc(c));
    expect(refs[0]!.staticParts).toEqual(['', '/p/', '']);
    expect(refs[0]!.resolved).toEqual([{ sample: 0, url: 'https://shop.x/p/1' }, { sample: 0, url: 'https://shop.x/p/2' }]);
    expect(refs[0]!.resolvedText).toEqual([{ sample: 0, text: 'One' }, { sample: 0, text: 'Two' }]);
    // The branch only sample #2 takes.
    expect(refs[1]!.resolved).toEqual([{ sample: 1, url: 'https://x.com/v.png' }]);
  });

  it('resolves a sample that prints an object elsewhere (prototype-less data rendered as the provider would)', async () => {
    // parse/json.ts gives objects without a prototype; Handlebars could not print one, and the whole sample's
    // URLs were lost. The provider prints "[object Object]".
    const c: Case = { html: '<p>{{who}}</p><a href="{{url}}">{{label}}</a>', data: { who: { name: 'x' }, url: 'http://x.com/p', label: { a: 1 } } };
    const refs = extractUrls(await doc(c));
    expect(refs[0]!.resolved).toEqual([{ sample: 0, url: 'http://x.com/p' }]);
    expect(refs[0]!.resolvedText).toEqual([{ sample: 0, text: '[object Object]' }]);
  });

  it('resolves through whitespace control, standalone lines, CR line ends, escapes and partials', async () => {
    // The markers go into the compiled part's content (hbs-compile.ts): these place them from the AST's
    // locations; the last one (a URL ending the text part with an expression) has no content to hold its end.
    const cases: [Case, unknown][] = [
      [
        {
          html: '<ul>\r\n  {{#each items}}\r\n  <li><a href="{{url}}">\r\n    {{#if bold}}\r\n    <b>{{name}}</b>\r\n    {{else}}\r\n    {{name}}\r\n    {{/if}}\r\n  </a></li>\r\n  {{/each}}\r\n</ul>',
          data: { items: [{ url: 'https://a.x/1', name: 'One', bold: true }, { url: 'https://a.x/2', name: 'Two' }] },
        },
        [[[{ sample: 0, url: 'https://a.x/1' }, { sample: 0, url: 'https://a.x/2' }], [{ sample: 0, text: 'One' }, { sample: 0, text: 'Two' }]]],
      ],
      [
        { html: '<p>\\{{literal}} <a href="https://x.com/{{~ path ~}} ">  {{~name~}}  </a>\r<img src="{{img}}">\r</p>', data: { path: 'p', name: 'N', img: 'https://i.x/a.png' } },
        [[[{ sample: 0, url: 'https://x.com/p' }], [{ sample: 0, text: 'N' }]], [[{ sample: 0, url: 'https://i.x/a.png' }], undefined]],
      ],
      [
        { html: '{{#*inline "row"}}<a href="{{u}}">{{t}}</a>{{/inline}}{{> row u=a t="A"}}{{#with o}}<img src="{{../base}}/{{f}}">{{/with}}', data: { a: 'https://x.com/a', o: { f: 'f.png' }, base: 'https://cdn.x' } },
        [[[{ sample: 0, url: 'https://x.com/a' }], [{ sample: 0, text: 'A' }]], [[{ sample: 0, url: 'https://cdn.x/f.png' }], undefined]],
      ],
      [{ text: 'Line\n{{#if a}}\nhttps://x.com/{{a}}/\n{{/if}}\nbye', data: { a: 'q' } }, [[[{ sample: 0, url: 'https://x.com/q/' }], undefined]]],
      [{ text: 'Visit https://x.com/{{path}}', data: { path: 'end' } }, [[[{ sample: 0, url: 'https://x.com/end' }], undefined]]],
    ];
    for (const [c, expected] of cases) expect(extractUrls(await doc(c)).map((r) => [r.resolved, r.resolvedText])).toEqual(expected);
  });

  it('reads top-level expressions without rendering, with what the rendering gives', async () => {
    // A helper call anywhere makes the template ineligible (a helper may fail a sample's rendering): the same
    // template with `{{lookup this "zz"}}` at its end resolves by rendering the marked template, and must agree.
    const data = [
      { url: 'https://x.com/a?b=1&c=<2>', o: { u: "https://o.x/'q'`=\"" }, n: 0, f: false, t: true, nul: null, arr: ['a', 'b'], obj: { k: 1 }, name: 'Ann & <Bo>', s: 'abc' },
      { url: 'HTTP://Y.com/%20', o: null, n: 12.5, name: '' },
      'not an object',
      null,
    ];
    const cases: Case[] = [
      { html: '<a href="{{url}}">{{name}}</a><a href="{{{url}}}">{{{name}}}</a><img src="{{o.u}}"><a href="https://x.com/{{n}}/{{f}}/{{t}}/{{nul}}/{{missing}}?a={{arr}}&amp;b={{obj}}">x {{s.length}} y</a>', data },
      { html: '<a href="{{o.u}}"> <b>{{name}}</b> &amp; {{url}} </a>{{#if t}}<a href="{{url}}">in a block</a>{{/if}}{{! a comment }}', data },
      { text: 'Go to {{url}} or https://x.com/{{s}}/{{n}} now.\nBye {{name}}', data },
      { html: '<a href="{{constructor}}{{toString}}{{hasOwnProperty}}">{{__proto__}}</a>', data },
    ];
    let direct = 0;
    for (const c of cases) {
      const suffix = (x: string | undefined) => (x === undefined ? x : `${x}{{lookup this "zz"}}`);
      const plain = extractUrls(await doc(c));
      const rendered = extractUrls(await doc({ ...c, html: suffix(c.html), text: suffix(c.text) }));
      expect(plain.map((r) => [r.url, r.resolved, r.resolvedText])).toEqual(rendered.map((r) => [r.url, r.resolved, r.resolvedText]));
      direct += plain.filter((r) => r.resolved.length).length;
    }
    expect(direct).toBeGreaterThanOrEqual(8);
  });

  it('renders with markers under the template\'s render budget (settings.limits through the parse)', async () => {
    const c: Case = { html: '{{#each items}}<a href="{{url}}">x</a>{{/each}}', data: { items: Array.from({ length: 20 }, (_, i) => ({ url: `https://x.com/${i}` })) } };
    expect(extractUrls(await doc(c))[0]!.resolved).toHaveLength(20);
    // Over a budget of 10 steps (20 loop bodies): the sample is not resolved, and the review goes on.
    const tight = await parseTemplate(sourceFor(c), { renderLimits: { renderSteps: 10, renderOutput: 2_000_000 } });
    expect(extractUrls(tight)[0]!.resolved).toEqual([]);
  });

  it('finds URLs in the text part, without trailing punctuation', async () => {
    const c: Case = { text: 'See https://x.com/a/{{id}}. Or (www.x.com/b), or <https://x.com/c>!' };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => slice(c, r))).toEqual(['https://x.com/a/{{id}}', 'www.x.com/b', 'https://x.com/c']);
    expect(refs[0]!.dynamic).toBe(true);
  });

  it('reads CSS url() and @import in style attributes in any case, and only there', async () => {
    const c: Case = {
      html: [
        '<div style="color:red">a</div><td style="background:URL(https://x.com/u.png)">b</td>',
        '<p title="a > b" style="background:url(https://x.com/q.png)">c</p><span style="@IMPORT \'https://x.com/s.css\'">d</span>',
        '<div data-x="url(https://x.com/not.png)" style="color:red">e</div>',
      ].join(''),
    };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => [r.kind, r.tag, slice(c, r)])).toEqual([
      ['background', 'td', 'https://x.com/u.png'],
      ['background', 'p', 'https://x.com/q.png'],
      ['stylesheet', 'span', 'https://x.com/s.css'],
    ]);
  });

  it('reads nested links as the parser nests them, and past MAX_LINK_NESTING ends a text at the next link', async () => {
    const c: Case = { html: '<p><a href="https://x.com/a">Outer <b>bold</b> <a href="https://x.com/b">Inner <img alt="pic"></a> tail</a></p>' };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => [slice(c, r), r.linkText, r.imageAlts])).toEqual([
      ['https://x.com/a', 'Outer bold Inner tail', ['pic']],
      ['https://x.com/b', 'Inner', ['pic']],
    ]);
    // Unclosed links nested hundreds deep (each text was the rest of its parent's: ~500 times the input).
    const deep: Case = { html: `<p>${'<a href="https://x.com/">x '.repeat(2000)}</p>` };
    const nested = extractUrls(await doc(deep));
    expect(nested.length).toBeGreaterThan(400);
    const shallow = nested.slice(0, MAX_LINK_NESTING);
    expect(shallow.every((r) => /^x( x){400,}$/.test(r.linkText!))).toBe(true);
    expect(nested.slice(MAX_LINK_NESTING, -1).every((r) => r.linkText === 'x')).toBe(true);
  });

  it('goes on past elements named like members of Object.prototype', async () => {
    const c: Case = { html: '<constructor><__proto__><img src="https://x.com/a.png"></__proto__></constructor><a href="https://x.com/b">b</a>' };
    const refs = extractUrls(await doc(c));
    expect(refs.map((r) => slice(c, r))).toEqual(['https://x.com/a.png', 'https://x.com/b']);
  });

  it('tolerates broken input', async () => {
    for (const c of [
      { html: '<a href="{{#if x}}https://a{{/each}}">x</a>', data: { x: 1 } },
      { html: '<img src="{{x}}">', data: '{ not json' },
      { html: '<img src="{{x}}">', data: [1, 'a', null] },
      { html: '<div>'.repeat(5000) + '<img src="https://x.com/a.png">' + '</div>'.repeat(5000) },
      { html: '<!--[if mso]><v:fill src="https://x.com/a.png"' },
      { html: '<style>url(' },
      { html: '<img srcset=",,, ,">' },
    ] as Case[]) {
      const d = await doc(c);
      expect(() => extractUrls(d)).not.toThrow();
    }
  });
});

describe('collectProbeRequests', () => {
  it('dedupes, keeps absolute http(s) only, includes resolved URLs, skips template syntax', async () => {
    const c: Case = {
      html: '<img src="https://x.com/a.png"><img src="https://x.com/a.png"><img src="a.png"><a href="mailto:a@b.c">m</a><a href="{{u}}">u</a><a href="https://x.com/{{id}}">i</a><a href="https://x.com/l">l</a>',
      data: { u: 'https://x.com/from-sample' },
    };
    expect(collectProbeRequests(await doc(c))).toEqual([
      { url: 'https://x.com/a.png', kind: 'image' },
      { url: 'https://x.com/from-sample', kind: 'link' },
      // the sample has no `id`: what it would send is probed
      { url: 'https://x.com/', kind: 'link' },
      { url: 'https://x.com/l', kind: 'link' },
    ]);
  });
});

describe('analyzeUrl', () => {
  it('knows what static parts tell', () => {
    expect(analyzeUrl('{{u}}').schemeKnown).toBe(false);
    expect(analyzeUrl('http://{{h}}/x').scheme).toBe('http');
    expect(analyzeUrl('http://{{h}}/x').host).toBeUndefined();
    expect(analyzeUrl('https://x.com:8443/{{p}}')).toMatchObject({ scheme: 'https', host: 'x.com', port: 8443 });
    expect(analyzeUrl('img/{{n}}.png').relative).toBe(true);
    expect(analyzeUrl('//cdn.x.com/a').protocolRelative).toBe(true);
    expect(analyzeUrl(' java\tscript:x').scheme).toBe('javascript');
    expect(analyzeUrl('http://0x7f000001/').host).toBe('127.0.0.1');
  });
  it('keeps the user name of the authority and notes a %-escaped host', () => {
    expect(analyzeUrl('http://www.bank.example@evil.example/x')).toMatchObject({ userinfo: 'www.bank.example', host: 'evil.example' });
    expect(analyzeUrl('https://example.com/a@b').userinfo).toBeUndefined();
    expect(analyzeUrl('http://w%77w.example.com/')).toMatchObject({ hostEscaped: true, host: 'www.example.com' });
    // An escaped port is invalid to the URL standard; the host is read as filters decode it.
    expect(analyzeUrl('http://%31%30%2E%30%2E%30%2E%31:%38%30/')).toMatchObject({ hostEscaped: true, host: '10.0.0.1', hostWritten: '%31%30%2e%30%2e%30%2e%31' });
    expect(analyzeUrl('https://example.com/%41').hostEscaped).toBeUndefined();
  });
  it('detects IP literals', () => {
    expect(ipLiteral('192.168.0.1')).toMatchObject({ version: 4, range: 'private' });
    expect(ipLiteral('[::1]')).toMatchObject({ version: 6, range: 'loopback' });
    expect(ipLiteral('example.com')).toBeUndefined();
  });
});
