/**
 * Handlebars compilation with the literal content taken out of the generated code.
 *
 * Handlebars compiles a template to JavaScript, and that code embeds every piece of literal content; for a
 * 30 KB email most of the compile time goes into generating and evaluating code for HTML that never
 * changes. Here every ContentStatement of the AST is swapped for a short marker made of Unicode
 * noncharacters (U+FDD0…U+FDD1, which never occur in interchange text) while it is compiled, and the
 * markers are put back into the rendered output. Whitespace control and standalone lines have already been
 * applied to the AST by the parser, so the output is identical (a test checks it) at a fraction of the cost.
 *
 * The generated code then depends only on the template's structure (its expressions, blocks and options),
 * not on its content or where things are: source locations are left out of it too (Handlebars hands them
 * to helpers as `options.loc`, which no helper here reads). So the compiled spec is kept per engine, keyed
 * by that structure (`hbs.compiled` in the engine's caches): templates that differ only in their text —
 * one layout with other wording, a copy with a comment of its own — share one code generation. Per AST it
 * is kept as well, and bound to each environment that asks (knownHelpersOnly is off, so the code does not
 * depend on the helpers or partials an environment has): the lenient and the provider-strict renderings,
 * and the marked rendering that resolves dynamic URLs, share it.
 */
import { Handlebars, parseProgram, skeletonOf } from '../parse/handlebars.js';
import { cacheKey, textKey, type EngineCaches } from '../core/cache.js';
import { Memo } from '../core/memo.js';

const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';

type Node = { type?: string; value?: unknown; original?: unknown; body?: unknown; program?: unknown; inverse?: unknown; loc?: unknown };

interface Internals {
  Compiler: new () => { compile(ast: unknown, options: CompileOptions): unknown };
  JavaScriptCompiler: new () => { compile(env: unknown, options: CompileOptions, context: undefined, asObject: true): unknown };
  template(spec: unknown): Handlebars.TemplateDelegate;
}

/** A template compiled without its content: the spec (shared by structure) and the content to put back. */
export interface CompactTemplate {
  spec: unknown;
  /** The value of each ContentStatement, in the order of `contents` (marker i stands for values[i]). */
  values: readonly string[];
  /** The AST's ContentStatements, each standing for one marker in the generated code. */
  contents: readonly hbs.AST.ContentStatement[];
}

/**
 * Compiled specs by template structure (options and AST without content or locations), keyed by `textKey`
 * of the structure (core/cache.ts), the structure itself kept to confirm a hit. V8 hashes a string longer
 * than 16,383 characters by its length alone, so with the structures themselves as keys every structure of
 * one length fell into one bucket, and each lookup compared the structure with all of them: with a full
 * cache that cost as much as compiling.
 */
export const COMPILED_TEMPLATES = cacheKey<string, { structure: string; spec: unknown }>('hbs.compiled', 200);
/** Structures longer than this are compiled without being kept (a hostile template's key would be huge). */
const MAX_KEY_LENGTH = 64 * 1024;

const byAst = new Memo<object, Map<string, CompactTemplate>>();

/** The compact form of a template (per AST and options; the spec also per structure in `caches`). */
export function compactTemplate(input: string | hbs.AST.Program, options: CompileOptions, caches?: EngineCaches): CompactTemplate {
  const ast = typeof input === 'string' ? parseProgram(input) : input;
  const key = JSON.stringify(options);
  let perAst = byAst.get(ast);
  if (!perAst) byAst.set(ast, (perAst = new Map()));
  let compiled = perAst.get(key);
  if (!compiled) {
    compiled = generate(ast, options, key, caches);
    perAst.set(key, compiled);
  }
  return compiled;
}

/** A render function of `compact` in `env`, with `values` (the template's own content by default) put back. */
export function bindTemplate(env: typeof Handlebars, compact: CompactTemplate, values: readonly string[] = compact.values): Handlebars.TemplateDelegate {
  const tpl = (env as unknown as Internals).template(compact.spec);
  if (values.length === 0) return tpl;
  return ((context: unknown, runtime?: Handlebars.RuntimeOptions) => restore(tpl(context, runtime), values)) as Handlebars.TemplateDelegate;
}

export function compileCompact(env: typeof Handlebars, input: string | hbs.AST.Program, options: CompileOptions, caches?: EngineCaches): Handlebars.TemplateDelegate {
  return bindTemplate(env, compactTemplate(input, options, caches));
}

const ID = /^[0-9a-z]+$/;

/**
 * Every `OPEN id CLOSE` in `out` replaced by values[id] (left as is when there is no such value): what
 * `out.replace(/\uFDD0([0-9a-z]+)\uFDD1/g, …)` does, without a callback per marker.
 */
export function restore(out: string, values: readonly string[]): string {
  let i = out.indexOf(OPEN);
  if (i < 0) return out;
  let res = '';
  let pos = 0;
  while (i >= 0) {
    const j = out.indexOf(CLOSE, i + 1);
    if (j < 0) break;
    const id = out.slice(i + 1, j);
    const v = ID.test(id) ? values[parseInt(id, 36)] : undefined;
    if (v !== undefined) {
      res += out.slice(pos, i) + v;
      pos = j + 1;
      i = out.indexOf(OPEN, pos);
    } else i = out.indexOf(OPEN, i + 1);
  }
  return res + out.slice(pos);
}

