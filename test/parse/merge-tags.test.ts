/**
 * Merge tags of other languages are masked like Handlebars expressions before any rule reads text.
 * Fixtures are short excerpts of public templates (origins per case).
 */
import { describe, it, expect } from 'vitest';
import { scanMergeTags } from '../../src/parse/merge-tags.js';
import { scanMustaches } from '../../src/parse/mustache.js';
import { review } from '../../src/review/review.js';
import { builtinRules } from '../../src/rules/index.js';
import { sourceFor, configFor } from '../rule-tester.js';
import shouting from '../../src/rules/content/shouting.js';
import handlebars from '../../src/rules/syntax/handlebars.js';
import { parseTemplate } from '../../src/analysis/template-doc.js';

const tags = (text: string) => scanMergeTags(text, scanMustaches(text).mustaches).map((m) => [m.syntax, text.slice(m.span.start, m.span.end)]);

// Mailchimp email-blueprints (github.com/mailchimp/email-blueprints, CC BY-SA 3.0), templates/simple-basic.html footer.
const MAILCHIMP_FOOTER = `<div mc:edit="std_footer">
  <em>Copyright &copy; *|CURRENT_YEAR|* *|LIST:COMPANY|*, All rights reserved.</em>
  <br />
  *|IFNOT:ARCHIVE_PAGE|* *|LIST:DESCRIPTION|*
  <br />
  <strong>Our mailing address is:</strong>
  <br />
  *|HTML:LIST_ADDRESS_HTML|**|END:IF|*
</div>`;

// databasir (github.com/vran-dev/databasir, Apache-2.0), core/src/main/resources/ftl/mail/DocumentUpdated.html.
const FREEMARKER = `<p>数据库&nbsp;<b>\${projectName}</b>&nbsp;有新的文档变更:</p>
<table>
  <#list diffs as diff >
    <#if diff.diffType == "MODIFIED">
      <tr><td>\${diff.tableName}</td><td>修改</td></tr>
    <#elseif diff.diffType == "REMOVED">
      <tr><td>\${diff.tableName}</td><td>删除</td></tr>
    </#if>
  </#list>
</table>`;

