/**
 * The bundle's JSON Schema: compiled with ajv (draft 2020-12 by default, 2019-09 and draft-07/06 when
 * `$schema` says so; ajv-formats for `format`) after a check against its draft's meta-schema by generated
 * code (meta-validators.generated.ts), its problems located at the offending keyword, and a
 * navigator that answers "does the schema declare this variable path?". Memoised per TemplateDoc.
 */
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type * as Ajv2019Module from 'ajv/dist/2019.js';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type AddFormats from 'ajv-formats';
import { requireDependency } from '../core/cjs.js';
import type { Node } from 'jsonc-parser';
import type { Span } from '../core/types.js';
import type { TemplateDoc } from './template-doc.js';
import { spanAt, keySpanAt, pointerToPath, type JsonDoc, type JsonPath } from '../parse/json.js';
import { EACH, SECTION } from './variables.js';
import { cacheKey, textKey, type EngineCaches } from '../core/cache.js';
import { detached } from '../core/detach.js';
import { SCHEMA_AJV_OPTIONS } from './schema-options.js';
import { metaSchemaValidator } from './meta-validators.generated.js';
import { fastValidity } from './schema-fast.js';
import { plainCopy } from './plain-json.js';
import { Memo } from '../core/memo.js';


export interface SchemaProblem {
  /** The schema keyword at fault (`type`, `requried`, `$ref`, `format`, `$schema`…). */
  keyword: string;
  message: string;
  span: Span;
}

export interface SchemaInfo {
  json: JsonDoc;
  root: unknown;
  validate?: ValidateFunction;
  problems: SchemaProblem[];
}

const cache = new Memo<TemplateDoc, SchemaInfo | null>();

/** The compiled schema, or undefined when there is none or its JSON does not parse (syntax/invalid-json). */
export function schemaInfo(doc: TemplateDoc): SchemaInfo | undefined {
  const hit = cache.get(doc);
  if (hit !== undefined) return hit ?? undefined;
  const json = doc.schemaJson;
  const info = json && json.errors.length === 0 ? compileCached(json, doc.caches) : null;
  cache.set(doc, info);
  return info ?? undefined;
}

/**
 * Compiling a schema costs milliseconds (ajv generates code); an editor re-reviews the same schema on
 * every keystroke and a batch often shares one schema. The engine keeps the last compilations by schema
 * text: keyed by `textKey` (a schema's text can be longer than V8 hashes in full), the text kept to confirm
 * a hit. A text longer than MAX_KEPT_SCHEMA is compiled without being kept (100 of a few megabytes each,
 * with their parsed values, would keep gigabytes).
 */
export const COMPILED_SCHEMAS = cacheKey<string, Pick<SchemaInfo, 'validate' | 'problems'> & { text: string }>('schema.compiled', 100);
const MAX_KEPT_SCHEMA = 128 * 1024;

function compileCached(json: JsonDoc, caches: EngineCaches): SchemaInfo {
  if (json.text.length > MAX_KEPT_SCHEMA) return compile(json, caches);
  const compiled = caches.get(COMPILED_SCHEMAS);
  const hit = compiled.get(textKey(json.text));
  if (hit && hit.text === json.text) return { json, root: json.value, problems: hit.problems, ...(hit.validate ? { validate: hit.validate } : {}) };
  const info = compile(json, caches);
  const text = detached(json.text);
  compiled.set(textKey(text), { text, ...(info.validate ? { validate: info.validate } : {}), problems: info.problems });
  return info;
}

type Draft = '2020' | '2019' | '07';

/**
 * One ajv per draft and engine: creating one (and adding formats) costs more than compiling a schema. But an
 * ajv instance keeps values of every schema it compiled in its code-generation scope (~30 KB per schema, even
 * after removeSchema), so a long-running host that sees new schemas grows without bound: replace the
 * instance after ajvLifetime compilations (validators already compiled keep working).
 */
export const AJVS = cacheKey<Draft, { ajv: ReturnType<typeof makeAjv>; compiled: number }>('schema.ajv', 3);
const ajvLifetime = 200;
function ajvFor(draft: Draft, caches: EngineCaches) {
  const ajvs = caches.get(AJVS);
  let entry = ajvs.get(draft);
  if (!entry || entry.compiled >= ajvLifetime) {
    entry = { ajv: makeAjv(draft), compiled: 0 };
    ajvs.set(draft, entry);
  }
  entry.compiled++;
  return entry.ajv;
}

