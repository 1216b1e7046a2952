/** Reports → text in one of the CLI's formats (stylish, json, sarif, github, ...). */
import { formatters } from '../format/index.js';
import type { Report } from '../core/types.js';
import { VERSION } from '../node/engine.js';
import { builtinRules } from '../rules/index.js';
import { DOCS_BASE } from '../node/docs.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | (string & {});

/** The format names `formatReports` knows. */
export const FORMATS: readonly string[] = Object.keys(formatters);

/**
 * The text the CLI prints for these reports. `cwd`: the folder paths are relative to (SARIF's base URI);
 * `color`: ANSI colours in stylish. Throws RangeError for an unknown format.
 */
export function formatReports(reports: Report[], format: FormatName = 'stylish', options: { cwd?: string; color?: boolean } = {}): string {
  const formatter = formatters[format];
  if (!formatter) throw new RangeError(`unknown format '${format}' (known: ${FORMATS.join(', ')})`);
  const rules = builtinRules.map((r) => ({ id: r.meta.id, description: r.meta.description, defaultSeverity: r.meta.defaultSeverity }));
  return formatter(reports, { version: VERSION, color: options.color ?? false, cwd: options.cwd ?? process.cwd(), rules, docsBase: DOCS_BASE });
}
