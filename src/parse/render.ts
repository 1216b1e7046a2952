/**
 * Render each TemplateData sample through Handlebars, as the provider will at send time.
 * Results are memoised per TemplateDoc, so data, link and content rules share one rendering.
 */
import Handlebars from 'handlebars';
import type { TemplateDoc, TemplatePart } from './template-doc.js';

export interface RenderedPart {
  output?: string;
  error?: string;
}

export interface RenderedSample {
  /** Index of the sample in the data file (0 for a single object). */
  index: number;
  data: unknown;
  subject?: RenderedPart;
  html?: RenderedPart;
  text?: RenderedPart;
}

export interface RenderOptions {
  /** Helpers to register (provider helper sets, custom helpers from config). Name → implementation. */
  helpers?: Record<string, Handlebars.HelperDelegate>;
  /** Partials by name (template text). */
  partials?: Record<string, string>;
}

const cache = new WeakMap<TemplateDoc, RenderedSample[]>();

export function renderSamples(doc: TemplateDoc, options: RenderOptions = {}): RenderedSample[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(options.helpers ?? {})) env.registerHelper(name, fn);
  for (const [name, text] of Object.entries(options.partials ?? {})) env.registerPartial(name, text);
  const compile = (part: TemplatePart | undefined, html: boolean) => {
    if (!part || !part.ast || part.hbsError || part.scan.issues.length) return undefined;
    try {
      // Parse once (the AST rules already hold), compile per part; strict off: missing data renders
      // blank, as AWS/SendGrid would, and the data rules report it separately.
      return env.compile(part.ast, { noEscape: !html, knownHelpersOnly: false });
    } catch {
      return undefined;
    }
  };
  const html = doc.html ? compileOutput(env, doc) : undefined;
  const parts = { subject: compile(doc.subject, false), html, text: compile(doc.text, false) };
  const samples = doc.samples.map((data, index) => {
    const out: RenderedSample = { index, data };
    for (const key of ['subject', 'html', 'text'] as const) {
      const tpl = parts[key];
      if (!tpl) continue;
      try {
        out[key] = { output: tpl(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }) };
      } catch (e) {
        out[key] = { error: (e as Error).message.split('\n')[0] ?? String(e) };
      }
    }
    return out;
  });
  cache.set(doc, samples);
  return samples;
}

/** The HTML part is rendered from its output form (compiled MJML with expressions restored). */
function compileOutput(env: typeof Handlebars, doc: TemplateDoc): Handlebars.TemplateDelegate | undefined {
  const html = doc.html!;
  if (html.hbsError || html.scan.issues.length || !html.outputHtml) return undefined;
  try {
    const tpl = env.compile(html.outputHtml, { knownHelpersOnly: false });
    return tpl;
  } catch {
    return undefined;
  }
}
