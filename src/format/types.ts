import type { Report } from '../core/types.js';

export interface FormatContext {
  version: string;
  color: boolean;
  /** Working directory the paths are relative to (SARIF uses it as the base URI). */
  cwd?: string;
}

export type Formatter = (reports: Report[], ctx: FormatContext) => string;
