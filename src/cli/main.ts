/** The inboxlint command line (ESLint conventions). */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { formatters } from '../format/index.js';
import { ConfigError } from '../config/errors.js';
import { Engine, VERSION } from '../node/engine.js';
import { discover, UsageError } from '../node/discover.js';
import { loadBundle } from '../node/bundle.js';
import { runBatch, type RunOutcome } from '../node/batch.js';
import { streamingFormats } from '../format/stream.js';
import { createProbePort, type ProbeRunner } from '../probe/port.js';
import { runSchema } from './schema.js';

const HELP = `inboxlint ${VERSION} — review email templates before they are sent

Usage: inboxlint [options] [paths...]      review templates (files, folders or globs; default .)
       inboxlint --print-config <file>      show the resolved config for a template
       inboxlint schema <template> [--write] print the JSON Schema of the TemplateData it needs
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

  const settings: Record<string, unknown> = {};
  if (o['check-urls']) settings.checkUrls = true;
  if (o['allow-private-hosts']) settings.allowPrivateHosts = true;
  if (o['base-url'] !== undefined) {
    if (!/^https?:\/\/[^/]/i.test(o['base-url']) || !URL.canParse(o['base-url'])) return usage(io, `--base-url must be an absolute http(s) URL, got '${o['base-url']}'`);
    settings.baseUrl = o['base-url'];
  }

  let engine: Engine;
  const engineOptions = { ...(o.profile ? { profile: o.profile } : {}), ...(o['no-config'] ? { configPath: null } : o.config ? { configPath: o.config } : {}), settings, cwd };
  try {
    engine = new Engine(engineOptions);
  } catch (e) {
    return fatal(io, e);
  }

  if (o['print-config'] !== undefined) {
    try {
      const src = await loadBundle(path.resolve(cwd, o['print-config']), { cwd });
      const c = engine.config(engine.profileFor(src));
      const out = {
        profile: c.profile,
        layers: c.layers.map((l) => path.relative(cwd, l) || l),
        thresholds: c.thresholds,
        model: c.model?.version ?? 'none',
        settings: c.settings,
        rules: Object.fromEntries([...c.rules].map(([id, r]) => [id, { severity: r.severity, ...(r.kind ? { kind: r.kind } : {}), options: r.options, ...(r.source ? { source: r.source } : {}) }])),
        lists: Object.fromEntries(Object.entries(c.lists).map(([k, v]) => [k, `${v.length} entries`])),
      };
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return 0;
    } catch (e) {
      return fatal(io, e);
    }
  }

  let files: string[];
  try {
    const textTemplates = engine.config(o.profile).settings.textTemplates;
    files = await discover(args.positionals.length ? args.positionals : ['.'], cwd, {
      // settings.textTemplates globs are relative to the config file that sets them.
      ...(Array.isArray(textTemplates) ? { textTemplates: textTemplates as string[], textTemplatesBase: engine.userConfig ? path.dirname(engine.userConfig.path) : cwd } : {}),
    });
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message);
    return fatal(io, e);
  }
  if (files.length === 0) return usage(io, `no templates found in ${args.positionals.join(' ') || '.'}`);

  // Network checks only when asked (--check-urls or settings.checkUrls); one port for the whole run, so
  // every unique URL is fetched once however many templates share it.
  let probe: ProbeRunner | undefined;
  const base = engine.config(o.profile).settings;
  if (base.checkUrls === true) {
    let lastShown = 0;
    probe = createProbePort({
      allowPrivateHosts: base.allowPrivateHosts === true,
      cacheFile: path.join(cwd, '.inboxlint-cache', 'urls.json'),
      onProgress: (doneUrls, total) => {
        if (total < 20 || !io.stderr.isTTY) return;
        const now = Date.now();
        if (now - lastShown < 200 && doneUrls < total) return;
        lastShown = now;
        io.stderr.write(`\rinboxlint: checked ${doneUrls}/${total} URLs`);
      },
    });
    engine.useProbe(probe);
  }

  // Colour only on a terminal, never when NO_COLOR is set (no-color.org); FORCE_COLOR=1 forces it.
  const color = !o['output-file'] && !env.NO_COLOR && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : io.stdout.isTTY === true);
  const rules = engine.rules.map((r) => ({ id: r.meta.id, description: r.meta.description, defaultSeverity: r.meta.defaultSeverity }));
  const progress = io.stderr.isTTY && files.length > 20;
  let outcome: RunOutcome;
  try {
    // Large batches on worker threads (not with probes: one port sees every URL), streamed as they finish.
    outcome = await runBatch(files, { cwd, engine, ...(probe ? {} : { engineOptions }), formatter, stream: streamingFormats[format], ctx: { version: VERSION, color, cwd, rules }, quiet: o.quiet === true, out: o['output-file'] ? { file: path.resolve(cwd, o['output-file']) } : { stream: io.stdout }, ...(progress ? { onProgress: (n: number, of: number) => void io.stderr.write(`\rinboxlint: reviewed ${n}/${of}`) } : {}) });
  } catch (e) {
    return fatal(io, e);
  }
  if (progress) io.stderr.write('\n');
  if (probe) {
    await probe.close();
    const st = probe.stats();
    if (io.stderr.isTTY && st.unique >= 20) io.stderr.write(`\ninboxlint: ${st.unique} unique URLs, ${st.requestsSent} requests, ${st.cacheHits} from cache\n`);
  }
  if (outcome.reports === 0 && outcome.internal.length === 0) return usage(io, 'no templates found (JSON files that are not AWS or Tencent templates are skipped)');
  for (const line of outcome.internal) io.stderr.write(`inboxlint: internal error: ${line}\n`);
  if (outcome.internal.length) return 2;
  if (outcome.rejected) return 1;
  if (maxWarnings >= 0 && outcome.warnings > maxWarnings) {
    io.stderr.write(`inboxlint: ${outcome.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
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
