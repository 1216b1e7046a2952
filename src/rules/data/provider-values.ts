import { defineRule } from '../rule.js';
import { providerOf } from '../../analysis/variables.js';
import { isPlainObject } from '../../analysis/data-paths.js';
import { samplesOf, sampleName, dataSpan, describeValue } from '../lib/data.js';

const HTML = /<\/?[A-Za-z][^>]*>|&[a-z]+;|&#\d+;/;

export default defineRule({
  meta: {
    id: 'data/provider-values',
    category: 'data',
    description: 'TemplateData values the provider does not accept: Tencent Cloud SES needs flat string values without HTML.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    nested: (d) => `Tencent Cloud SES TemplateData must be flat: '${d.key}' in ${d.sample} is ${d.what} (the send fails with WrongContentJson or TemplateDataInconsistent). Send one top-level string variable per value.`,
    notString: (d) => `Tencent Cloud SES TemplateData values must be strings: '${d.key}' in ${d.sample} is ${d.what}. Send it as "${d.asString}".`,
    html: (d) => `Tencent Cloud SES does not allow HTML in TemplateData values: '${d.key}' in ${d.sample} contains '${d.match}'. Put the markup in the template and send only text.`,
  },
  check(doc, ctx) {
    if (providerOf(doc, ctx.settings) !== 'tencent') return;
    for (const s of samplesOf(doc)) {
      if (!isPlainObject(s.sample)) continue;
      for (const [key, v] of Object.entries(s.sample)) {
        const span = dataSpan(doc, [...s.base, key]);
        const data = { key, sample: sampleName(doc, s.index), what: describeValue(v), asString: typeof v === 'object' && v !== null ? '' : String(v) };
        if (typeof v === 'object' && v !== null) ctx.report({ messageId: 'nested', data, part: 'data', span, evidence: key });
        else if (typeof v !== 'string') ctx.report({ messageId: 'notString', data, part: 'data', span, evidence: key });
        else {
          const m = HTML.exec(v);
          if (m) ctx.report({ messageId: 'html', data: { ...data, match: m[0].slice(0, 30) }, part: 'data', span, evidence: key });
        }
      }
    }
  },
});