/** ajv is required when a bundle first has a schema (core/cjs.ts): most have none, and loading it cost every start-up. */
function makeAjv(draft: Draft) {
  // logger: ajv writes to the console when a compile fails: the whole generated function (1.8 MB for a
  // `oneOf` of 4,000 branches, whose nested code overflowed V8's parser). The failure is a finding already.
  const opts = { ...SCHEMA_AJV_OPTIONS, logger: false as const, code: { ...SCHEMA_AJV_OPTIONS.code } };
  const ajv =
    draft === '2020'
      ? new (requireDependency('ajv/dist/2020.js') as typeof Ajv2020Module).Ajv2020(opts)
      : draft === '2019'
        ? new (requireDependency('ajv/dist/2019.js') as typeof Ajv2019Module).Ajv2019(opts)
        : new (requireDependency('ajv') as typeof AjvModule).Ajv(opts);
  const formats = requireDependency('ajv-formats') as { default?: typeof AddFormats };
  ((formats.default ?? formats) as (ajv: unknown) => unknown)(ajv);
  return ajv;
}

function compile(json: JsonDoc, caches: EngineCaches): SchemaInfo {
  const root = json.value;
  const info: SchemaInfo = { json, root, problems: [] };
  if (typeof root !== 'boolean' && (typeof root !== 'object' || root === null || Array.isArray(root))) {
    info.problems.push({ keyword: '(root)', message: 'A JSON Schema must be an object (or true/false)', span: spanAt(json, []) });
    return info;
  }
  let draft: '2020' | '2019' | '07' = '2020';
  let schema = root as object | boolean;
  const declared = typeof root === 'object' ? (root as Record<string, unknown>).$schema : undefined;
  if (declared !== undefined) {
    const known = typeof declared === 'string' ? metaSchemaOf(declared) : undefined;
    if (!known) {
      info.problems.push({ keyword: '$schema', message: `'$schema' names ${JSON.stringify(declared)}, which inboxlint cannot validate with (use https://json-schema.org/draft/2020-12/schema, 2019-09 or draft-07)`, span: spanAt(json, ['$schema']) });
      return info;
    }
    draft = known.draft;
    // ajv knows each meta-schema by one exact id; `$schema` is written many ways (http/https, with or without '#').
    if (declared !== known.id) schema = { ...(root as object), $schema: known.id };
  }
  const loop = typeof root === 'object' ? selfReference(root) : undefined;
  if (loop) {
    info.problems.push({ keyword: loop.keyword, message: `'${loop.keyword}' ${JSON.stringify(loop.ref)} leads back to the schema it is in without descending into a property or item: validating any data would never end`, span: findKey(json, loop.keyword, loop.ref) });
    return info;
  }
  try {
    return compileWith(draft, caches, json, schema, info);
  } catch (e) {
    // ajv's own failures (a meta-schema it lacks, a stack overflow on a pathological schema) are the schema's problem, not ours.
    const why = ((e as Error)?.message ?? String(e)).split('\n')[0]!;
    // fast-deep-equal (enum, const, uniqueItems in the meta-schema check) calls an own key valueOf/toString.
    const method = e instanceof TypeError ? /\b(valueOf|toString) is not a function/.exec(why)?.[1] : undefined;
    const hint = method ? ` (ajv cannot compare objects that have a key named '${method}')` : '';
    info.problems.push({ keyword: '(schema)', message: `the schema cannot be compiled: ${why}${hint}`, span: spanAt(json, []) });
    return info;
  }
}

