import { defineRule } from '../rule.js';
import { lookupCached, concreteToString, isPlainObject, valueAt } from '../../analysis/data-paths.js';
import { displayPath, EACH, SECTION, type VarRef } from '../../analysis/variables.js';
import { modelFor, samplesOf, sampleName, viaText, didYouMean, providerOf, dataSpan, describeValue } from '../lib/data.js';

/** Uses that need the value to be there (conditions may test a missing value: that is their job). */
const NEEDS_VALUE = new Set<VarRef['use']>(['print', 'raw', 'each', 'with', 'section', 'param', 'lookup', 'partial']);

export default defineRule({
  meta: {
    id: 'data/missing-variable',
    category: 'data',
    description: 'A variable the template renders that a TemplateData sample does not have (with a "did you mean" for near misses).',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    missing: (d) =>
      `'${d.original}'${d.via} reads '${d.path}', but ${d.sample} has no '${d.key}'${d.container ? ` in ${d.container}` : ''}${d.count}.${d.hint} Add '${d.key}' to the data or fix the variable name.`,
    nullParent: (d) => `'${d.original}'${d.via} reads '${d.path}', but in ${d.sample} '${d.at}' is ${d.what}${d.count}, so it renders blank. Give '${d.at}' an object value or guard the variable with {{#if ${d.guard}}}.`,
    notObject: (d) => `${d.sample} is ${d.what}, not a JSON object: providers expect TemplateData to be an object of variable values such as {"name": "Ada"}.`,
  },
  check(doc, ctx) {
    const samples = samplesOf(doc);
    if (!samples.length) return;
    const model = modelFor(doc, ctx);
    const provider = providerOf(doc, ctx.settings);
    const usable = samples.filter((s) => {
      if (isPlainObject(s.sample)) return true;
      ctx.report({ messageId: 'notObject', data: { sample: sampleName(doc, s.index), what: describeValue(s.sample) }, part: 'data', span: dataSpan(doc, s.base) });
      return false;
    });
    if (!usable.length) return;
    for (const ref of model.refs) {
      if (!NEEDS_VALUE.has(ref.use) || ref.defaulted) continue;
      let first: { s: (typeof usable)[number]; m: ReturnType<typeof lookupCached>['missing'][number] } | undefined;
      let count = 0;
      for (const s of usable) {
        const r = lookupCached(doc, s.index, s.sample, ref);
        if (r.missing.length) {
          count++;
          first ??= { s, m: r.missing[0]! };
        }
      }
      if (!first) continue;
      const { s, m } = first;
      const key = ref.path[m.index]!;
      const countText = usable.length > 1 && count > 1 ? ` (${count} of ${usable.length} samples)` : '';
      const base = { original: ref.original, via: viaText(ref), path: displayPath(ref.path), sample: sampleName(doc, s.index), count: countText };
      if (m.why !== 'absent') {
        const at = concreteToString(m.at) || 'the data';
        ctx.report({ messageId: 'nullParent', data: { ...base, at, what: describeValue(m.container), guard: ref.original.split('.').slice(0, -1).join('.') || ref.original }, part: ref.part, span: ref.span, evidence: displayPath(ref.path) });
        continue;
      }
      let hint = '';
      let suggestion: { title: string; fix: { span: { start: number; end: number }; text: string } } | undefined;
      const near = isPlainObject(m.container) ? didYouMean(key, Object.keys(m.container)) : undefined;
      if (near) {
        hint = ` Did you mean '${near.name}'?${near.caseOnly && provider === 'aws' ? ' (AWS SES variable names are case-sensitive.)' : near.caseOnly ? ' (Variable names are case-sensitive.)' : ''}`;
        const segs = ref.original.split(/([./])/);
        if (!ref.via && segs[segs.length - 1] === key && m.index === ref.path.length - 1) {
          segs[segs.length - 1] = near.name;
          suggestion = { title: `Rename to '${segs.join('')}'`, fix: { span: ref.span, text: segs.join('') } };
        }
      } else {
        // Inside {{#each}} names resolve against the element: `{{currency}}` there does not see the root's currency.
        const lastList = Math.max(ref.path.lastIndexOf(EACH), ref.path.lastIndexOf(SECTION));
        if (lastList >= 0 && m.index > lastList && !ref.original.startsWith('../') && !ref.original.startsWith('@')) {
          const rel = ref.path.slice(lastList + 1);
          if (valueAt(s.sample, rel) !== undefined) {
            const depth = ref.path.filter((x) => x === EACH || x === SECTION).length;
            const better = depth === 1 ? `../${ref.original}` : `@root.${rel.join('.')}`;
            hint = ` Inside {{#each}} names are looked up on the current element; the top-level '${rel.join('.')}' is '${better}'.`;
            if (!ref.via) suggestion = { title: `Use '${better}'`, fix: { span: ref.span, text: better } };
          }
        }
      }
      const container = m.at.length ? `'${concreteToString(m.at)}'` : '';
      ctx.report({
        messageId: 'missing',
        data: { ...base, key, container, hint },
        part: ref.part,
        span: ref.span,
        evidence: displayPath(ref.path),
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    }
  },
});
