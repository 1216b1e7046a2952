import { defineRule } from '../rule.js';
import { providerOf } from '../../analysis/variables.js';
import { utf8Length, formatBytes, headSpan } from '../lib/util.js';
import { samplesOf, sampleName, dataSpan, cap } from '../lib/data.js';

export default defineRule({
  meta: {
    id: 'data/provider-limits',
    category: 'data',
    description: 'Provider size limits: Tencent Cloud SES TemplateData at most 800 bytes per recipient; AWS SES templates at most 500 KB and TemplateData at most 262,144 characters.',
    defaultSeverity: 'error',
    defaultOptions: {
      tencentDataBytes: 800,
      awsTemplateBytes: 500 * 1024,
      awsDataChars: 262_144,
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tencentDataBytes: { type: 'integer', minimum: 1 },
        awsTemplateBytes: { type: 'integer', minimum: 1 },
        awsDataChars: { type: 'integer', minimum: 1 },
      },
    },
  },
  messages: {
    tencentData: (d) => `${cap(d.sample)} is ${d.size} bytes as sent (compact JSON, UTF-8); Tencent Cloud SES accepts at most ${d.max} bytes of TemplateData per recipient. Shorten the values or move long content into the template.`,
    awsTemplate: (d) => `The template is ${d.size} (subject, HTML and text parts); AWS SES accepts templates up to ${d.max}. Move images out of the HTML (host them), and trim unused CSS.`,
    awsData: (d) => `${cap(d.sample)} is ${d.size} characters as JSON; AWS SES accepts at most ${d.max} characters of TemplateData. Send less data per message.`,
  },
  check(doc, ctx) {
    const provider = providerOf(doc, ctx.settings);
    const o = ctx.options as { tencentDataBytes: number; awsTemplateBytes: number; awsDataChars: number };
    if (provider === 'aws') {
      const size = [doc.subject, doc.html, doc.text].reduce((n, p) => n + (p ? utf8Length(p.text) : 0), 0);
      const main = doc.html ?? doc.text;
      if (size > o.awsTemplateBytes && main) ctx.report({ messageId: 'awsTemplate', data: { size: formatBytes(size), max: formatBytes(o.awsTemplateBytes) }, part: main.part, span: headSpan(main.text) });
    }
    if (provider !== 'aws' && provider !== 'tencent') return;
    for (const s of samplesOf(doc)) {
      let json: string;
      try {
        json = JSON.stringify(s.sample) ?? '';
      } catch {
        continue;
      }
      const span = dataSpan(doc, s.base);
      if (provider === 'tencent') {
        const size = utf8Length(json);
        if (size > o.tencentDataBytes) ctx.report({ messageId: 'tencentData', data: { sample: sampleName(doc, s.index), size, max: o.tencentDataBytes }, part: 'data', span: { start: span.start, end: Math.min(span.end, span.start + 1) } });
      } else if (json.length > o.awsDataChars) {
        ctx.report({ messageId: 'awsData', data: { sample: sampleName(doc, s.index), size: json.length.toLocaleString('en-US'), max: o.awsDataChars.toLocaleString('en-US') }, part: 'data', span: { start: span.start, end: Math.min(span.end, span.start + 1) } });
      }
    }
  },
});
