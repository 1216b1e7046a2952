/**
 * The variable model: every TemplateData path the template reads, from one walk over the Handlebars AST of
 * each part (subject, HTML, text), with exact spans, the scope it was read in (#each, #with, block params,
 * `../`, `@root`), how it is used (printed, tested, iterated, passed to a helper) and the conditions that
 * guard it. Also the helpers and partials the template calls. Memoised per TemplateDoc and helper set.
 *
 * Paths are absolute (from the data root). `EACH` stands for "every element" of the list an `#each`
 * iterates; `SECTION` for the context of a `{{#name}}…{{/name}}` section (each element if it is a list,
 * else the value itself).
 */
import { LineIndex } from '../core/line-index.js';
import { parseProgram } from '../parse/handlebars.js';
import type { Span } from '../core/types.js';
import type { Provider } from '../core/types.js';
import type { TemplateDoc, TemplatePart } from './template-doc.js';
import { Memo } from '../core/memo.js';

export const EACH = '[]';
export const SECTION = '[?]';

export type TemplatePartName = 'subject' | 'html' | 'text';
export type VarUse = 'print' | 'raw' | 'condition' | 'each' | 'with' | 'section' | 'param' | 'lookup' | 'partial';

/** A condition a reference is rendered under: `truthy` true for {{#if}}, false for {{else}}/{{#unless}}, null when a helper decides. */
export interface Guard {
  path: string[];
  truthy: boolean | null;
}

export interface VarRef {
  part: TemplatePartName;
  /** Span of the path expression (of the partial call when read through a partial). */
  span: Span;
  /** The path as written (`user.firstName`, `../title`, `item.price`). */
  original: string;
  /** Absolute data path. */
  path: string[];
  use: VarUse;
  /** Helper the value is passed to (use 'param'). */
  helper?: string;
  /** Conditions around the reference, outermost first (#if/#unless/else and the #each/#with/section sources). */
  guards: Guard[];
  /** Only rendered under a condition (#if/#unless/else, a helper block) or has a default (SendGrid insert). */
  optional: boolean;
  /** Partial the reference is read through. */
  via?: string;
  /** For use 'each': the block reads @key (iterating an object is intended). */
  keyed?: boolean;
  /** Has a default value (SendGrid `{{insert name "default=…"}}`): a missing value is fine. */
  defaulted?: boolean;
  /** Passed to a helper that expects a list (`length`). */
  listHint?: boolean;
}

export interface HelperCall {
  part: TemplatePartName;
  span: Span;
  name: string;
  block: boolean;
  via?: string;
}

export interface PartialCall {
  part: TemplatePartName;
  span: Span;
  name: string;
  /** Resolved (inline, bundle `<name>.partials/`, or config), or rendered with its fallback block. */
  found: boolean;
  dynamic?: boolean;
  via?: string;
}

export interface VariableModel {
  refs: VarRef[];
  helpers: HelperCall[];
  partials: PartialCall[];
  /** Some reads could not be modelled (unknown or dynamic partials, too deep): "unused" checks stay quiet. */
  incomplete: boolean;
  /** Parts that could not be parsed (syntax/handlebars reports them). */
  unparsed: TemplatePartName[];
}

export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'] as const;
/** SendGrid's dynamic-template helper set (docs: "Using Handlebars"). */
export const SENDGRID_HELPERS = ['if', 'unless', 'each', 'equals', 'notEquals', 'greaterThan', 'lessThan', 'and', 'or', 'length', 'formatDate', 'insert'] as const;
const SENDGRID_BLOCKS = new Set(['equals', 'notEquals', 'greaterThan', 'lessThan', 'and', 'or']);

export interface VariableOptions {
  provider?: Provider | undefined;
  /** Custom helper names declared in config (settings.helpers). */
  helpers?: readonly string[] | undefined;
  /** Partials declared in config (settings.partials: name → template text). */
  partials?: Readonly<Record<string, string>> | undefined;
}

/** Helper names a provider renders (custom helpers added). */
export function knownHelpers(opts: VariableOptions): Set<string> {
  const base: readonly string[] = opts.provider === 'sendgrid' ? SENDGRID_HELPERS : opts.provider === 'tencent' ? [] : BUILTIN_HELPERS;
  return new Set([...base, ...(opts.helpers ?? [])]);
}

