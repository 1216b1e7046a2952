/**
 * Review budgets: how much work one template may cost. A template from anyone must never stall or sink the
 * reviewer, so each budget is enforced where the work happens, and hitting one gives a located finding.
 * Defaults are documented in docs/limits.md; config overrides them under `settings.limits`.
 */
export interface Limits {
  /** Handlebars renders per TemplateData sample: block bodies rendered plus helper calls. */
  renderSteps: number;
  /** Characters a sample's rendering may produce, counting each block body's output as it is produced. */
  renderOutput: number;
  /** Elements nested inside each other in the HTML/MJML DOM; deeper ones are not parsed. */
  domDepth: number;
  /** Template expressions (`{{…}}`, comments not counted), each parameter and hash pair one more, in one part; a part with more is not parsed with Handlebars. */
  expressions: number;
  /** Findings one rule may report on one template; past it one summary finding gives the count. */
  findingsPerRule: number;
  /**
   * Milliseconds parsing and the rules of one review may take together; past it, parts still to parse get no
   * Handlebars parse and rules still to run are skipped.
   */
  reviewMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  renderSteps: 100_000,
  renderOutput: 2_000_000,
  domDepth: 500,
  expressions: 2_000,
  findingsPerRule: 200,
  reviewMs: 2_000,
});

/** The limits in effect for these settings: `settings.limits` over the defaults (bad values ignored). */
export function limitsOf(settings: Readonly<Record<string, unknown>>): Limits {
  const given = settings.limits;
  if (!given || typeof given !== 'object') return DEFAULT_LIMITS;
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = (given as Record<string, unknown>)[key];
    if (typeof v === 'number' && v > 0) out[key] = v;
  }
  return out;
}

/** JSON Schema of `settings.limits` (part of the pack schema). */
export const limitsSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Review budgets per template (defaults in docs/limits.md).',
  properties: {
    renderSteps: { type: 'integer', minimum: 1, description: `Block bodies rendered plus helper calls per TemplateData sample (default ${DEFAULT_LIMITS.renderSteps}).` },
    renderOutput: { type: 'integer', minimum: 1, description: `Characters one sample's rendering may produce, each block's output counted as produced (default ${DEFAULT_LIMITS.renderOutput}).` },
    domDepth: { type: 'integer', minimum: 1, description: `Elements nested inside each other (default ${DEFAULT_LIMITS.domDepth}).` },
    expressions: { type: 'integer', minimum: 1, description: `Template expressions in one part, each parameter and hash pair counted as one more; a part with more is not parsed with Handlebars (default ${DEFAULT_LIMITS.expressions}).` },
    findingsPerRule: { type: 'integer', minimum: 1, description: `Findings one rule reports per template before one summary finding with the count (default ${DEFAULT_LIMITS.findingsPerRule}).` },
    reviewMs: { type: 'number', exclusiveMinimum: 0, description: `Milliseconds parsing and the rules of one review may take; later parse steps and rules are skipped with a finding (default ${DEFAULT_LIMITS.reviewMs}).` },
  },
} as const;
