/**
 * Formats that can be written one template at a time, as reviews finish, with output identical to the
 * whole-run formatter (test/batch.test.ts compares them): a long run then keeps no reports in memory.
 * SARIF (one document with every rule and result) is written at the end; so is `github`, which keeps only the
 * annotations it will show.
 */
import type { Report } from '../core/types.js';
import { AnnotationPicker } from './github.js';
import { jsonResult, jsonTool } from './json.js';
import { stylishStream } from './stylish.js';
import type { FormatContext } from './types.js';

export interface ReportStream {
  /** Text to write for one more template. */
  write(r: Report): string;
  /** Text that ends the output. */
  end(): string;
}

/** Indents every line of a JSON text but the first (JSON strings hold no raw newline). */
const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

function jsonStream(ctx: FormatContext): ReportStream {
  const head = `{\n  "tool": ${indent(JSON.stringify(jsonTool(ctx.version), null, 2), '  ')},\n  "results": [`;
  let n = 0;
  return {
    write: (r) => `${n++ === 0 ? `${head}\n` : ',\n'}    ${indent(JSON.stringify(jsonResult(r), null, 2), '    ')}`,
    end: () => (n === 0 ? `${head}]\n}\n` : '\n  ]\n}\n'),
  };
}

/** Annotations are picked across the run (the most important of every template): written at the end, from at most 10 kept per type. */
function githubStream(): ReportStream {
  const picker = new AnnotationPicker();
  return { write: (r) => (picker.add(r), ''), end: () => picker.end() };
}

export const streamingFormats: Record<string, (ctx: FormatContext) => ReportStream> = { json: jsonStream, stylish: stylishStream, github: githubStream };