const META: { re: RegExp; draft: '2020' | '2019' | '07'; id: string }[] = [
  { re: /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, draft: '2020', id: 'https://json-schema.org/draft/2020-12/schema' },
  { re: /^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, draft: '2019', id: 'https://json-schema.org/draft/2019-09/schema' },
  // draft-06 is validated as draft-07 (its superset, apart from keywords draft-07 added).
  { re: /^https?:\/\/json-schema\.org\/draft-0[67]\/schema#?$/, draft: '07', id: 'http://json-schema.org/draft-07/schema#' },
];

/** The draft and ajv's meta-schema id for a `$schema` value, in any of its common spellings. */
export function metaSchemaOf(declared: string): { draft: '2020' | '2019' | '07'; id: string } | undefined {
  const m = META.find((x) => x.re.test(declared.trim()));
  return m && { draft: m.draft, id: m.id };
}

const SAME_INSTANCE = ['allOf', 'anyOf', 'oneOf'];
const SAME_INSTANCE_ONE = ['not', 'if', 'then', 'else'];

/**
 * A `$ref`/`$dynamicRef` (local) that reaches the schema it sits in through keywords that apply to the same
 * value ($ref, allOf/anyOf/oneOf, not, if/then/else), like `{"$ref": "#"}`: validation would recurse without
 * end (ajv overflows its stack). Undefined when there is none.
 */
export function selfReference(root: object): { keyword: string; ref: string } | undefined {
  const anchors = new Map<string, object>();
  const all: object[] = [];
  const stack: unknown[] = [root];
  while (stack.length && all.length < 100_000) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (!Array.isArray(v)) {
      all.push(v);
      const o = v as Record<string, unknown>;
      for (const k of ['$anchor', '$dynamicAnchor']) if (typeof o[k] === 'string' && !anchors.has(o[k] as string)) anchors.set(o[k] as string, v);
    }
    for (const x of Object.values(v)) stack.push(x);
  }
  const resolve = (ref: string): object | undefined => {
    if (ref === '#' || ref === '') return root;
    if (!ref.startsWith('#')) return undefined;
    if (!ref.startsWith('#/')) return anchors.get(ref.slice(1));
    let cur: unknown = root;
    for (const raw of ref.slice(2).split('/')) {
      let seg: string;
      try {
        seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      } catch {
        return undefined;
      }
      if (typeof cur !== 'object' || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
    return typeof cur === 'object' && cur !== null ? cur : undefined;
  };
  // Edges to the schemas that apply to the same value; a cycle among them never ends.
  const edges = (o: Record<string, unknown>): { to: object; keyword: string; ref: string }[] => {
    const out: { to: object; keyword: string; ref: string }[] = [];
    for (const k of ['$ref', '$dynamicRef', '$recursiveRef']) {
      const ref = o[k];
      if (typeof ref !== 'string') continue;
      const to = resolve(ref);
      if (to) out.push({ to, keyword: k, ref });
    }
    for (const k of SAME_INSTANCE) if (Array.isArray(o[k])) for (const x of o[k] as unknown[]) if (typeof x === 'object' && x !== null) out.push({ to: x, keyword: k, ref: '' });
    for (const k of SAME_INSTANCE_ONE) if (typeof o[k] === 'object' && o[k] !== null) out.push({ to: o[k] as object, keyword: k, ref: '' });
    return out;
  };
  // Iterative depth-first search with colours: grey = on the current path.
  const colour = new Map<object, 1 | 2>();
  for (const start of all) {
    if (colour.has(start)) continue;
    const path: { node: object; next: ReturnType<typeof edges>; i: number }[] = [{ node: start, next: edges(start as Record<string, unknown>), i: 0 }];
    colour.set(start, 1);
    while (path.length) {
      const top = path[path.length - 1]!;
      if (top.i >= top.next.length) {
        colour.set(top.node, 2);
        path.pop();
        continue;
      }
      const e = top.next[top.i++]!;
      const c = colour.get(e.to);
      if (c === 1) {
        // The reference on the cycle (an allOf alone cannot close one).
        const onPath = [...path.map((p) => p.next[p.i - 1]!)].reverse().find((x) => x.ref);
        return onPath ? { keyword: onPath.keyword, ref: onPath.ref } : { keyword: e.keyword, ref: e.ref };
      }
      if (c === undefined) {
        colour.set(e.to, 1);
        path.push({ node: e.to, next: edges(e.to as Record<string, unknown>), i: 0 });
      }
    }
  }
  return undefined;
}

function compileWith(draft: Draft, caches: EngineCaches, json: JsonDoc, root: object | boolean, info: SchemaInfo): SchemaInfo {
  // The meta-schema check runs ajv's standalone code of the draft's meta-schema (generated by npm run schema
  // with this ajv's options): what ajv.validateSchema does, without compiling the meta-schema (~50 ms).
  // ajv's code gets plain copies of the schema and the data (plain-json.ts): its deep equality (enum, const,
  // uniqueItems) throws on objects without a prototype.
  const validateMeta = metaSchemaValidator(draft);
  if (!validateMeta(plainCopy(root))) {
    for (const e of pickErrors(validateMeta.errors ?? [])) {
      const path = pointerToPath(e.instancePath);
      const keyword = [...path].reverse().find((s): s is string => typeof s === 'string' && !/^\d+$/.test(s)) ?? e.keyword;
      const allowed = e.keyword === 'enum' ? ` (one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
      info.problems.push({ keyword, message: `'${keyword}' ${e.message ?? 'is invalid'}${allowed}`, span: spanAt(json, path) });
    }
    return info;
  }
  const over = overCompileBounds(root);
  if (over) {
    info.problems.push({ keyword: over.keyword, message: `${over.message}, so the TemplateData is not validated against this schema`, span: findKey(json, over.keyword) });
    return info;
  }
  // A schema of the common keywords is not compiled until a sample fails it (schema-fast.ts): most never do.
  const fast = fastValidity(root, draft);
  if (fast) {
    info.validate = lazilyCompiled(fast, root, () => compileAjv(draft, caches, json, root));
    return info;
  }
  const compiled = compileAjv(draft, caches, json, root);
  if ('validate' in compiled) info.validate = compiled.validate;
  else info.problems.push(compiled.problem);
  return info;
}

/**
 * Patterns of `patternProperties` a schema may hold in all: ajv builds the code that tells whether a key is
 * matched by some pattern one pattern at a time, copying what it built so far, so its compile grows with their
 * square (1,000 patterns 0.4 s, 4,000 5.4 s). Real schemas have a few.
 */
export const MAX_SCHEMA_PATTERNS = 200;
/**
 * Branches of one `oneOf`: ajv nests the code of each branch inside the one before, and V8 compiles that
 * nesting in time that grows faster than its depth, or overflows (2,000 branches 1 s, 8,000 22 s in a test
 * thread). Real schemas have a few.
 */
export const MAX_ONE_OF_BRANCHES = 500;

/** What of a schema (a plain JSON value) is past ajv's compile bounds, if anything (the walk stops there). */
function overCompileBounds(root: unknown): { keyword: string; message: string } | undefined {
  let patterns = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'patternProperties' && isObj(x) && (patterns += Object.keys(x).length) > MAX_SCHEMA_PATTERNS) {
          return { keyword: k, message: `'patternProperties' holds more than ${MAX_SCHEMA_PATTERNS} patterns in all: too many for ajv to compile in time (its code grows with their square)` };
        }
        if (k === 'oneOf' && Array.isArray(x) && x.length > MAX_ONE_OF_BRANCHES) {
          return { keyword: k, message: `'oneOf' has ${x.length} branches, more than ${MAX_ONE_OF_BRANCHES}: ajv nests each branch's code in the one before, too deep to compile in time` };
        }
        if (typeof x === 'object' && x !== null) stack.push(x);
      }
    }
  }
  return undefined;
}

