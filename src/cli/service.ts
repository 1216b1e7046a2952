/** `inboxlint serve`, `inboxlint worker` and `inboxlint keys create`: the review service's commands. */
import { parseArgs } from 'node:util';
import type { CliIO } from './main.js';

const HELP = `Usage: inboxlint serve [--port <n>] [--data <dir>] [--database-url postgres://…]
       inboxlint worker [--data <dir>] [--database-url postgres://…]
       inboxlint keys create --tenant <name> [--data <dir>] [--database-url postgres://…]

  --port <n>              HTTP port (default $PORT or 8080)
  --host <addr>           address to listen on (default 127.0.0.1)
  --data <dir>            SQLite database folder (default ./data)
  --database-url <url>    PostgreSQL store + pg-boss queue instead of SQLite (or $DATABASE_URL)
  --threads <n>           review threads (default: the cores; serve --threads 0 takes no reviews)
  --check-urls            probe images and links (through the SSRF guard)
  --allow-private-hosts   let URL checks and webhooks reach private and loopback addresses
  --rate-limit <n>        requests per second per API key (default 50; burst twice that)
  --schema <name>         PostgreSQL schema (default inboxlint; pg-boss uses <name>_boss)
  --stale-seconds <n>     a review running this long is taken by another worker (default 60)
  --webhook-timeout <s>   per-delivery HTTP timeout in seconds (default 10)`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  schema: { type: 'string' },
  threads: { type: 'string' },
  tenant: { type: 'string' },
  'check-urls': { type: 'boolean' },
  'allow-private-hosts': { type: 'boolean' },
  'rate-limit': { type: 'string' },
  'stale-seconds': { type: 'string' },
  'webhook-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function fail(io: CliIO, message: string): number {
  io.stderr.write(`inboxlint: ${message}\n${HELP}\n`);
  return 2;
}

export async function runService(command: 'serve' | 'worker' | 'keys', argv: string[], io: CliIO): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options, allowPositionals: command === 'keys' });
  } catch (e) {
    return fail(io, (e as Error).message);
  }
  const o = args.values;
  if (o.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  const env = io.env ?? process.env;
  const databaseUrl = o['database-url'] ?? env.DATABASE_URL;
  const base = {
    ...(databaseUrl ? { databaseUrl } : { data: o.data ?? 'data' }),
    ...(o.schema ? { schema: o.schema } : {}),
    ...(o['check-urls'] ? { checkUrls: true } : {}),
    ...(o['allow-private-hosts'] ? { allowPrivateHosts: true } : {}),
  };
  const int = (v: string | undefined, name: string, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got '${v}'`);
    return n;
  };
  const { createKey, openBackend, startServer, startWorker } = await import('../service/server.js');

  if (command === 'keys') {
    if (args.positionals[0] !== 'create') return fail(io, `unknown keys command '${args.positionals[0] ?? ''}'`);
    if (!o.tenant) return fail(io, 'keys create needs --tenant <name>');
    const backend = await openBackend(base, false);
    try {
      const k = await createKey(backend.store, o.tenant);
      io.stdout.write(`${k.key}\n`);
      io.stderr.write(`inboxlint: a new API key for tenant '${o.tenant}' (${k.keyId}); it is shown only this once.\n`);
    } finally {
      await backend.close();
    }
    return 0;
  }

  let threads: number | undefined, port: number | undefined, rate: number | undefined, stale: number | undefined, hookTimeout: number | undefined;
  try {
    threads = int(o.threads, '--threads', command === 'serve' ? 0 : 1);
    port = int(o.port ?? env.PORT, '--port', 0);
    rate = int(o['rate-limit'], '--rate-limit', 1);
    stale = int(o['stale-seconds'], '--stale-seconds', 1);
    hookTimeout = int(o['webhook-timeout'], '--webhook-timeout', 1);
  } catch (e) {
    return fail(io, (e as Error).message);
  }
  const opts = {
    ...base,
    ...(threads !== undefined ? { threads } : {}),
    ...(rate ? { rateLimit: { perSecond: rate, burst: rate * 2 } } : {}),
    ...(stale ? { staleSeconds: stale } : {}),
    ...(hookTimeout ? { webhooks: { timeoutMs: hookTimeout * 1000 } } : {}),
  };
  const running =
    command === 'serve'
      ? await startServer({ ...opts, port: port ?? 8080, ...(o.host ? { host: o.host } : {}) })
      : await startWorker(opts);
  if ('url' in running) io.stderr.write(`inboxlint: serving on ${running.url} (${databaseUrl ? 'PostgreSQL' : `SQLite in ${o.data ?? 'data'}`})\n`);
  else io.stderr.write(`inboxlint: worker started (${databaseUrl ? 'PostgreSQL' : `SQLite in ${o.data ?? 'data'}`})\n`);
  // Graceful stop: no new work, running reviews finished (or handed back), then exit.
  // The process lives until a signal: an SQLite worker holds no socket, and its queue's poll timer does not
  // keep the event loop alive, so without this it exited as soon as the queue was empty.
  const alive = setInterval(() => undefined, 2 ** 30);
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      clearInterval(alive);
      io.stderr.write(`inboxlint: ${sig}: stopping\n`);
      running.close().then(resolve, (e) => {
        io.stderr.write(`inboxlint: ${(e as Error).message}\n`);
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
