/**
 * Render each TemplateData sample through Handlebars, as the provider will at send time.
 * Results are memoised per TemplateDoc, so data, link and content rules share one rendering.
 */
import { Handlebars, parseForRendering, RENDERING_ASTS } from '../parse/handlebars.js';
import { compileCompact } from './hbs-compile.js';
import type { TemplateDoc, TemplatePart } from './template-doc.js';
import { sendgridHelpers } from './sendgrid-helpers.js';
import { plainCopy } from './plain-json.js';
import { knownHelpers, variableOptions } from './variables.js';
import { DEFAULT_LIMITS, limitsOf, type Limits } from '../core/limits.js';

export type { RenderedPart, RenderedSample } from './rendered.js';
import type { RenderedPart, RenderedSample } from './rendered.js';
import { Memo } from '../core/memo.js';

export interface RenderOptions {
  /** Helpers to register (provider helper sets, custom helpers from config). Name → implementation. */
  helpers?: Record<string, Handlebars.HelperDelegate>;
  /** Partials by name (template text). The bundle's own partials (`<name>.partials/`) are always registered. */
  partials?: Record<string, string>;
  /**
   * Unknown helpers fail the render ("Missing helper"), as at the provider. Off by default: the default
   * rendering (for content and link checks) treats unknown helpers as pass-through.
   */
  strictHelpers?: boolean;
  /** Cache key for these options (renderOptionsFor sets it); calls with the same key share one rendering. */
  key?: string;
  /** Render budgets per sample (renderSteps, renderOutput); the defaults when not given. */
  limits?: Pick<Limits, 'renderSteps' | 'renderOutput'>;
}

/** Thrown inside a rendering when a sample spends its budget; ends that rendering. */
class RenderBudgetError extends Error {
  constructor(readonly budget: 'renderSteps' | 'renderOutput', message: string) {
    super(message);
  }
}

interface Meter {
  steps: number;
  output: number;
  limits: Pick<Limits, 'renderSteps' | 'renderOutput'>;
}

function spend(meter: Meter, steps: number, output: number): void {
  meter.steps += steps;
  meter.output += output;
  if (meter.steps > meter.limits.renderSteps) throw new RenderBudgetError('renderSteps', `the rendering takes more than ${meter.limits.renderSteps} steps (block bodies and helper calls)`);
  if (meter.output > meter.limits.renderOutput) throw new RenderBudgetError('renderOutput', `the rendering produces more than ${meter.limits.renderOutput} characters`);
}

/**
 * Every helper of the environment (each, with, if, the provider's, blockHelperMissing…) counts a step per
 * call, and its block bodies count a step and their output per rendering: a template cannot loop or grow
 * its output past the budget however its blocks nest (four nested {{#each}} over 100 items would render
 * 10^8 bodies). Handlebars reads options.fn/inverse when the helper runs, so wrapping them there suffices.
 */
function meterHelpers(env: typeof Handlebars, meter: Meter): void {
  const helpers = env.helpers as Record<string, Handlebars.HelperDelegate>;
  for (const [name, helper] of Object.entries(helpers)) {
    helpers[name] = function metered(this: unknown, ...args: unknown[]) {
      spend(meter, 1, 0);
      const options = args[args.length - 1] as { fn?: (...a: unknown[]) => string; inverse?: (...a: unknown[]) => string } | undefined;
      if (options && typeof options === 'object') {
        for (const key of ['fn', 'inverse'] as const) {
          const body = options[key];
          if (typeof body !== 'function') continue;
          options[key] = function (this: unknown, ...a: unknown[]) {
            spend(meter, 1, 0);
            const out = body.apply(this, a);
            spend(meter, 0, typeof out === 'string' ? out.length : 0);
            return out;
          };
        }
      }
      const out = (helper as (...a: unknown[]) => unknown).apply(this, args);
      if (typeof out === 'string') spend(meter, 0, out.length);
      return out;
    };
  }
}

/**
 * A Handlebars environment whose rendering spends a budget per sample (meterHelpers): the built-in helpers,
 * and whatever `register` adds (helpers, partials) before they are metered. renderSamples renders with one;
 * so does urls.ts, which renders templates with markers to resolve dynamic URLs. Call `start()` before each
 * sample and `charge(n)` for output produced outside a helper (a part's whole rendering); a rendering over
 * budget throws an error isBudgetError recognises.
 */
