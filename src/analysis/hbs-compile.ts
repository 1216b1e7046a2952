/**
 * Handlebars compilation with the literal content taken out of the generated code.
 *
 * Handlebars compiles a template to JavaScript, and that code embeds every piece of literal content; for a
 * 30 KB email most of the compile time goes into generating and evaluating code for HTML that never
 * changes. Here each long ContentStatement of the AST is swapped for a short marker made of Unicode
 * noncharacters (U+FDD0…U+FDD1, which never occur in interchange text) while it is compiled, and the
 * markers are put back into the rendered output. Whitespace control and standalone lines have already been
 * applied to the AST by the parser, so the output is identical (a test checks it) at a fraction of the cost.
 *
 * The generated code does not depend on which helpers or partials an environment has registered
 * (knownHelpersOnly is off), so the compiled spec is kept per AST and options and bound to each
 * environment that asks: the lenient and the provider-strict renderings share one code generation.
 */
import { Handlebars, parseProgram } from '../parse/handlebars.js';

const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const MARKER = /\uFDD0([0-9a-z]+)\uFDD1/g;

type Node = { type?: string; value?: unknown; original?: unknown; body?: unknown; program?: unknown; inverse?: unknown };

interface Internals {
  Compiler: new () => { compile(ast: unknown, options: CompileOptions): unknown };
  JavaScriptCompiler: new () => { compile(env: unknown, options: CompileOptions, context: undefined, asObject: true): unknown };
  template(spec: unknown): Handlebars.TemplateDelegate;
}

interface Compiled {
  spec: unknown;
  values: string[];
}

const byAst = new WeakMap<object, Map<string, Compiled>>();

export function compileCompact(
  env: typeof Handlebars,
  input: string | hbs.AST.Program,
  options: CompileOptions,
): Handlebars.TemplateDelegate {
  const ast = typeof input === 'string' ? parseProgram(input) : input;
  const key = JSON.stringify(options);
  let perAst = byAst.get(ast);
  if (!perAst) byAst.set(ast, (perAst = new Map()));
  let compiled = perAst.get(key);
  if (!compiled) {
    compiled = generate(env, ast, options);
    perAst.set(key, compiled);
  }
  const tpl = (env as unknown as Internals).template(compiled.spec);
  const { values } = compiled;
  if (values.length === 0) return tpl;
  const restore = (out: string) => out.replace(MARKER, (m, i: string) => values[parseInt(i, 36)] ?? m);
  return ((context: unknown, runtime?: Handlebars.RuntimeOptions) => restore(tpl(context, runtime))) as Handlebars.TemplateDelegate;
}

function generate(env: typeof Handlebars, ast: hbs.AST.Program, options: CompileOptions): Compiled {
  // Swap content for markers in place, compile eagerly, then put the content back: the caller's AST is
  // shared with the rules (cheaper than copying it).
  const values: string[] = [];
  const swapped: Node[] = [];
  const stack: unknown[] = [ast];
  while (stack.length) {
    const n = stack.pop() as Node | Node[] | null | undefined;
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    if (n.type === 'ContentStatement' && typeof n.value === 'string') {
      // Short pieces cost less inline than as markers.
      if (n.value.length > 8) {
        values.push(n.value);
        swapped.push(n);
        n.value = `${OPEN}${(values.length - 1).toString(36)}${CLOSE}`;
      }
      continue;
    }
    stack.push(n.body, n.program, n.inverse);
  }
  try {
    // What env.compile does, but now rather than lazily on first render (the markers must be in place).
    const h = env as unknown as Internals;
    const opts: CompileOptions & { useDepths?: boolean } = { data: true, ...options };
    if (opts.compat) opts.useDepths = true;
    const environment = new h.Compiler().compile(ast, opts);
    return { spec: new h.JavaScriptCompiler().compile(environment, opts, undefined, true), values };
  } finally {
    swapped.forEach((n, i) => (n.value = values[i]));
  }
}