/** A schema whose compiled code overflowed the stack (V8's parser on ajv's nesting, or ajv's own recursion). */
const TOO_LARGE = 'the schema is too large or too deeply nested for ajv to compile (its code overflowed the stack)';

function compileAjv(draft: Draft, caches: EngineCaches, json: JsonDoc, root: object | boolean): { validate: ValidateFunction } | { problem: SchemaProblem } {
  const ajv = ajvFor(draft, caches);
  const plain = plainCopy(root as object);
  try {
    return { validate: guarded(ajv.compile(plain)) };
  } catch (e) {
    if (e instanceof RangeError) return { problem: { keyword: '(schema)', message: TOO_LARGE, span: spanAt(json, []) } };
    return { problem: locateCompileError(json, (e as Error).message ?? String(e)) };
  } finally {
    // Do not keep every submitted schema in a long-lived ajv cache.
    try {
      ajv.removeSchema(plain);
    } catch {
      /* not added */
    }
  }
}

/**
 * A validator that answers valid data by `fast` and compiles the schema with ajv (once) for data that is
 * not, so that its errors are ajv's. fastValidity only takes schemas ajv compiles: a failure here would be
 * a mistake of ours, answered as an error of the data rather than a throw.
 */
function lazilyCompiled(fast: (data: unknown) => boolean, root: object | boolean, compile: () => ReturnType<typeof compileAjv>): ValidateFunction {
  let full: ReturnType<typeof compileAjv> | undefined;
  const g = ((data: unknown) => {
    if (fast(data)) {
      g.errors = null;
      return true;
    }
    full ??= compile();
    if ('problem' in full) {
      g.errors = [{ instancePath: '', schemaPath: '#', keyword: '(schema)', params: {}, message: `cannot be validated: ${full.problem.message}` }];
      return false;
    }
    const ok = full.validate(data) as boolean;
    g.errors = full.validate.errors ?? null;
    return ok;
  }) as ValidateFunction;
  g.schema = root;
  return g;
}