export function budgetedEnvironment(
  limits: Pick<Limits, 'renderSteps' | 'renderOutput'> = DEFAULT_LIMITS,
  register?: (env: typeof Handlebars) => void,
): { env: typeof Handlebars; start(): void; charge(output: number): void } {
  const env = Handlebars.create();
  register?.(env);
  const meter: Meter = { steps: 0, output: 0, limits };
  meterHelpers(env, meter);
  return {
    env,
    start() {
      meter.steps = meter.output = 0;
    },
    charge(output) {
      spend(meter, 0, output);
    },
  };
}

export function isBudgetError(e: unknown): boolean {
  return e instanceof RenderBudgetError;
}

/** At most this many samples are rendered per template. */
export const MAX_RENDERED_SAMPLES = 100;

const cache = new Memo<TemplateDoc, Map<string, RenderedSample[]>>();

/** A pass-through for custom helpers declared in config: `{{upper name}}` renders `name`; blocks render their body. */
function passThrough(this: unknown, ...args: unknown[]): unknown {
  const options = args.pop() as Handlebars.HelperOptions | undefined;
  if (options && typeof options.fn === 'function') return options.fn(this);
  return args[0];
}

/**
 * Options that render as the template's provider would: its helper set (SendGrid's implemented), custom
 * helpers from settings as pass-through, partials from settings, and unknown helpers as failures.
 */
export function renderOptionsFor(doc: TemplateDoc, settings: Readonly<Record<string, unknown>>): RenderOptions {
  const vo = variableOptions(doc, settings);
  const helpers: Record<string, Handlebars.HelperDelegate> = {};
  if (vo.provider === 'sendgrid') Object.assign(helpers, sendgridHelpers);
  for (const h of vo.helpers ?? []) if (!knownHelpers({ provider: vo.provider }).has(h)) helpers[h] = passThrough;
  const { renderSteps, renderOutput } = limitsOf(settings);
  return {
    helpers,
    partials: { ...(vo.partials ?? {}) },
    strictHelpers: true,
    limits: { renderSteps, renderOutput },
    key: JSON.stringify(['strict', vo.provider, Object.keys(helpers).sort(), Object.entries(vo.partials ?? {}).sort(), renderSteps, renderOutput]),
  };
}

