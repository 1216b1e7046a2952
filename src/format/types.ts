import type { Report } from '../core/types.js';

export interface FormatContext {
  version: string;
  color: boolean;
  /** Working directory the paths are relative to (SARIF uses it as the base URI). */
  cwd?: string;
  /** Metadata of the rules (SARIF lists them). */
  rules?: { id: string; description: string; defaultSeverity: 'error' | 'warning' | 'info' | 'off' }[];
}

export type Formatter = (reports: Report[], ctx: FormatContext) => string;