/**
 * A validator that validates a plain copy of the data (plain-json.ts) and answers a failure of ajv's code with
 * an error, not a throw: a stack overflow (recursion selfReference did not see), or fast-deep-equal (enum,
 * const, uniqueItems) on an object with its own key `valueOf` or `toString`, which it calls as methods.
 */
function guarded(v: ValidateFunction): ValidateFunction {
  const g = ((data: unknown) => {
    try {
      const ok = v(plainCopy(data)) as boolean;
      g.errors = v.errors ?? null;
      return ok;
    } catch (e) {
      if (!(e instanceof RangeError || e instanceof TypeError)) throw e;
      const message = e instanceof RangeError ? 'cannot be validated: the schema recurses without end' : `cannot be validated: ajv failed on it (${(e as Error).message.split('\n')[0]}; an object key named valueOf or toString?)`;
      g.errors = [{ instancePath: '', schemaPath: '#', keyword: e instanceof RangeError ? '$ref' : '(schema)', params: {}, message }];
      return false;
    }
  }) as ValidateFunction;
  g.schema = v.schema;
  return g;
}

/** One error per location: the meta-schema reports the same mistake through every anyOf branch. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (seen.has(e.instancePath)) continue;
    seen.add(e.instancePath);
    out.push(e);
  }
  return out.slice(0, 10);
}


function locateCompileError(json: JsonDoc, message: string): SchemaProblem {
  let m = /unknown keyword: "([^"]+)"/.exec(message);
  if (m) return { keyword: m[1]!, message: `unknown keyword '${m[1]}' (a typo? ajv strict mode rejects keywords it does not know)`, span: findKey(json, m[1]!) };
  m = /unknown format "([^"]+)"/.exec(message);
  if (m) return { keyword: 'format', message: `unknown format '${m[1]}' (known: email, uri, date, date-time, time, uuid, hostname, ipv4, …)`, span: findKey(json, 'format', m[1]) };
  m = /can't resolve reference (\S+)/.exec(message);
  if (m) return { keyword: '$ref', message: `'$ref' ${m[1]} does not resolve to a definition in this schema`, span: findKey(json, '$ref', m[1]) };
  return { keyword: '(schema)', message: message.split('\n')[0]!, span: spanAt(json, []) };
}

/** Span of the first property named `key` (with string value `value`, if given), depth-first, iterative. */
function findKey(json: JsonDoc, key: string, value?: string): Span {
  const stack: Node[] = json.tree ? [json.tree] : [];
  let guard = 0;
  while (stack.length && guard++ < 200_000) {
    const n = stack.pop()!;
    if (n.type === 'property' && n.children?.[0]?.value === key && (value === undefined || n.children[1]?.value === value)) {
      const k = n.children[0]!;
      return { start: k.offset, end: k.offset + k.length };
    }
    for (let i = (n.children?.length ?? 0) - 1; i >= 0; i--) stack.push(n.children![i]!);
  }
  return spanAt(json, []);
}

// ---- navigation --------------------------------------------------------------------------------

interface Cand {
  schema: unknown;
  ptr: JsonPath;
}

