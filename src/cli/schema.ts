/**
 * `inboxlint schema <template> [--write]`: print the JSON Schema (draft 2020-12) of the TemplateData the
 * template needs, inferred from its variables (Postmark's SuggestedTemplateModel idea, as a real schema).
 */
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reviewer } from '../index.js';

const HELP = `Usage: inboxlint schema <template> [options]

Print the JSON Schema (draft 2020-12) of the TemplateData <template> needs: nested objects, #each as
arrays with their item properties, variables only used under #if/#unless optional, the others required.
Value types come from the <name>.data.json samples when they agree.

Options:
  -w, --write            save it as <name>.schema.json beside the template (instead of printing it)
  -c, --config <file>    config file (custom helpers, partials, provider)
      --no-config        ignore config files
      --provider <name>  generic | aws | tencent | sendgrid (default: meta, config, or the provider JSON)
  -h, --help             show this help

Exit codes: 0 printed or written, 1 the template cannot be parsed, 2 usage or config error.`;

/** As the main CLI's: `dir` is the working directory (default process.cwd()). */
type IO = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; dir?: string };

export async function runSchema(argv: string[], io: IO): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        write: { type: 'boolean', short: 'w' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        provider: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const o = args.values;
  if (o.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) return usage(io, args.positionals.length ? 'schema takes exactly one template' : 'schema needs a template file');
  if (o.provider !== undefined && !['generic', 'aws', 'tencent', 'sendgrid'].includes(o.provider)) return usage(io, `unknown provider '${o.provider}' (known: generic, aws, tencent, sendgrid)`);
  if (o.config && o['no-config']) return usage(io, '--config and --no-config cannot be combined');
  const cwd = io.dir ?? process.cwd();
  const file = path.resolve(cwd, args.positionals[0]!);

  const { Reviewer, ConfigError } = await import('../index.js');
  let reviewer: Reviewer;
  try {
    reviewer = new Reviewer({ cwd, ...(o['no-config'] ? { config: false } : o.config ? { config: o.config } : {}) });
  } catch (e) {
    io.stderr.write(`inboxlint: ${e instanceof ConfigError ? 'config error: ' : ''}${(e as Error).message}\n`);
    return 2;
  }
  const r = await reviewer.dataSchema(file, o.provider ? { provider: o.provider as 'generic' | 'aws' | 'tencent' | 'sendgrid' } : {});
  await reviewer.close();
  if (!r.ok) {
    if (r.reason === 'not-template') return usage(io, `${args.positionals[0]} is not a template (or cannot be read)`);
    if (r.reason === 'unreadable') {
      io.stderr.write(`inboxlint: ${r.message}\n`);
      return 2;
    }
    io.stderr.write(`inboxlint: cannot infer a schema: ${r.message} (run 'inboxlint ${args.positionals[0]}' for details)\n`);
    return 1;
  }
  const text = JSON.stringify(r.schema, null, 2) + '\n';
  for (const p of r.missingPartials) io.stderr.write(`inboxlint: warning: partial '${p}' is not defined; its variables are not in the schema\n`);
  if (o.write) {
    const out = r.file;
    try {
      await writeFile(out, text);
    } catch (e) {
      io.stderr.write(`inboxlint: cannot write ${out}: ${(e as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`inboxlint: wrote ${path.relative(cwd, out) || out}\n`);
    return 0;
  }
  io.stdout.write(text);
  return 0;
}

function usage(io: IO, message: string): number {
  io.stderr.write(`inboxlint schema: ${message}\nRun 'inboxlint schema --help' for usage.\n`);
  return 2;
}
