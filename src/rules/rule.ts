/**
 * The rule contract (ESLint's meta + html-validate's per-rule option schema). Rules are synchronous and
 * pure: they read a TemplateDoc parsed once and report findings through the context.
 */
import type { Category, Edit, Part, Severity, Span } from '../core/types.js';
import type { TemplateDoc } from '../analysis/template-doc.js';
import type { ProbeResult } from '../core/probe-port.js';

export interface RuleMeta<O> {
  /** 'category/name' */
  id: string;
  category: Category;
  /** One line: what the rule catches. */
  description: string;
  defaultSeverity: Severity | 'off';
  defaultOptions: O;
  /** JSON Schema of the options object (validated with ajv when config sets options). */
  schema?: Record<string, unknown>;
  /** The rule needs probe results (network checks); it is skipped when probes did not run. */
  needsProbes?: boolean;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, unknown>;
  part: Part;
  span: Span;
  evidence?: string;
  /** Override the configured severity (rare: e.g. a rule that is only sometimes an error). */
  severity?: Severity;
  fix?: Edit;
  suggestions?: { title: string; fix: Edit }[];
}

export interface RuleContext<O> {
  options: O;
  severity: Severity;
  /** Name of the active profile. */
  profile: string;
  /** Resolved settings (provider, category defaults, custom helpers...). */
  settings: Readonly<Record<string, unknown>>;
  /** Data lists from packs (phrase lists, shortener hosts...), by name. */
  list<T = unknown>(name: string): T[];
  /** Probe results keyed by URL, when probes ran. */
  probes?: ReadonlyMap<string, ProbeResult>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<O = Record<string, never>> {
  meta: RuleMeta<O>;
  /** Message builders: functions, not '{{x}}' strings, since '{{x}}' is template syntax here. */
  messages: Record<string, (data: any) => string>;
  check(doc: TemplateDoc, ctx: RuleContext<O>): void;
}

/** Identity helper that gives rule authors type inference on options. */
export function defineRule<O>(rule: Rule<O>): Rule<O> {
  return rule;
}

export type AnyRule = Rule<any>;