function generate(ast: hbs.AST.Program, options: CompileOptions, optionsKey: string, caches: EngineCaches | undefined): CompactTemplate {
  // One walk that changes nothing: the content (numbered in the walk's order, which the structure fixes) and
  // the structure key. A template whose structure was compiled before (the usual case in a batch: one
  // layout, other wording) costs only that walk.
  // An AST from a kept parse (parse/handlebars.ts) has that parse's structure: its spec is kept with it.
  const skeleton = skeletonOf(ast);
  const known = skeleton?.derived.get(`compiled ${optionsKey}`);
  const { contents, structure } = structureAndContents(ast, caches !== undefined && known === undefined);
  const values = contents.map((c) => c.value);
  if (known !== undefined) return { spec: known, values, contents };
  const key = caches ? `${optionsKey}\n${structure}` : undefined;
  const cache = key !== undefined && key.length <= MAX_KEY_LENGTH ? caches!.get(COMPILED_TEMPLATES) : undefined;
  const digest = cache ? textKey(key!) : '';
  const hit = cache?.get(digest);
  if (hit && hit.structure === key) {
    skeleton?.derived.set(`compiled ${optionsKey}`, hit.spec);
    return { spec: hit.spec, values, contents };
  }
  // Compile: swap content for markers and take locations out, in place; compile; then put both back: the
  // caller's AST is shared with the rules (cheaper than copying it).
  const withLoc: Node[] = [];
  const locs: unknown[] = [];
  // Handlebars' compiler replaces a literal helper name (`{{"name" x}}`) by a PathExpression and marks
  // paths `strict`/`falsy` in the AST it compiles: those are undone too, so that the AST rules read (and the
  // structure key) does not depend on whether, when or how often it was compiled.
  const literalPaths: [Node & { path?: unknown }, unknown][] = [];
  const paths: [Record<string, unknown>, boolean, boolean][] = [];
  // …and gives a partial without arguments a context argument (a pushed PathExpression without location).
  const params: [unknown[], number][] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [ast];
  try {
    contents.forEach((n, i) => (n.value = `${OPEN}${i.toString(36)}${CLOSE}`));
    while (stack.length) {
      const n = stack.pop() as Node | Node[] | null | undefined;
      if (!n || typeof n !== 'object' || seen.has(n)) continue;
      seen.add(n);
      if (Array.isArray(n)) {
        for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
        continue;
      }
      if ('loc' in n) {
        withLoc.push(n);
        locs.push(n.loc);
        n.loc = undefined;
      }
      if (n.type === 'PathExpression') paths.push([n as Record<string, unknown>, 'strict' in n, 'falsy' in n]);
      const ps = (n as { params?: unknown }).params;
      if (Array.isArray(ps)) params.push([ps, ps.length]);
      const path = (n as { path?: unknown }).path;
      if (path && typeof path === 'object' && !('parts' in path)) literalPaths.push([n, path]);
      if (n.type === 'ContentStatement' && typeof n.value === 'string') continue;
      // Every node that holds others (statements, expressions, params, hash pairs): generic, so that no
      // kind of node keeps a location or content in the code.
      for (const k in n) {
        if (k === 'loc' || k === 'type') continue;
        const v = (n as Record<string, unknown>)[k];
        if (v && typeof v === 'object') stack.push(v);
      }
    }
    // What env.compile does, but now rather than lazily on first render (the markers must be in place).
    const h = Handlebars as unknown as Internals;
    const opts: CompileOptions & { useDepths?: boolean } = { data: true, ...options };
    if (opts.compat) opts.useDepths = true;
    const environment = new h.Compiler().compile(ast, opts);
    const spec = new h.JavaScriptCompiler().compile(environment, opts, undefined, true);
    cache?.set(digest, { structure: key!, spec });
    skeleton?.derived.set(`compiled ${optionsKey}`, spec);
    return { spec, values, contents };
  } finally {
    contents.forEach((n, i) => (n.value = values[i]!));
    withLoc.forEach((n, i) => (n.loc = locs[i]));
    for (const [n, path] of literalPaths) n.path = path;
    for (const [ps, length] of params) ps.length = length;
    for (const [n, strict, falsy] of paths) {
      if (!falsy) delete n.falsy;
      if (!strict) delete n.strict;
    }
  }
}

/**
 * The AST's ContentStatements in the order of a depth-first walk (each once), and, when `withStructure`, the
 * structure key: what the compiler reads of the AST, each ContentStatement as `C` (its marker is given by its
 * place in that order, which the structure fixes; its text and strip flags are not compiled), no locations,
 * strings as `"length:text`. Recursive like Handlebars' own visitors, which have walked this AST already.
 * The compiled code does not depend on the order, only on the marker each content got.
 */
function structureAndContents(ast: hbs.AST.Program, withStructure: boolean): { contents: hbs.AST.ContentStatement[]; structure: string } {
  const contents: hbs.AST.ContentStatement[] = [];
  const counted = new Set<object>();
  let out = '';
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) {
      if (withStructure) out += typeof v === 'string' ? `"${v.length}:${v}` : String(v);
      return;
    }
    if (Array.isArray(v)) {
      if (withStructure) out += '[';
      for (const x of v) {
        visit(x);
        if (withStructure) out += ',';
      }
      if (withStructure) out += ']';
      return;
    }
    const n = v as Record<string, unknown>;
    if (n.type === 'ContentStatement' && typeof n.value === 'string') {
      // A content node reached twice keeps its one marker.
      if (!counted.has(n)) {
        counted.add(n);
        contents.push(n as unknown as hbs.AST.ContentStatement);
      }
      if (withStructure) out += 'C';
      return;
    }
    if (withStructure) out += '{';
    for (const k in n) {
      if (k === 'loc') continue;
      const x = n[k];
      if (x === undefined) continue;
      if (withStructure) out += `${k}:`;
      visit(x);
      if (withStructure) out += ',';
    }
    if (withStructure) out += '}';
  };
  visit(ast);
  return { contents, structure: out };
}