export interface SchemaLookup {
  /** 'declared': every segment is; 'undeclared': segment `index` is not; 'unknown': the schema does not say. */
  status: 'declared' | 'undeclared' | 'unknown';
  index: number;
  /** The object that lacks the property forbids others (additionalProperties/unevaluatedProperties false). */
  closed: boolean;
  /** Schema path of the object schema that should declare the missing property. */
  parentPtr: JsonPath;
  /** For declared key segments: schema path of the property and whether its parent requires it. */
  props: { index: number; ptr: JsonPath; required: boolean }[];
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Expand $ref (local), allOf, anyOf, oneOf, then/else into the schemas that apply. */
function expand(root: unknown, cands: Cand[]): Cand[] {
  const out: Cand[] = [];
  const stack = [...cands];
  let guard = 0;
  while (stack.length && guard++ < 500) {
    const c = stack.pop()!;
    out.push(c);
    const s = c.schema;
    if (!isObj(s)) continue;
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#')) {
      const path = pointerToPath(decodeURIComponent(s.$ref.slice(1)));
      let t: unknown = root;
      for (const k of path) t = isObj(t) || Array.isArray(t) ? (t as any)[k] : undefined;
      if (t !== undefined) stack.push({ schema: t, ptr: path });
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) s[k].forEach((x: unknown, i: number) => stack.push({ schema: x, ptr: [...c.ptr, k, i] }));
    for (const k of ['then', 'else'] as const) if (isObj(s[k])) stack.push({ schema: s[k], ptr: [...c.ptr, k] });
  }
  return out;
}

/**
 * Several data rules look up every variable path of a template, and a template reads the same paths many
 * times: the answers are kept per schema value (the parsed schema of one review) and path.
 */
const lookups = new Memo<object, { byKey: Map<string, SchemaLookup>; byArray: WeakMap<readonly string[], SchemaLookup> }>();

/**
 * lookupSchema, memoised per schema value and path; the result is shared, so callers must not change it.
 * Also per path array: the rules that look up a reference's path after the first find it without building
 * its key again.
 */
export function lookupSchema(root: unknown, path: readonly string[]): SchemaLookup {
  if (typeof root !== 'object' || root === null) return lookupUncached(root, path);
  let memo = lookups.get(root);
  if (!memo) lookups.set(root, (memo = { byKey: new Map(), byArray: new WeakMap() }));
  const known = memo.byArray.get(path);
  if (known) return known;
  const key = JSON.stringify(path);
  let hit = memo.byKey.get(key);
  if (!hit) memo.byKey.set(key, (hit = lookupUncached(root, path)));
  memo.byArray.set(path, hit);
  return hit;
}