export function renderSamples(doc: TemplateDoc, options: RenderOptions = {}): RenderedSample[] {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const key =
    options.key ??
    (options.helpers || options.partials || options.strictHelpers || options.limits
      ? JSON.stringify([Object.keys(options.helpers ?? {}).sort(), Object.keys(options.partials ?? {}).sort(), !!options.strictHelpers, limits.renderSteps, limits.renderOutput])
      : '');
  let byKey = cache.get(doc);
  if (!byKey) cache.set(doc, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  // Nothing to render: skip compiling the parts (the costly step; content/image-only asks on every template).
  if (!doc.samples.length) {
    byKey.set(key, []);
    return [];
  }
  const { env, start, charge } = budgetedEnvironment(limits, (env) => {
    if (!options.strictHelpers) {
      // Lenient default rendering: SendGrid's helpers work, other unknown helpers pass their first argument through.
      for (const [name, fn] of Object.entries(sendgridHelpers)) env.registerHelper(name, fn);
      env.registerHelper('helperMissing', passThrough);
    }
    for (const [name, fn] of Object.entries(options.helpers ?? {})) env.registerHelper(name, fn);
    for (const [name, p] of Object.entries(doc.source.partials ?? {})) env.registerPartial(name, p.text);
    for (const [name, text] of Object.entries(options.partials ?? {})) env.registerPartial(name, text);
  });
  const compile = (part: TemplatePart | undefined, html: boolean) => {
    if (!part || !part.ast || part.hbsError || part.scan.issues.length) return undefined;
    try {
      // Parse once (the AST rules already hold), compile per part; strict off: missing data renders
      // blank, as AWS/SendGrid would, and the data rules report it separately.
      return compileCompact(env, part.ast, { noEscape: !html, knownHelpersOnly: false }, doc.caches);
    } catch {
      return undefined;
    }
  };
  const html = doc.html ? compileOutput(env, doc) : undefined;
  const parts = { subject: compile(doc.subject, false), html, text: compile(doc.text, false) };
  const samples: RenderedSample[] = [];
  for (const [index, data] of doc.samples.slice(0, MAX_RENDERED_SAMPLES).entries()) {
    // Samples come from parse/json.ts as prototype-less objects, which Handlebars cannot print ("Cannot convert
    // object to primitive value"); the provider would see ordinary JSON objects. Each rendering of a review
    // (strict, lenient, the review page's) reads the same plain copy (plain-json.ts), as does ajv.
    const plain = plainCopy(data);
    // The API hands samples() to library users: the plain copy, not our prototype-less objects.
    const out: RenderedSample = { index, data: plain };
    // One budget per sample, shared by its parts.
    start();
    let spent = false;
    for (const key of ['subject', 'html', 'text'] as const) {
      const tpl = parts[key];
      if (!tpl) continue;
      try {
        const output = tpl(plain, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
        charge(output.length);
        out[key] = { output };
      } catch (e) {
        if (e instanceof RenderBudgetError) {
          out[key] = { error: e.message, budget: e.budget };
          spent = true;
          break;
        }
        if (e instanceof RangeError) {
          // Partials that include themselves recurse until the stack runs out.
          out[key] = { error: 'the rendering nests too deeply (a partial that includes itself?)', budget: 'nesting' };
          continue;
        }
        out[key] = { error: (e as Error).message.split('\n')[0] ?? String(e) };
      }
    }
    samples.push(out);
    // A template that overspends on one sample would on the others too: the budget is per template's worth of samples.
    if (spent) break;
  }
  byKey.set(key, samples);
  return samples;
}

/**
 * Samples rendered for reading their content: as the provider renders them (renderOptionsFor, the rendering
 * the data rules use, so one rendering serves both) where that works, and leniently (unknown helpers pass
 * their argument through) for a part that fails that way, so content is still read when a helper is missing.
 */
export function renderedForContent(doc: TemplateDoc, settings: Readonly<Record<string, unknown>>): RenderedSample[] {
  if (!doc.samples.length) return [];
  const strict = renderSamples(doc, renderOptionsFor(doc, settings));
  // A part that ran out of budget would run out leniently too: only other failures are worth a second rendering.
  const failedPart = (p: RenderedPart | undefined) => p?.error !== undefined && p.budget === undefined;
  const failed = (s: RenderedSample) => failedPart(s.subject) || failedPart(s.html) || failedPart(s.text);
  if (!strict.some(failed)) return strict;
  const { renderSteps, renderOutput } = limitsOf(settings);
  const lenient = renderSamples(doc, { limits: { renderSteps, renderOutput } });
  return strict.map((s, i) => {
    if (!failed(s)) return s;
    const l = lenient[i];
    const out: RenderedSample = { index: s.index, data: s.data };
    for (const key of ['subject', 'html', 'text'] as const) {
      const part = !failedPart(s[key]) ? s[key] : (l?.[key] ?? s[key]);
      if (part) out[key] = part;
    }
    return out;
  });
}

/** The HTML part is rendered from its output form (compiled MJML with expressions restored). */
function compileOutput(env: typeof Handlebars, doc: TemplateDoc): Handlebars.TemplateDelegate | undefined {
  const html = doc.html!;
  if (html.hbsError || html.scan.issues.length || !html.outputHtml) return undefined;
  try {
    return compileCompact(env, outputAst(html, doc.caches), { knownHelpersOnly: false }, doc.caches);
  } catch {
    return undefined;
  }
}

/**
 * The AST of the HTML that is sent: the source's own AST for HTML, the compiled MJML parsed once per
 * template for MJML (one AST object, so every rendering shares one code generation). That parse is only
 * compiled, never located: parseForRendering, whose locations are not positions in the text, parses the
 * long runs of markup in a short form.
 */
const outputAsts = new Memo<object, hbs.AST.Program>();
function outputAst(html: NonNullable<TemplateDoc['html']>, caches: TemplateDoc['caches']): hbs.AST.Program {
  if (html.kind === 'html' && html.ast) return html.ast;
  let ast = outputAsts.get(html);
  if (!ast) {
    ast = parseForRendering(html.outputHtml, undefined, caches.get(RENDERING_ASTS));
    outputAsts.set(html, ast);
  }
  return ast;
}
