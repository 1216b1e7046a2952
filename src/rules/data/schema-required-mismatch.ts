import { defineRule } from '../rule.js';
import { schemaInfo, lookupSchema, declaredProperties, keySpanAt } from '../../analysis/schema.js';
import { inferShape, requiredAt, type ShapeNode } from '../../analysis/infer-schema.js';
import { displayPath } from '../../analysis/variables.js';
import { concreteToString } from '../../analysis/data-paths.js';
import { modelFor } from '../lib/data.js';

function shapeAt(root: ShapeNode, data: (string | number)[]): ShapeNode | undefined {
  let cur: ShapeNode | undefined = root;
  for (const k of data) {
    if (!cur) return undefined;
    cur = typeof k === 'number' ? cur.items : cur.props.get(k);
  }
  return cur;
}

export default defineRule({
  meta: {
    id: 'data/schema-required-mismatch',
    category: 'data',
    description: 'The schema and the template disagree on what is required: a variable always rendered but optional in the schema, or a required property the template only renders under a condition.',
    defaultSeverity: 'warning',
    defaultOptions: {},
  },
  messages: {
    notRequired: (d) => `The template always renders '${d.path}' ('${d.original}' has no {{#if}} around it), but the schema does not list '${d.key}' in 'required': TemplateData without it passes validation and then renders blank (AWS SES: Rendering Failure). Add '${d.key}' to 'required', or guard the variable with {{#if}}.`,
    onlyOptional: (d) => `The schema requires '${d.path}', but the template only renders it under a condition ({{#if}}/{{#unless}}): senders must send a value that may never be shown. Drop it from 'required' if it is optional.`,
  },
  check(doc, ctx) {
    const info = schemaInfo(doc);
    if (!info?.validate || !doc.schemaJson) return;
    const model = modelFor(doc, ctx);
    const reported = new Set<string>();
    for (const ref of model.refs) {
      const r = lookupSchema(info.root, ref.path);
      for (const p of r.props) {
        if (p.required || !requiredAt(ref, p.index)) continue;
        const key = JSON.stringify(p.ptr);
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          messageId: 'notRequired',
          data: { path: displayPath(ref.path.slice(0, p.index + 1)), key: ref.path[p.index], original: ref.original },
          part: 'schema',
          span: keySpanAt(doc.schemaJson, p.ptr),
          evidence: displayPath(ref.path.slice(0, p.index + 1)),
        });
      }
    }
    if (model.incomplete) return;
    const shape = inferShape(model);
    // A stricter schema than the template needs is harmless (the sender always sends the field): say so,
    // as information without points, so it never sends a template to review on its own.
    for (const p of declaredProperties(info.root)) {
      if (!p.required) continue;
      const n = shapeAt(shape, p.data);
      if (!n || n.required) continue;
      ctx.report({ messageId: 'onlyOptional', data: { path: concreteToString(p.data).replace(/\[0\]/g, '[]') }, part: 'schema', span: keySpanAt(doc.schemaJson, p.ptr), evidence: concreteToString(p.data), severity: 'info' });
    }
  },
});