function lookupUncached(root: unknown, path: readonly string[]): SchemaLookup {
  let cands: Cand[] = expand(root, [{ schema: root, ptr: [] }]);
  const props: SchemaLookup['props'] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const next: Cand[] = [];
    if (seg === EACH || seg === SECTION) {
      for (const c of cands) {
        const s = c.schema;
        if (!isObj(s)) continue;
        if (isObj(s.items)) next.push({ schema: s.items, ptr: [...c.ptr, 'items'] });
        if (Array.isArray(s.prefixItems)) s.prefixItems.forEach((x: unknown, j: number) => next.push({ schema: x, ptr: [...c.ptr, 'prefixItems', j] }));
        if (isObj(s.additionalProperties)) next.push({ schema: s.additionalProperties, ptr: [...c.ptr, 'additionalProperties'] });
        if (seg === SECTION && (s.properties || s.type === 'object')) next.push(c);
      }
      if (!next.length) return { status: 'unknown', index: i, closed: false, parentPtr: [], props };
      cands = expand(root, next);
      continue;
    }
    let closed = cands.length > 0;
    let enumerates = false;
    let parentPtr: JsonPath = cands[0]?.ptr ?? [];
    let required = false;
    let declaredPtr: JsonPath | undefined;
    let open = false;
    for (const c of cands) {
      const s = c.schema;
      if (s === true || (isObj(s) && Object.keys(s).length === 0)) {
        open = true;
        closed = false;
        continue;
      }
      if (!isObj(s)) continue;
      const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
      if (seg === 'length' && (types.includes('array') || types.includes('string') || s.items || s.prefixItems)) {
        next.push({ schema: { type: 'integer' }, ptr: c.ptr });
        continue;
      }
      if (/^\d+$/.test(seg) && (types.includes('array') || s.items)) {
        if (isObj(s.items)) next.push({ schema: s.items, ptr: [...c.ptr, 'items'] });
        else open = true;
        continue;
      }
      if (isObj(s.properties)) {
        enumerates = true;
        parentPtr = c.ptr;
        if (Object.prototype.hasOwnProperty.call(s.properties, seg)) {
          next.push({ schema: s.properties[seg], ptr: [...c.ptr, 'properties', seg] });
          declaredPtr ??= [...c.ptr, 'properties', seg];
          if (Array.isArray(s.required) && s.required.includes(seg)) required = true;
        }
      }
      let matched = false;
      if (isObj(s.patternProperties)) {
        for (const [re, sub] of Object.entries(s.patternProperties)) {
          try {
            if (new RegExp(re, 'u').test(seg)) {
              next.push({ schema: sub, ptr: [...c.ptr, 'patternProperties', re] });
              matched = true;
            }
          } catch {
            /* invalid pattern: invalid-schema reports it */
          }
        }
      }
      const extra = s.additionalProperties ?? s.unevaluatedProperties;
      if (!matched && !(isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, seg))) {
        if (isObj(extra)) next.push({ schema: extra, ptr: [...c.ptr, s.additionalProperties !== undefined ? 'additionalProperties' : 'unevaluatedProperties'] });
        else if (extra !== false) {
          closed = false;
          if (!isObj(s.properties)) open = true;
        }
      }
    }
    if (!next.length) {
      if (closed) return { status: 'undeclared', index: i, closed: true, parentPtr, props };
      if (enumerates && !open) return { status: 'undeclared', index: i, closed: false, parentPtr, props };
      return { status: 'unknown', index: i, closed: false, parentPtr, props };
    }
    if (declaredPtr) props.push({ index: i, ptr: declaredPtr, required });
    cands = expand(root, next);
  }
  return { status: 'declared', index: path.length, closed: false, parentPtr: [], props };
}

export interface DeclaredProperty {
  data: (string | number)[];
  ptr: JsonPath;
  required: boolean;
  schema: unknown;
}

/** declaredProperties per schema value: data/schema-required-mismatch and data/schema-unused-property both read them. */
const declared = new Memo<object, readonly DeclaredProperty[]>();

/**
 * Every property a schema declares, with the data path it stands for (list items as index 0). Bounded,
 * cycle-safe. Memoised per schema value (the parsed schema of one review): the list is shared, so callers
 * must not change it.
 */
export function declaredProperties(root: unknown): readonly DeclaredProperty[] {
  if (!isObj(root)) return [];
  const hit = declared.get(root);
  if (hit) return hit;
  const out = walkDeclared(root);
  declared.set(root, out);
  return out;
}

function walkDeclared(root: object): DeclaredProperty[] {
  const out: DeclaredProperty[] = [];
  const seen = new Set<unknown>();
  // Where the walk goes on from: a schema with its pointer (a Cand) and its data path. Each property found is
  // pushed as it is (three objects per property, where a copy into a new stack item made five): most are
  // never read from, as the walk stops at 5,000, but all are allocated at once for a schema's `properties`.
  const stack: (Cand & { data: (string | number)[] })[] = [{ schema: root, ptr: [], data: [] }];
  while (stack.length && out.length < 5000) {
    const at = stack.pop()!;
    if (at.data.length > 32) continue;
    for (const c of expand(root, [at])) {
      const s = c.schema;
      if (!isObj(s) || seen.has(s)) continue;
      seen.add(s);
      if (isObj(s.properties)) {
        // A set of the required names: `includes` for each property was quadratic in a long list.
        const required = Array.isArray(s.required) && s.required.length ? new Set<unknown>(s.required) : undefined;
        for (const [k, sub] of Object.entries(s.properties)) {
          const entry = { data: [...at.data, k], ptr: [...c.ptr, 'properties', k], required: required !== undefined && required.has(k), schema: sub };
          out.push(entry);
          stack.push(entry);
        }
      }
      if (isObj(s.items)) stack.push({ schema: s.items, ptr: [...c.ptr, 'items'], data: [...at.data, 0] });
    }
  }
  return out;
}

export { keySpanAt };