describe('scanMergeTags', () => {
  it('finds Mailchimp merge tags, conditionals included', () => {
    expect(tags(MAILCHIMP_FOOTER).map(([, t]) => t)).toEqual(['*|CURRENT_YEAR|*', '*|LIST:COMPANY|*', '*|IFNOT:ARCHIVE_PAGE|*', '*|LIST:DESCRIPTION|*', '*|HTML:LIST_ADDRESS_HTML|*', '*|END:IF|*']);
  });

  it('finds FreeMarker interpolations and directives, not the ${x} inside a directive twice', () => {
    const found = tags(FREEMARKER);
    expect(found.every(([s]) => s === 'freemarker')).toBe(true);
    expect(found.map(([, t]) => t)).toEqual(['${projectName}', '<#list diffs as diff >', '<#if diff.diffType == "MODIFIED">', '${diff.tableName}', '<#elseif diff.diffType == "REMOVED">', '${diff.tableName}', '</#if>', '</#list>']);
  });

  it('runs every syntax whose literal text is there, where literals overlap too', () => {
    // `{%` (Liquid, unclosed here) and `%recipient` (Mailgun) share the `%`: the Mailgun tag is still found.
    expect(tags('{%recipient%')).toEqual([['mailgun', '%recipient%']]);
    // Mautic's tokens are found by their opening brace.
    expect(tags('Hi {contactfield=firstname|there}, {assetlink=25} {pagelink=7} {unsubscribe_url}').map(([s, t]) => `${s} ${t}`)).toEqual([
      'mautic {contactfield=firstname|there}',
      'mautic {assetlink=25}',
      'mautic {pagelink=7}',
      'mautic {unsubscribe_url}',
    ]);
  });

  it('finds Liquid tags; {{ x | filter }} stays a mustache', () => {
    const text = '{% if customer.first_name %}Hi {{ customer.first_name | capitalize }},{% else %}Hi,{% endif %}';
    expect(tags(text)).toEqual([['liquid', '{% if customer.first_name %}'], ['liquid', '{% else %}'], ['liquid', '{% endif %}']]);
  });

  it('finds SendGrid legacy tags only where they are clearly tags', () => {
    const text = '<p>Hello -name-,</p><p style="-webkit-text-size-adjust:100%">Please re-sign-up.</p><p>[Sender_Name], [Sender_Address] <a href="[Unsubscribe]">x</a> <%asm_group_unsubscribe_raw_url%></p>';
    expect(tags(text).map(([, t]) => t)).toEqual(['-name-', '[Sender_Name]', '[Sender_Address]', '[Unsubscribe]', '<%asm_group_unsubscribe_raw_url%>']);
    // Plain prose: brackets, percentages and dashes are not tags.
    expect(tags('<p>Save 20% - today only [see terms] - a well-known offer.</p>')).toEqual([]);
  });

  it('finds Mautic tokens, and only the documented ones', () => {
    const text = '<p>Hi {contactfield=firstname|friend}, <a href="{pagelink=17}">page</a> {dynamiccontent="Promo 1"}</p><p>{unsubscribe_text} | {webview_text}</p>{tracking_pixel} {first_name} {contact}';
    expect(tags(text)).toEqual([
      ['mautic', '{contactfield=firstname|friend}'],
      ['mautic', '{pagelink=17}'],
      ['mautic', '{dynamiccontent="Promo 1"}'],
      ['mautic', '{unsubscribe_text}'],
      ['mautic', '{webview_text}'],
      ['mautic', '{tracking_pixel}'],
    ]);
  });

  it('finds Paid Memberships Pro tags, not exclamation marks', () => {
    // strangerstudios/paid-memberships-pro (GPL-2.0), email/billing_failure.html.
    const text = '<p>The payment for your !!sitename!! membership has failed. !!login_link!!</p><p>Great!! See you!!</p>';
    expect(tags(text)).toEqual([['pmpro', '!!sitename!!'], ['pmpro', '!!login_link!!']]);
    expect(tags('Hello !!display_name!!')).toEqual([['pmpro', '!!display_name!!']]);
  });

  it('finds #{…} interpolation (Zammad, Pug), so its paths are not read as words', () => {
    // zammad/zammad (AGPL-3.0), i18n/…/ticket_create.html.erb as its notification mails write it.
    const text = '<div>A new ticket (#{ticket.title}) has been created by "<b>#{current_user.longname}</b>".</div>\n#{t(\'Group\')}: #{ticket.group.name}<br>';
    expect(tags(text)).toEqual([
      ['interpolation', '#{ticket.title}'],
      ['interpolation', '#{current_user.longname}'],
      ['interpolation', "#{t('Group')}"],
      ['interpolation', '#{ticket.group.name}'],
    ]);
    expect(tags('Hi #{User}, colour #fff {x}')).toEqual([['interpolation', '#{User}']]);
    expect(tags('a #{ b {c} }')).toEqual([]);
  });

  it('finds ERB/EJS tags over several lines; SendGrid\'s one-line <%body%> stays SendGrid\'s', () => {
    // consuldemocracy/consuldemocracy (AGPL-3.0), app/views/mailer/email_verification.html.erb.
    const text = '<p style="<%= css_for_mailer_text %>">\n  <%= sanitize(\n    t("mailers.email_verification.instructions",\n      verification_link: link_to(t("x"), email_url(email_verification_token: @token))),\n    attributes: %w[href style]\n  ) %>\n</p>\n<%body%>';
    expect(tags(text).map(([syntax, inner]) => [syntax, inner!.slice(0, 14)])).toEqual([
      ['erb', '<%= css_for_ma'],
      ['erb', '<%= sanitize(\n'],
      ['sendgrid', '<%body%>'],
    ]);
    expect(tags('50<% off, no closer')).toEqual([]);
  });

  it('finds Mailgun variables', () => {
    expect(tags('<p>Hi %recipient.first_name%, <a href="%unsubscribe_url%">unsubscribe</a></p>').map(([, t]) => t)).toEqual(['%recipient.first_name%', '%unsubscribe_url%']);
  });
});

