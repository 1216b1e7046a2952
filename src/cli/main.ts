/** The inboxlint command line (ESLint conventions). */
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatters } from '../format/index.js';
import { ConfigError } from '../config/errors.js';
import { Reviewer, UsageError, VERSION, type Report, type FilesResult } from '../index.js';
import { runSchema } from './schema.js';

const HELP = `inboxlint ${VERSION} — review email templates before they are sent

Usage: inboxlint [options] [paths...]      review templates (files, folders or globs; default .)
       inboxlint --print-config <file>      show the resolved config for a template
       inboxlint schema <template> [--write] print the JSON Schema of the TemplateData it needs
       inboxlint lsp --stdio                 run the language server (docs/api.md#language-server)
       inboxlint serve [--port n] [--data dir]  run the review service (HTTP API + queue; see serve --help)
       inboxlint worker | keys create --tenant <name>   review worker process; a new API key

Options:
  -f, --format <name>        stylish (default) | json | sarif | github
  -p, --profile <id>         profile to review with (core, isp/gmail, enterprise/strict, ...)
  -c, --config <file>        config file (default: inboxlint.config.{json,yaml} found from the cwd up)
      --no-config            ignore config files
      --max-warnings <n>     exit 1 when there are more than n warnings
  -q, --quiet                report errors only
  -o, --output-file <file>   write the report to a file instead of stdout
      --check-urls           check that images and links load (network; off by default)
      --allow-private-hosts  let --check-urls reach private and loopback addresses
      --base-url <url>       where the working directory is published: relative image and link URLs
                             resolve against it (sub/x.html against <url>/sub/), and --check-urls fetches them
      --print-config <file>  print the resolved config for <file> and exit
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 nothing rejected, 1 a template was rejected, a finding has severity error, or too many warnings, 2 usage, config or internal error.`;

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Working directory (default process.cwd()). */
  dir?: string;
  /** Environment (NO_COLOR, FORCE_COLOR); default process.env. */
  env?: Record<string, string | undefined>;
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const cwd = io.dir ?? process.cwd();
  const env = io.env ?? process.env;
  if (argv[0] === 'schema') return runSchema(argv.slice(1), io);
  if (argv[0] === 'lsp') return argv.slice(1).every((a) => a === '--stdio') ? (await import('../lsp/server.js')).runLsp(argv.slice(1)) : usage(io, 'lsp: only --stdio is supported');
  if (argv[0] === 'serve' || argv[0] === 'worker' || argv[0] === 'keys') return (await import('./service.js')).runService(argv[0], argv.slice(1), io);
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        profile: { type: 'string', short: 'p' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'output-file': { type: 'string', short: 'o' },
        'check-urls': { type: 'boolean' },
        'allow-private-hosts': { type: 'boolean' },
        'base-url': { type: 'string' },
        'print-config': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
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
  if (o.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = o.format ?? 'stylish';
  const formatter = formatters[format];
  if (!formatter) return usage(io, `unknown format '${format}' (known: ${Object.keys(formatters).join(', ')})`);
  let maxWarnings = -1;
  if (o['max-warnings'] !== undefined) {
    maxWarnings = Number(o['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) return usage(io, `--max-warnings must be an integer, got '${o['max-warnings']}'`);
  }
  if (o.config && o['no-config']) return usage(io, '--config and --no-config cannot be combined');

  if (o['base-url'] !== undefined && (!/^https?:\/\/[^/]/i.test(o['base-url']) || !URL.canParse(o['base-url']))) return usage(io, `--base-url must be an absolute http(s) URL, got '${o['base-url']}'`);

  let reviewer: Reviewer;
  let lastShown = 0;
  try {
    reviewer = new Reviewer({
      cwd,
      ...(o.profile ? { profile: o.profile } : {}),
      ...(o['no-config'] ? { config: false as const } : o.config ? { config: o.config } : {}),
      ...(o['check-urls'] ? { checkUrls: true } : {}),
      ...(o['allow-private-hosts'] ? { allowPrivateHosts: true } : {}),
      ...(o['base-url'] !== undefined ? { baseUrl: o['base-url'] } : {}),
      onUrlProgress: (doneUrls, total) => {
        if (total < 20 || !io.stderr.isTTY) return;
        const now = Date.now();
        if (now - lastShown < 200 && doneUrls < total) return;
        lastShown = now;
        io.stderr.write(`\rinboxlint: checked ${doneUrls}/${total} URLs`);
      },
    });
  } catch (e) {
    return fatal(io, e);
  }

  if (o['print-config'] !== undefined) {
    try {
      io.stdout.write(JSON.stringify(await reviewer.configFor(o['print-config']), null, 2) + '\n');
      return 0;
    } catch (e) {
      return fatal(io, e);
    }
  }

  let run: FilesResult;
  try {
    run = await reviewer.reviewFiles(args.positionals, {
      onProgress: (done, total) => {
        if (io.stderr.isTTY && total > 20) io.stderr.write(`\rinboxlint: reviewed ${done}/${total}${done === total ? '\n' : ''}`);
      },
    });
  } catch (e) {
    await reviewer.close();
    if (e instanceof UsageError) return usage(io, e.message);
    return fatal(io, e);
  }
  await reviewer.close();
  if (run.files.length === 0) return usage(io, `no templates found in ${args.positionals.join(' ') || '.'}`);
  const st = reviewer.urlStats();
  if (st && io.stderr.isTTY && st.unique >= 20) io.stderr.write(`\ninboxlint: ${st.unique} unique URLs, ${st.requestsSent} requests, ${st.cacheHits} from cache\n`);
  const internal = run.failures.map((f) => (f.ruleId ? `${f.path}: rule ${f.ruleId} failed: ${f.message}` : `${f.path}: ${f.message}`));
  const reports: Report[] = run.reports.map((r) => (o.quiet ? { ...r, findings: r.findings.filter((x) => x.severity === 'error') } : r));
  if (reports.length === 0 && internal.length === 0) return usage(io, 'no templates found (JSON files that are not AWS or Tencent templates are skipped)');

  // Colour only on a terminal, never when NO_COLOR is set (no-color.org); FORCE_COLOR=1 forces it.
  const color = !o['output-file'] && !env.NO_COLOR && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : io.stdout.isTTY === true);
  const rules = reviewer.rules();
  const text = formatter(reports, { version: VERSION, color, cwd, rules });
  if (o['output-file']) {
    try {
      await writeFile(path.resolve(cwd, o['output-file']), text);
    } catch (e) {
      return fatal(io, e);
    }
  } else io.stdout.write(text);

  for (const line of internal) io.stderr.write(`inboxlint: internal error: ${line}\n`);
  if (internal.length) return 2;
  // As in ESLint, a finding of severity error fails the run even where its kind does not reject (a config
  // that raises an advice rule to error asks for that).
  const rejected = reports.some((r) => r.decision.verdict === 'rejected' || r.findings.some((f) => f.severity === 'error'));
  const warnings = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (rejected) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr.write(`inboxlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function usage(io: { stderr: NodeJS.WritableStream }, message: string): number {
  io.stderr.write(`inboxlint: ${message}\nRun 'inboxlint --help' for usage.\n`);
  return 2;
}

function fatal(io: { stderr: NodeJS.WritableStream }, e: unknown): number {
  if (e instanceof ConfigError) io.stderr.write(`inboxlint: config error: ${e.message}\n`);
  else io.stderr.write(`inboxlint: ${(e as Error)?.message ?? String(e)}\n`);
  return 2;
}
