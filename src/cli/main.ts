/**
 * The inboxlint command line (ESLint conventions). Start-up is kept light: `--version` and `--help` load
 * nothing but this file, and the engine (rules, parsers) is imported only when there is something to review.
 */
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VERSION } from '../node/version.js';
import type { Report, Reviewer } from '../index.js';
import { ConfigError } from '../config/errors.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'checkstyle', 'github-annotations', 'github-summary'];

const HELP = `inboxlint ${VERSION} — review email templates before they are sent

Usage: inboxlint [options] [paths...]      review templates (files, folders or globs; default .)
       inboxlint --print-config <file>      show the resolved config for a template
       inboxlint schema <template> [--write] print the JSON Schema of the TemplateData it needs
       inboxlint lsp --stdio                 run the language server (docs/api.md#language-server)
       inboxlint serve [--port n] [--data dir]  run the review service (HTTP API + queue; see serve --help)
       inboxlint worker | keys create --tenant <name>   review worker process; a new API key

Options:
  -f, --format <name>        ${FORMATS.join(' | ')} (default stylish)
  -p, --profile <id>         profile to review with (core, isp/gmail, enterprise/strict, ...)
  -c, --config <file>        config file (default: inboxlint.config.{json,yaml} found from the cwd up)
      --no-config            ignore config files
      --max-warnings <n>     exit 1 when there are more than n warnings
  -q, --quiet                report errors only
  -o, --output-file <file>   write the report to a file instead of stdout (folders are created)
      --check-urls           check that images and links load (network; off by default)
      --allow-private-hosts  let --check-urls reach private and loopback addresses
      --base-url <url>       where the working directory is published: relative image and link URLs
                             resolve against it (sub/x.html against <url>/sub/), and --check-urls fetches them
      --fix                  apply the rules' fixes to the files (repeated until none applies, at most 10 passes)
      --fix-dry-run          compute the fixes without writing them (-f json shows each fixed file as output)
      --ignore-pattern <p>   do not review files matching p (gitignore syntax; repeatable), besides .inboxlintignore
      --no-ignore            review files even if .inboxlintignore or --ignore-pattern matches them
      --stdin                read the template from standard input
      --stdin-filename <f>   the path the stdin template is reviewed as (its extension and sidecars count)
      --cache                reuse the reports of unchanged templates (not with --check-urls or --fix)
      --cache-location <p>   cache file or folder (default .inboxlintcache)
      --no-error-on-unmatched-pattern  a path or glob that matches nothing is not an error
      --changed-since <ref>  review only the templates a change since the git ref can affect (the template, its
                             sidecars, partials, layouts or includes; committed, staged or not)
      --baseline <file>      drop the findings the baseline accepts: only new ones fail (see --write-baseline)
      --write-baseline       write today's findings to the baseline (--baseline, default .inboxlint-baseline.json)
      --print-config <file>  print the resolved config for <file> and exit
  -h, --help                 show this help
  -v, --version              show the version

Inline comments disable findings: <!-- inboxlint-disable-next-line rule -->, {{!-- inboxlint-disable rule --}}.

Exit codes: 0 nothing rejected, 1 a template was rejected, a finding has severity error, or too many warnings, 2 usage, config or internal error.`;

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Standard input, for --stdin (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Working directory (default process.cwd()). */
  dir?: string;
  /** Environment (NO_COLOR, FORCE_COLOR); default process.env. */
  env?: Record<string, string | undefined>;
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const cwd = io.dir ?? process.cwd();
  const env = io.env ?? process.env;
  if (argv[0] === 'schema') return (await import('./schema.js')).runSchema(argv.slice(1), io);
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
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'ignore-pattern': { type: 'string', multiple: true },
        'no-ignore': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        'no-error-on-unmatched-pattern': { type: 'boolean' },
        baseline: { type: 'string' },
        'changed-since': { type: 'string' },
        'write-baseline': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const o = args.values;
  const positionals: string[] = args.positionals;
  if (o.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (o.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = o.format ?? 'stylish';
  if (!FORMATS.includes(format)) return usage(io, `unknown format '${format}' (known: ${FORMATS.join(', ')})`);
  let maxWarnings = -1;
  if (o['max-warnings'] !== undefined) {
    maxWarnings = Number(o['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) return usage(io, `--max-warnings must be an integer, got '${o['max-warnings']}'`);
  }
  if (o.config && o['no-config']) return usage(io, '--config and --no-config cannot be combined');
  if (o.fix && o['fix-dry-run']) return usage(io, '--fix and --fix-dry-run cannot be combined');
  if (o['stdin-filename'] !== undefined && !o.stdin) return usage(io, '--stdin-filename needs --stdin');
  if (o.stdin && args.positionals.length) return usage(io, '--stdin reviews standard input: give no paths');
  if (o.stdin && o['changed-since'] !== undefined) return usage(io, '--changed-since reviews files from git: not with --stdin');

  if (o['base-url'] !== undefined && (!/^https?:\/\/[^/]/i.test(o['base-url']) || !URL.canParse(o['base-url']))) return usage(io, `--base-url must be an absolute http(s) URL, got '${o['base-url']}'`);

  // The library API (src/api): loading it loads every rule and parser, so only now that there is something to review.
  const { Reviewer, UsageError } = await import('../index.js');
  let reviewer: Reviewer;
  let lastShown = 0;
  try {
    reviewer = new Reviewer({
      cwd,
      ...(o.profile ? { profile: o.profile } : {}),
      ...(o['no-config'] ? { config: false } : o.config ? { config: o.config } : {}),
      ...(o['check-urls'] ? { checkUrls: true } : {}),
      ...(o['allow-private-hosts'] ? { allowPrivateHosts: true } : {}),
      ...(o['base-url'] !== undefined ? { baseUrl: o['base-url'] } : {}),
      ignore: !o['no-ignore'],
      ignorePatterns: o['ignore-pattern'] ?? [],
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
  try {
    return await run(reviewer);
  } finally {
    await reviewer.close();
  }

  async function run(reviewer: Reviewer): Promise<number> {
    if (o['print-config'] !== undefined) {
      try {
        io.stdout.write(JSON.stringify(await reviewer.configFor(o['print-config']), null, 2) + '\n');
        return 0;
      } catch (e) {
        return fatal(io, e);
      }
    }

    // Colour only on a terminal, never when NO_COLOR is set (no-color.org); FORCE_COLOR=1 forces it.
    const color = !o['output-file'] && !env.NO_COLOR && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : io.stdout.isTTY === true);
    /** Print (or write) a report of no templates; false when the output file cannot be written (reported). */
    const emitEmpty = async (): Promise<boolean> => {
      const text = reviewer.formatter(format, { color }).end();
      if (!o['output-file']) {
        io.stdout.write(text);
        return true;
      }
      try {
        const out = path.resolve(cwd, o['output-file']);
        await mkdir(path.dirname(out), { recursive: true });
        await writeFile(out, text);
        return true;
      } catch (e) {
        fatal(io, e);
        return false;
      }
    };
    /** Nothing to review: an empty report is still written (a SARIF upload step needs the file). */
    const nothing = async (message: string): Promise<number> => {
      if (!(await emitEmpty())) return 2;
      if (o['no-error-on-unmatched-pattern']) return 0;
      return usage(io, message);
    };
    const ignoredNote = (f: string) => io.stderr.write(`inboxlint: ${path.relative(cwd, f) || f} is ignored (.inboxlintignore or --ignore-pattern); use --no-ignore to review it\n`);

    let files: string[];
    const texts = new Map<string, string>();
    if (o.stdin) {
      const file = path.resolve(cwd, o['stdin-filename'] ?? 'stdin.html');
      if (reviewer.isPathIgnored(file)) {
        ignoredNote(file);
        return (await emitEmpty()) ? 0 : 2;
      }
      texts.set(file, await readAll(io.stdin ?? process.stdin));
      files = [file];
    } else {
      try {
        files = await reviewer.findFiles(positionals, { errorOnUnmatchedPattern: !o['no-error-on-unmatched-pattern'], onIgnored: ignoredNote, syncReads: true });
      } catch (e) {
        if (e instanceof UsageError) return nothing(e.message);
        return fatal(io, e);
      }
    }
    if (files.length === 0) return nothing(`no templates found in ${positionals.join(' ') || '.'}`);
    if (o['changed-since'] !== undefined) {
      const { changedFiles, affectedTemplates } = await import('./changed.js');
      try {
        files = await affectedTemplates(reviewer, files, await changedFiles(o['changed-since'], cwd));
      } catch (e) {
        return fatal(io, e);
      }
      if (files.length === 0) {
        io.stderr.write(`inboxlint: no template changed since ${o['changed-since']}\n`);
        return (await emitEmpty()) ? 0 : 2;
      }
    }

    const fix = o.fix ? ('write' as const) : o['fix-dry-run'] ? ('dry-run' as const) : undefined;
    // --cache: reports of unchanged templates (the reviewer does not use it with URL checks or fixes).
    let cache: import('./cache.js').ReviewCache | undefined;
    if (o.cache && !reviewer.checksUrls && !fix) {
      const { ReviewCache, cachePath } = await import('./cache.js');
      cache = await ReviewCache.open(await cachePath(cwd, o['cache-location']), VERSION);
    }

    // --baseline / --write-baseline (src/cli/baseline.ts).
    let baseline: import('./baseline.js').Baseline | undefined;
    if (o.baseline !== undefined || o['write-baseline']) {
      const { Baseline, DEFAULT_BASELINE } = await import('./baseline.js');
      const file = path.resolve(cwd, o.baseline ?? DEFAULT_BASELINE);
      try {
        baseline = o['write-baseline'] ? new Baseline(file, cwd) : await Baseline.load(file, cwd);
      } catch (e) {
        return fatal(io, e);
      }
    }

    const { writeRun } = await import('./run.js');
    const progress = io.stderr.isTTY && files.length > 20;
    let outcome: import('./run.js').RunOutcome;
    try {
      const out = o['output-file'] ? path.resolve(cwd, o['output-file']) : undefined;
      if (out) await mkdir(path.dirname(out), { recursive: true });
      // Large runs on worker threads, streamed as they finish (Reviewer.reviewEach).
      const reviews = reviewer.reviewEach(files, {
        ...(texts.size ? { texts } : {}),
        ...(fix ? { fix } : {}),
        ...(cache ? { cache } : {}),
        ...(progress ? { onProgress: (n: number, of: number) => void io.stderr.write(`\rinboxlint: reviewed ${n}/${of}`) } : {}),
      });
      outcome = await writeRun(reviews, {
        writer: reviewer.formatter(format, { color }),
        quiet: o.quiet === true,
        ...(baseline ? { transform: o['write-baseline'] ? (r: Report) => baseline.record(r) : (r: Report) => baseline.apply(r) } : {}),
        out: out ? { file: out } : { stream: io.stdout },
      });
    } catch (e) {
      return fatal(io, e);
    }
    if (progress) io.stderr.write('\n');
    if (reviewer.checksUrls) {
      await reviewer.close();
      const st = reviewer.urlStats();
      if (st && io.stderr.isTTY && st.unique >= 20) io.stderr.write(`\ninboxlint: ${st.unique} unique URLs, ${st.requestsSent} requests, ${st.cacheHits} from cache\n`);
    }
    if (cache) {
      try {
        await cache.save();
      } catch (e) {
        io.stderr.write(`inboxlint: cache not saved: ${(e as Error).message}\n`);
      }
    }
    if (baseline) {
      try {
        if (o['write-baseline']) io.stderr.write(`inboxlint: wrote ${await baseline.write()} findings to the baseline ${path.relative(cwd, baseline.file) || baseline.file}\n`);
        else if (baseline.suppressed) io.stderr.write(`inboxlint: ${baseline.suppressed} findings suppressed by the baseline ${path.relative(cwd, baseline.file) || baseline.file}\n`);
      } catch (e) {
        return fatal(io, e);
      }
    }
    if (outcome.reports === 0 && outcome.internal.length === 0) return nothing('no templates found (JSON files that are not AWS or Tencent templates are skipped)');
    for (const line of outcome.internal) io.stderr.write(`inboxlint: internal error: ${line}\n`);
    if (outcome.internal.length) return 2;
    // Writing a baseline accepts what it found.
    if (o['write-baseline']) return 0;
    if (outcome.rejected) return 1;
    if (maxWarnings >= 0 && outcome.warnings > maxWarnings) {
      io.stderr.write(`inboxlint: ${outcome.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  // Decoded as the loader decodes files: UTF-8, a byte order mark dropped.
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

function usage(io: { stderr: NodeJS.WritableStream }, message: string): number {
  io.stderr.write(`inboxlint: ${message}\nRun 'inboxlint --help' for usage.\n`);
  return 2;
}

function fatal(io: { stderr: NodeJS.WritableStream }, e: unknown): number {
  if (e instanceof ConfigError) io.stderr.write(`inboxlint: config error: ${(e as Error).message}\n`);
  else io.stderr.write(`inboxlint: ${(e as Error)?.message ?? String(e)}\n`);
  return 2;
}
