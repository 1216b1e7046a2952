/**
 * Schema inference: the TemplateData a template needs, as a JSON Schema (draft 2020-12). The idea of
 * Postmark's SuggestedTemplateModel, as a real schema: nested objects, #each → array with inferred item
 * properties, variables only rendered under #if/#unless (or with a default) optional, the others required.
 * Value types come from the samples when they agree, else from how the template uses the value.
 */
import { EACH, SECTION, type Guard, type VarRef, type VariableModel } from './variables.js';
import { lookupRef } from './data-paths.js';

export interface ShapeNode {
  props: Map<string, ShapeNode>;
  items?: ShapeNode;
  /** Required in its parent object. */
  required: boolean;
  /** Iterated by #each, given to `length`, or read as `.length`. */
  list: boolean;
  /** #each over it reads @key: an object used as a map. */
  map: boolean;
  printed: boolean;
  /** References that end at this node. */
  refs: VarRef[];
  /** A pattern path (with EACH) that reaches this node, for reading sample values. */
  pattern: string[];
}

const NEEDS_VALUE = new Set<VarRef['use']>(['print', 'raw', 'each', 'with', 'section', 'param', 'lookup', 'partial']);

function node(pattern: string[]): ShapeNode {
  return { props: new Map(), required: false, list: false, map: false, printed: false, refs: [], pattern };
}

function isStrictPrefix(g: readonly string[], p: readonly string[]): boolean {
  if (g.length >= p.length) return false;
  for (let i = 0; i < g.length; i++) if (g[i] !== p[i]) return false;
  return true;
}

/** Is the property at path[0..=i] always needed when the template renders this reference? */
export function requiredAt(ref: Pick<VarRef, 'use' | 'defaulted' | 'guards' | 'path'>, i: number): boolean {
  if (!NEEDS_VALUE.has(ref.use) || ref.defaulted) return false;
  const prefix = ref.path.slice(0, i + 1);
  return ref.guards.every((g: Guard) => isStrictPrefix(g.path, prefix));
}

/** The shape tree of the data the template reads. */
export function inferShape(model: VariableModel): ShapeNode {
  const root = node([]);
  root.required = true;
  for (const ref of model.refs) {
    let cur = root;
    const path = ref.path;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (seg === EACH) {
        cur.list = true;
        cur.items ??= node(path.slice(0, i + 1));
        cur = cur.items;
        continue;
      }
      if (seg === SECTION) continue; // a section's fields are the value's own (or its elements')
      if (seg === 'length' && i === path.length - 1 && i > 0) {
        cur.list = true;
        break;
      }
      if (/^\d+$/.test(seg) && i > 0) {
        cur.list = true;
        cur.items ??= node([...path.slice(0, i), EACH]);
        cur = cur.items;
        continue;
      }
      let next = cur.props.get(seg);
      if (!next) cur.props.set(seg, (next = node(path.slice(0, i + 1))));
      if (requiredAt(ref, i)) next.required = true;
      cur = next;
      if (i === path.length - 1) {
        cur.refs.push(ref);
        if (ref.use === 'print' || ref.use === 'raw') cur.printed = true;
        if (ref.use === 'each') {
          cur.list = true;
          if (ref.keyed) cur.map = true;
        }
        if (ref.listHint) cur.list = true;
      }
    }
    if (path.length === 0) root.refs.push(ref);
  }
  return root;
}

type Json = Record<string, unknown>;

/** JSON Schema (draft 2020-12) of the shape; sample values refine leaf types. */
export function shapeToSchema(shape: ShapeNode, samples: readonly unknown[], title?: string): Json {
  const body = toSchema(shape, samples, 0);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(title ? { title } : {}),
    ...body,
    type: 'object',
  };
}

function sampleTypes(n: ShapeNode, samples: readonly unknown[]): Set<string> {
  const types = new Set<string>();
  for (const s of samples) {
    for (const f of lookupRef(s, { path: n.pattern, guards: [] }, 50).found) {
      const v = f.value;
      types.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
    }
  }
  return types;
}

function toSchema(n: ShapeNode, samples: readonly unknown[], depth: number): Json {
  if (depth > 64) return {};
  const out: Json = {};
  if (n.props.size && !n.list) {
    out.type = 'object';
    const props: Json = {};
    const required: string[] = [];
    for (const [k, child] of n.props) {
      props[k] = toSchema(child, samples, depth + 1);
      if (child.required) required.push(k);
    }
    out.properties = props;
    if (required.length) out.required = required;
    return out;
  }
  if (n.list) {
    const item = n.items ? toSchema(n.items, samples, depth + 1) : {};
    if (n.map) return { type: 'object', additionalProperties: item };
    out.type = 'array';
    out.items = item;
    return out;
  }
  if (n.printed) {
    const seen = sampleTypes(n, samples);
    const scalar = [...seen].filter((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean');
    if (scalar.length === 1) out.type = scalar[0];
    else if (scalar.length === 2 && scalar.includes('integer') && scalar.includes('number')) out.type = 'number';
    else out.type = ['string', 'number', 'boolean'];
  }
  return out;
}
