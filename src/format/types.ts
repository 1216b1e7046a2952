import type { Kind, Report } from '../core/types.js';

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: 'error' | 'warning' | 'info' | 'off';
  /** Kind in the profile: one, or one per message (`default` for the rest). */
  kind?: Kind | Record<string, Kind>;
}

export interface FormatContext {
  version: string;
  color: boolean;
  /** Working directory the paths are relative to (SARIF uses it as the base URI). */
  cwd?: string;
  /** Metadata of the rules (SARIF lists them). */
  rules?: RuleInfo[];
  /** URL of the folder of rule docs pages (ending in '/'): `<docsBase><category>/<name>.md`. */
  docsBase?: string;
}

export type Formatter = (reports: Report[], ctx: FormatContext) => string;