/** Options from rule settings (provider falls back to the provider JSON the template came from). */
export function variableOptions(doc: TemplateDoc, settings: Readonly<Record<string, unknown>>): VariableOptions {
  const helpers = Array.isArray(settings.helpers) ? settings.helpers.filter((h): h is string => typeof h === 'string') : [];
  const partials: Record<string, string> = {};
  if (settings.partials && typeof settings.partials === 'object') {
    for (const [k, v] of Object.entries(settings.partials as Record<string, unknown>)) if (typeof v === 'string') partials[k] = v;
  }
  return { provider: providerOf(doc, settings), helpers, partials };
}

export function providerOf(doc: TemplateDoc, settings: Readonly<Record<string, unknown>>): Provider {
  const p = settings.provider;
  if (p === 'generic' || p === 'aws' || p === 'tencent' || p === 'sendgrid') return p;
  const origin = doc.source.origin;
  return origin === 'aws' || origin === 'tencent' ? origin : 'generic';
}

const cache = new Memo<TemplateDoc, Map<string, VariableModel>>();

export function variables(doc: TemplateDoc, opts: VariableOptions = {}): VariableModel {
  const key = JSON.stringify([opts.provider ?? 'generic', [...(opts.helpers ?? [])].sort(), Object.entries(opts.partials ?? {}).sort()]);
  let byKey = cache.get(doc);
  if (!byKey) cache.set(doc, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const model = buildModel(doc, opts);
  byKey.set(key, model);
  return model;
}

// ---- the walk --------------------------------------------------------------------------------------

type Node = any;

interface Context {
  base: string[];
  /** Names bound by a partial's hash (`{{> card title=heading}}`). */
  aliases?: Map<string, string[] | null>;
}

interface State {
  part: TemplatePartName;
  lines: LineIndex;
  contexts: Context[];
  blockParams: Map<string, string[] | null>[];
  guards: Guard[];
  /** Rendered only under a condition. */
  conditional: number;
  eachStack: VarRef[];
  via?: string;
  callSpan?: Span;
  partialStack: string[];
  inline: Map<string, Node>;
  partialBlock?: { program: Node; state: State } | undefined;
  depth: number;
}

const MAX_DEPTH = 250;
const MAX_PARTIAL_DEPTH = 8;

function buildModel(doc: TemplateDoc, opts: VariableOptions): VariableModel {
  const model: VariableModel = { refs: [], helpers: [], partials: [], incomplete: false, unparsed: [] };
  // Built-ins always shape scopes (a provider without them is data/provider-syntax's and data/unknown-helper's concern).
  const helpers = new Set<string>([...BUILTIN_HELPERS, ...knownHelpers(opts)]);
  const partialAsts = new Map<string, Node | null>();
  const partialAst = (name: string): Node | null | undefined => {
    if (partialAsts.has(name)) return partialAsts.get(name);
    const text = doc.source.partials?.[name]?.text ?? opts.partials?.[name];
    if (text === undefined) return undefined;
    let ast: Node | null;
    try {
      ast = parseProgram(text);
    } catch {
      ast = null;
    }
    partialAsts.set(name, ast);
    return ast;
  };

  const parts: [TemplatePartName, TemplatePart | undefined][] = [
    ['subject', doc.subject],
    ['html', doc.html],
    ['text', doc.text],
  ];
  for (const [name, part] of parts) {
    if (!part) continue;
    if (!part.ast) {
      model.unparsed.push(name);
      model.incomplete = true;
      continue;
    }
    const st: State = {
      part: name,
      lines: new LineIndex(part.text),
      contexts: [{ base: [] }],
      blockParams: [],
      guards: [],
      conditional: 0,
      eachStack: [],
      partialStack: [],
      inline: new Map(),
      depth: 0,
    };
    collectInline(part.ast, st.inline);
    walkProgram(part.ast, st);
  }
  return model;

  function span(node: Node, st: State): Span {
    if (st.callSpan) return st.callSpan;
    const loc = node?.loc;
    if (!loc) return { start: 0, end: 0 };
    const start = st.lines.offset(loc.start.line, loc.start.column + 1);
    const end = st.lines.offset(loc.end.line, loc.end.column + 1);
    return { start, end: Math.max(start, end) };
  }

  function walkProgram(prog: Node, st: State): void {
    if (!prog || !Array.isArray(prog.body)) return;
    if (st.depth > MAX_DEPTH) {
      model.incomplete = true;
      return;
    }
    st.depth++;
    for (const s of prog.body) walkStatement(s, st);
    st.depth--;
  }

  function simpleName(path: Node): string | undefined {
    return path?.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1 && !isExplicitThis(path.original) ? path.parts[0] : undefined;
  }

  function walkStatement(s: Node, st: State): void {
    switch (s?.type) {
      case 'MustacheStatement': {
        if (s.path?.type !== 'PathExpression') {
          if (s.path?.type === 'SubExpression') walkExpr(s.path, st, 'param');
          return;
        }
        const name = simpleName(s.path);
        const isCall = (s.params?.length ?? 0) > 0 || (s.hash?.pairs?.length ?? 0) > 0 || (name !== undefined && helpers.has(name));
        if (isCall) {
          callHelper(s.path, s.params ?? [], s.hash, st, false);
        } else {
          ref(s.path, s.escaped === false ? 'raw' : 'print', st);
        }
        return;
      }
      case 'BlockStatement':
        walkBlock(s, st);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        walkPartial(s, st);
        return;
      case 'DecoratorBlock':
        // {{#*inline "name"}} bodies are walked where the partial is used.
        return;
      default:
        return;
    }
  }

  function walkBlock(s: Node, st: State): void {
    const name = simpleName(s.path);
    const params: Node[] = s.params ?? [];
    const first = params[0];
    const blockParams: string[] = s.program?.blockParams ?? [];
    const withGuard = (g: Guard | null, conditional: boolean, fn: () => void) => {
      if (g) st.guards.push(g);
      if (conditional) st.conditional++;
      fn();
      if (conditional) st.conditional--;
      if (g) st.guards.pop();
    };
    if (name === 'if' || name === 'unless' || name === 'each' || name === 'with') {
      model.helpers.push({ part: st.part, span: span(s.path, st), name, block: true, ...(st.via ? { via: st.via } : {}) });
    }
    if ((name === 'if' || name === 'unless') && helpers.has(name)) {
      const p = first ? walkExpr(first, st, 'condition') : null;
      const truthy = name === 'if';
      withGuard(p ? { path: p, truthy } : { path: [], truthy: null }, true, () => walkProgram(s.program, st));
      withGuard(p ? { path: p, truthy: !truthy } : { path: [], truthy: null }, true, () => walkProgram(s.inverse, st));
      return;
    }
    if ((name === 'each' || name === 'with') && helpers.has(name)) {
      const r = first?.type === 'PathExpression' ? ref(first, name, st) : undefined;
      const p = r ? r.path : first ? walkExpr(first, st, 'param') : null;
      if (!p) model.incomplete = true;
      const base = p ? (name === 'each' ? [...p, EACH] : p) : null;
      const bp = new Map<string, string[] | null>();
      if (blockParams[0]) bp.set(blockParams[0], base);
      if (blockParams[1]) bp.set(blockParams[1], null);
      st.blockParams.push(bp);
      if (base) st.contexts.push({ base });
      if (r && name === 'each') st.eachStack.push(r);
      withGuard(p ? { path: p, truthy: true } : null, false, () => walkProgram(s.program, st));
      if (r && name === 'each') st.eachStack.pop();
      if (base) st.contexts.pop();
      st.blockParams.pop();
      withGuard(p ? { path: p, truthy: false } : null, true, () => walkProgram(s.inverse, st));
      return;
    }
    const isHelper = name !== undefined ? helpers.has(name) : false;
    if (!isHelper && params.length === 0 && !(s.hash?.pairs?.length) && s.path?.type === 'PathExpression') {
      // {{#name}}…{{/name}} / {{^name}}…{{/name}}: a Mustache-style section (blockHelperMissing).
      const r = ref(s.path, 'section', st);
      if (!r) {
        withGuard(null, true, () => {
          walkProgram(s.program, st);
          walkProgram(s.inverse, st);
        });
        return;
      }
      st.contexts.push({ base: [...r.path, SECTION] });
      withGuard({ path: r.path, truthy: true }, false, () => walkProgram(s.program, st));
      st.contexts.pop();
      withGuard({ path: r.path, truthy: false }, true, () => walkProgram(s.inverse, st));
      return;
    }
    // Any other block helper (SendGrid's comparisons, custom helpers, or unknown ones): context unchanged.
    callHelper(s.path, params, s.hash, st, true);
    const firstPath = first?.type === 'PathExpression' ? resolve(first, st) : null;
    withGuard({ path: firstPath ?? [], truthy: null }, true, () => {
      walkProgram(s.program, st);
      walkProgram(s.inverse, st);
    });
  }

  function callHelper(path: Node, params: Node[], hash: Node, st: State, block: boolean): void {
    const name = path?.type === 'PathExpression' ? (path.data ? `@${path.parts.join('.')}` : path.original) : String(path?.original ?? '');
    model.helpers.push({ part: st.part, span: span(path, st), name, block, ...(st.via ? { via: st.via } : {}) });
    if (name === 'lookup' && params[0]) {
      const obj = params[0];
      const key = params[1];
      if (obj.type === 'PathExpression' && (key?.type === 'StringLiteral' || key?.type === 'NumberLiteral')) {
        const p = resolve(obj, st);
        if (p) {
          addRef({ node: obj, path: [...p, String(key.value)], use: 'param', st, helper: 'lookup' });
          return;
        }
      }
      walkExpr(obj, st, 'lookup', 'lookup');
      if (key) walkExpr(key, st, 'param', 'lookup');
      return;
    }
    const hasDefault = name === 'insert' && params.slice(1).some((p) => p.type === 'StringLiteral' && /^default=/.test(p.value));
    params.forEach((p, i) => {
      const use: VarUse = name === 'insert' && i === 0 ? 'print' : SENDGRID_BLOCKS.has(name) && (name === 'and' || name === 'or') ? 'condition' : 'param';
      const r = walkExpr(p, st, use, name, hasDefault && i === 0);
      if (r && name === 'length' && i === 0) {
        const last = model.refs[model.refs.length - 1];
        if (last) last.listHint = true;
      }
    });
    for (const pair of hash?.pairs ?? []) walkExpr(pair.value, st, 'param', name);
  }

  /** Walk an expression; returns the data path when it is a plain path. */
  function walkExpr(e: Node, st: State, use: VarUse, helper?: string, optional = false): string[] | null {
    if (!e) return null;
    if (e.type === 'PathExpression') return ref(e, use, st, helper, optional)?.path ?? null;
    if (e.type === 'SubExpression') {
      if (st.depth > MAX_DEPTH) {
        model.incomplete = true;
        return null;
      }
      st.depth++;
      callHelper(e.path, e.params ?? [], e.hash, st, false);
      st.depth--;
    }
    return null;
  }

  /** Resolve a path expression to an absolute data path (null for @index, block-param indexes…). */
  function resolve(p: Node, st: State): string[] | null {
    if (p.data) {
      const [head, ...rest] = p.parts as string[];
      if (head === 'root') return rest;
      if (head === 'key') {
        const each = st.eachStack[st.eachStack.length - 1];
        if (each) each.keyed = true;
      }
      return null;
    }
    const parts: string[] = p.parts;
    const explicit = isExplicitThis(p.original) || p.depth > 0;
    if (!explicit && parts.length) {
      for (let i = st.blockParams.length - 1; i >= 0; i--) {
        const bp = st.blockParams[i]!;
        if (bp.has(parts[0]!)) {
          const base = bp.get(parts[0]!);
          return base ? [...base, ...parts.slice(1)] : null;
        }
      }
      const top = st.contexts[st.contexts.length - 1];
      const alias = top?.aliases?.get(parts[0]!);
      if (alias !== undefined) return alias ? [...alias, ...parts.slice(1)] : null;
    }
    const idx = Math.max(0, st.contexts.length - 1 - (p.depth ?? 0));
    const ctx = st.contexts[idx]!;
    return [...ctx.base, ...parts];
  }

  function ref(p: Node, use: VarUse, st: State, helper?: string, optional = false): VarRef | undefined {
    const path = resolve(p, st);
    if (!path) return undefined;
    return addRef({ node: p, path, use, st, ...(helper ? { helper } : {}), optional });
  }

  function addRef(a: { node: Node; path: string[]; use: VarUse; st: State; helper?: string; optional?: boolean }): VarRef {
    const { st } = a;
    const guards = [...st.guards];
    if (a.optional) guards.push({ path: a.path, truthy: null });
    const r: VarRef = {
      part: st.part,
      span: span(a.node, st),
      original: a.node.original ?? a.path.join('.'),
      path: a.path,
      use: a.use,
      guards,
      optional: st.conditional > 0 || a.use === 'condition' || !!a.optional,
      ...(a.helper ? { helper: a.helper } : {}),
      ...(a.optional ? { defaulted: true } : {}),
      ...(st.via ? { via: st.via } : {}),
    };
    model.refs.push(r);
    return r;
  }

  function walkPartial(s: Node, st: State): void {
    const callSpan = span(s.name, st);
    let name: string | undefined;
    if (s.name?.type === 'PathExpression') name = s.name.data ? `@${s.name.parts.join('.')}` : s.name.original;
    else if (s.name?.type === 'StringLiteral' || s.name?.type === 'NumberLiteral') name = String(s.name.value);
    const isBlock = s.type === 'PartialBlockStatement';
    if (name === undefined) {
      model.incomplete = true;
      model.partials.push({ part: st.part, span: callSpan, name: '(dynamic)', found: true, dynamic: true, ...(st.via ? { via: st.via } : {}) });
      if (s.name?.type === 'SubExpression') walkExpr(s.name, st, 'param');
      return;
    }
    if (name === '@partial-block') {
      const pb = st.partialBlock;
      if (pb && st.depth < MAX_DEPTH) {
        pb.state.depth = st.depth + 1;
        walkProgram(pb.program, pb.state);
      }
      return;
    }
    // Context and hash of the call.
    const ctxParam = s.params?.[0];
    let base: string[] | null | undefined;
    if (ctxParam) base = ctxParam.type === 'PathExpression' ? (ref(ctxParam, 'partial', st)?.path ?? null) : walkExpr(ctxParam, st, 'param');
    const aliases = new Map<string, string[] | null>();
    for (const pair of s.hash?.pairs ?? []) {
      const p = pair.value?.type === 'PathExpression' ? (ref(pair.value, 'param', st, `> ${name}`)?.path ?? null) : walkExpr(pair.value, st, 'param');
      aliases.set(pair.key, p);
    }
    const inline = st.inline.get(name);
    const ast = inline ?? partialAst(name);
    const found = ast !== undefined && ast !== null;
    model.partials.push({ part: st.part, span: callSpan, name, found: found || isBlock, ...(st.via ? { via: st.via } : {}) });
    if (ast === null) model.incomplete = true;
    if (!found) {
      if (isBlock) walkProgram(s.program, st); // the block is the fallback content
      else model.incomplete = true;
      return;
    }
    if (st.partialStack.includes(name) || st.partialStack.length >= MAX_PARTIAL_DEPTH) return;
    const inner: State = {
      ...st,
      contexts: [...st.contexts.slice(0, -1), { base: base ?? st.contexts[st.contexts.length - 1]!.base, aliases }],
      blockParams: [...st.blockParams],
      guards: [...st.guards],
      eachStack: [...st.eachStack],
      via: st.via ?? name,
      callSpan: st.callSpan ?? callSpan,
      partialStack: [...st.partialStack, name],
      inline: new Map(st.inline),
      partialBlock: isBlock ? { program: s.program, state: { ...st, guards: [...st.guards] } } : st.partialBlock,
    };
    if (base === null) model.incomplete = true;
    if (!inline) collectInline(ast, inner.inline);
    walkProgram(ast, inner);
  }
}

function isExplicitThis(original: string | undefined): boolean {
  return typeof original === 'string' && /^(this([./]|$)|\.\/|\.$)/.test(original);
}

/** Inline partials ({{#*inline "name"}}) are hoisted: Handlebars registers them before the program runs. */
function collectInline(prog: Node, into: Map<string, Node>): void {
  const stack: Node[] = [prog];
  let guard = 0;
  while (stack.length && guard++ < 100_000) {
    const p = stack.pop();
    for (const s of p?.body ?? []) {
      if (s.type === 'DecoratorBlock' && s.path?.original === 'inline' && s.params?.[0]?.type === 'StringLiteral') {
        into.set(s.params[0].value, s.program);
      }
      if (s.type === 'BlockStatement' || s.type === 'PartialBlockStatement') {
        if (s.program) stack.push(s.program);
        if (s.inverse) stack.push(s.inverse);
      }
    }
  }
}

/** `items.[]` / `user.name` for messages. */
export function displayPath(path: readonly string[]): string {
  let out = '';
  for (const seg of path) {
    if (seg === EACH || seg === SECTION) out += '[]';
    else if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || 'this';
}