describe('merge tags are not read as text', () => {
  const run = async (rule: (typeof builtinRules)[number], c: Parameters<typeof sourceFor>[0]) => (await review(sourceFor(c), { config: configFor(rule, c), rules: [rule] })).findings;
  const calm = 'We have updated the terms of service for your account. Nothing changes for you today, and you can read them at any time.';

  it('Mailchimp footer tags are not shouting', async () => {
    expect(await run(shouting, { html: `<p>${calm}</p>${MAILCHIMP_FOOTER}` })).toEqual([]);
    // The same words written out in capitals are.
    const written = MAILCHIMP_FOOTER.replace(/\*\|([^|]+)\|\*/g, (_, t: string) => t.replace(/[_:]/g, ' '));
    expect((await run(shouting, { html: `<p>Hi.</p>${written}` })).length).toBeGreaterThan(0);
  });

  it('a Liquid template is not a Handlebars syntax error', async () => {
    expect(await run(handlebars, { html: '<p>{% if customer %}Hi {{ customer.first_name | capitalize }}{% endif %}</p>' })).toEqual([]);
  });

  it('FreeMarker directives are not text and not Handlebars', async () => {
    const all = builtinRules.filter((r) => r.meta.category === 'content' || r.meta.category === 'syntax');
    const html = `<html lang="zh"><head><title>文档变更</title></head><body>${FREEMARKER}</body></html>`;
    const findings = (await review(sourceFor({ html, subject: '文档变更' }), { config: { ...configFor(all[0]!, {}), rules: new Map(all.map((r) => [r.meta.id, { severity: 'warning' as const, options: r.meta.defaultOptions as Record<string, unknown>, weight: 0 }])) }, rules: all })).findings;
    const inTags = findings.filter((f) => f.part === 'html' && f.span.start >= html.indexOf('<body>') && /\$\{|<#|<\/#/.test(html.slice(f.span.start, f.span.end)));
    expect(inTags.map((f) => [f.ruleId, f.message])).toEqual([]);
  });
});

/** Handlebars syntax findings of a template (the only rule other template languages could trip). */
const findingsOf = async (c: Parameters<typeof sourceFor>[0]) => (await review(sourceFor(c), { config: configFor(handlebars, c), rules: [handlebars] })).findings;
/** The template language the parse gives the HTML part (undefined: Handlebars). */
const languageOf = async (html: string) => (await parseTemplate(sourceFor({ html }))).html?.language;

describe('Go templates (text/template, html/template) are not Handlebars', () => {

  it('a Go template is no Handlebars syntax error', async () => {
    const html = '<p>Hello {{ .User.Name }}</p>\n{{ range $i, $item := .Items }}<li>{{ $item.Title }}</li>{{ end }}\n{{- if .Footer -}}<p>{{ .Footer }}</p>{{- end -}}';
    expect(await findingsOf({ html })).toEqual([]);
    expect(await languageOf(html)).toBe('go');
  });

  it('recognises define/template actions, {{ end }} and := , and nothing in plain Handlebars', async () => {
    expect(await languageOf('{{ define "header" }}<h1>{{ Title }}</h1>{{ end }}')).toBe('go');
    expect(await languageOf('<div>{{ template "content" . }}</div>')).toBe('go');
    expect(await languageOf('<p>{{ $n := len .Rows }}{{ $n }} rows</p>')).toBe('go');
    expect(await languageOf('<p>{{#if user}}Hi {{user.name}}{{else}}Hi{{/if}} {{format date "short"}} {{> footer}}</p>')).toBeUndefined();
    expect(await languageOf('<p>{{#each items}}{{this}} {{.}}{{/each}} {{link "Home" url}}</p>')).toBeUndefined();
  });

  it('a broken Handlebars template is still a syntax error', async () => {
    expect((await findingsOf({ html: '<p>{{#if user}}Hi {{user.name}}</p>' })).length).toBeGreaterThan(0);
  });
});

describe('Laravel Blade views are not Handlebars', () => {

  it('a Blade view is no Handlebars syntax error', async () => {
    const html = "{{-- Greeting --}}\n<p>Hello {{ $user->name }},</p>\n@if ($order)\n<p>Order {{ $order->id }} ships {{ $order->date ?? 'soon' }}.</p>\n@endif";
    expect(await findingsOf({ html })).toEqual([]);
    expect(await languageOf(html)).toBe('blade');
  });

  it("a Blade directive on its own line marks the part (Monica's mails), CSS and SCSS at-rules do not", async () => {
    const html = "@component('mail::message')\n# Hello\n\n@lang('Thanks,')<br>\n{{ config('app.name') }}\n@endcomponent";
    expect(await languageOf(html)).toBe('blade');
    expect(await findingsOf({ html })).toEqual([]);
    expect(await languageOf('<style>\n@media (max-width: 600px) { p { margin: 0 } }\n@import url(x.css);\n</style><p>{{name}}</p>')).toBeUndefined();
  });

  it('a directive counts at the start of a line, after spaces or tabs only: not inside a line or an address', async () => {
    expect(await languageOf('<p>{{name}}</p>\n  \t@lang(\'Thanks,\')')).toBe('blade');
    expect(await languageOf('@endif <p>{{name}}</p>')).toBe('blade');
    expect(await languageOf('<p>{{name}}</p> @lang(\'x\')')).toBeUndefined();
    expect(await languageOf('<p>{{name}}</p>\r@lang(\'x\')')).toBeUndefined();
    expect(await languageOf('<p>Write to help@include.example or\n help@lang.example, {{name}}</p>\n@language')).toBeUndefined();
  });

  it("Blade's unescaped echo {!! … !!} is a tag, not exclamation marks (v2board's notices)", async () => {
    const html = '<p>尊敬的用户您好！</p>\n<p>{!! nl2br($content) !!}</p>';
    expect(tags(html)).toEqual([['blade', '{!! nl2br($content) !!}']]);
    expect(await languageOf(html)).toBe('blade');
    const shouted = (await review(sourceFor({ html }), { config: configFor(shouting, { html }), rules: [shouting] })).findings;
    expect(shouted).toEqual([]);
  });

  it('needs a Blade comment or a $variable; Handlebars comments and paths are not Blade', async () => {
    expect(await languageOf('<a href="{{ $url }}">Open</a>')).toBe('blade');
    expect(await languageOf('<p>{{!-- note --}}{{name}} {{{html}}} {{@index}}</p>')).toBeUndefined();
  });
});

describe('Magento email templates are not Handlebars', () => {

  it('directives and {{depend}}…{{/depend}} are no Handlebars errors', async () => {
    const html = '{{template config_path="design/email/header_template"}}\n<p>{{trans "Hello %name," name=$customer.name}}</p>\n<p>{{depend phone}}Call {{var phone}}{{/depend}}</p>';
    expect(await findingsOf({ html })).toEqual([]);
    expect(await languageOf(html)).toBe('magento');
  });

  it('the @subject header marks the template; plain Handlebars is not Magento', async () => {
    expect(await languageOf('<!--@subject {{trans "Your order"}} @-->\n<p>{{var order.id}}</p>')).toBe('magento');
    expect(await languageOf('<p>{{#if order}}{{order.id}}{{/if}} {{template "x"}}</p>')).toBeUndefined();
  });

  it("the subject and text part are read in the HTML part's language (one engine renders all three)", async () => {
    const html = '<!--@subject {{var store.getFrontendName()}} @-->\n<p>{{var order.increment_id}}</p>';
    const subject = '{{var store.getFrontendName()}}: Order # {{var order.increment_id}} update';
    const text = 'Order {{var order.getCustomerName()}}';
    expect(await findingsOf({ html, subject, text })).toEqual([]);
    const doc = await parseTemplate(sourceFor({ html, subject, text }));
    expect([doc.html?.language, doc.subject?.language, doc.text?.language]).toEqual(['magento', 'magento', 'magento']);
    // A Handlebars body gives its parts nothing: the same subject there is a Handlebars error (located in the meta file).
    const found = await findingsOf({ html: '<p>{{order.id}}</p>', subject });
    expect(found.map((f) => [f.ruleId, f.part, f.line, f.column])).toEqual([['syntax/handlebars', 'subject', 2, 26]]);
    // A part without expressions, or with a language of its own, keeps what it has.
    const plain = await parseTemplate(sourceFor({ html, subject: 'Your order' }));
    expect(plain.subject?.language).toBeUndefined();
    const go = await parseTemplate(sourceFor({ html, subject: 'Hi {{ .Name }}' }));
    expect(go.subject?.language).toBe('go');
  });

  it('an unterminated {{ is still reported in another language', async () => {
    expect((await findingsOf({ html: '{{template config_path="design/email/header_template"}}\n<p>{{var order.id</p>' })).map((f) => f.messageId)).toContain('unterminated');
  });
});

describe('Jinja, Twig, Nunjucks and Liquid output without a {% %} tag is not Handlebars', () => {
  it("Mautic's Twig theme (a function call, ~ concatenation, commas) is no Handlebars syntax error", async () => {
    const html = `<mj-image src="{{ getAssetUrl('themes/'~template~'/assets/brienz.jpeg', null, null, true) }}" alt="Lake"></mj-image>`;
    expect(await findingsOf({ html })).toEqual([]);
    expect(await languageOf(html)).toBe('jinja');
  });

  it('a filter marks the part; commas, pipes and ~ inside strings or Handlebars literal segments do not', async () => {
    expect(await languageOf('<p>Hello {{ name | upcase }}, {{ total|round(2) }}</p>')).toBe('jinja');
    expect(await languageOf('<p>{{ trans("Hi", user) }}</p>')).toBe('jinja');
    expect(await languageOf('<p>{{format date "a, b | c ~ d"}} {{lookup map \'x,y\'}} {{foo.[a,b]}} {{~name~}}</p>')).toBeUndefined();
    expect(await languageOf('<p>{{#each items as |item i|}}{{item}}{{/each}}</p>')).toBeUndefined();
  });

  it('a Handlebars typo with none of that syntax is still a Handlebars error', async () => {
    expect(await languageOf('<p>{{formatDate(date)}}</p>')).toBeUndefined();
    expect((await findingsOf({ html: '<p>{{formatDate(date)}}</p>' })).length).toBeGreaterThan(0);
  });
});

describe("Mailjet's templating language is not Handlebars", () => {
  it('{{var:name:"default"}} and {{data:name}} are Mailjet variables, no Handlebars syntax errors', async () => {
    const html = '<mj-text>Release {{var:release_version:"2026.08.2"}} for {{data:firstname:"there"}}</mj-text>';
    expect(await findingsOf({ html })).toEqual([]);
    expect(await languageOf(html)).toBe('mailjet');
    expect(await languageOf('<p>{{variable}} {{data}}</p>')).toBeUndefined();
  });
});
