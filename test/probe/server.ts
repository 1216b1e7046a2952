/** A loopback HTTP server for probe tests: fixed routes, and a count of every request it receives. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupFn } from '../../src/probe/ssrf.js';

/** A real 1×1 PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const HTML_BYTES = Buffer.from('<!DOCTYPE html>\n<html><head><title>Not found</title></head><body>Oops</body></html>\n');

export interface TestServer {
  port: number;
  origin: string;
  /** Requests by "METHOD /path". */
  hits: Map<string, number>;
  /** Host headers seen, by path. */
  hosts: Map<string, string>;
  userAgents: string[];
  /** Highest number of /hold/* requests in flight at once, in all and per Host header. */
  maxInflight: number;
  maxInflightByHost: Map<string, number>;
  total(): number;
  count(path: string, method?: string): number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

function send(res: ServerResponse, status: number, type: string | undefined, body: Buffer | string = ''): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  const headers: Record<string, string | number> = { 'content-length': buf.length };
  if (type) headers['content-type'] = type;
  res.writeHead(status, headers);
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

const routes: Record<string, Handler> = {
  '/good.png': (_req, res) => send(res, 200, 'image/png', PNG_BYTES),
  '/page': (_req, res) => send(res, 200, 'text/html; charset=utf-8', HTML_BYTES),
  '/404': (_req, res) => send(res, 404, 'text/html', HTML_BYTES),
  '/410': (_req, res) => send(res, 410, 'text/html', HTML_BYTES),
  '/403': (_req, res) => send(res, 403, 'text/html', HTML_BYTES),
  '/429': (_req, res) => send(res, 429, 'text/plain', 'slow down'),
  '/503': (_req, res) => send(res, 503, 'text/plain', 'unavailable'),
  '/x.png': (_req, res) => send(res, 200, 'text/html; charset=utf-8', HTML_BYTES),
  '/fake.png': (_req, res) => send(res, 200, 'image/png', HTML_BYTES),
  '/empty.png': (_req, res) => send(res, 200, 'image/png', Buffer.alloc(0)),
  '/octet.png': (_req, res) => send(res, 200, 'application/octet-stream', PNG_BYTES),
  '/large.png': (_req, res) => {
    // Declares 2 MiB; the probe must read only the first bytes and hang up.
    const size = 2 * 1024 * 1024;
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': size });
    if (res.req.method === 'HEAD') return void res.end();
    res.write(PNG_BYTES);
    const zeros = Buffer.alloc(64 * 1024);
    let sent = PNG_BYTES.length;
    const pump = (): void => {
      while (sent < size) {
        const n = Math.min(zeros.length, size - sent);
        sent += n;
        if (!res.write(zeros.subarray(0, n))) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  },
  '/chunked.png': (_req, res) => {
    // No Content-Length: 40 KB in chunks, so the probe has to measure.
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(PNG_BYTES);
    for (let i = 0; i < 10; i++) res.write(Buffer.alloc(4096));
    res.end();
  },
  '/head405': (req, res) => (req.method === 'HEAD' ? send(res, 405, 'text/plain') : send(res, 200, 'text/html', HTML_BYTES)),
  '/slow': (_req, res) => {
    const timer = setTimeout(() => send(res, 200, 'image/png', PNG_BYTES), 3_000);
    res.on('close', () => clearTimeout(timer));
  },
  '/to-other-host': (_req, res, server) => {
    res.writeHead(302, { location: `http://cdn.example.test:${server.port}/good.png`, 'content-length': 0 });
    res.end();
  },
  '/to-ftp': (_req, res) => {
    res.writeHead(302, { location: 'ftp://example.com/a.png', 'content-length': 0 });
    res.end();
  },
};

const inflight = new Map<string, number>();

function route(req: IncomingMessage, res: ServerResponse, server: TestServer): void {
  const path = (req.url ?? '/').split('?')[0]!;
  // /r/N redirects N times, then serves the PNG.
  const chain = /^\/r\/(\d+)$/.exec(path);
  if (chain) {
    const n = Number(chain[1]);
    res.writeHead(302, { location: n > 1 ? `/r/${n - 1}` : '/good.png', 'content-length': 0 });
    return void res.end();
  }
  // /hold/N.png: answers after 40 ms, to observe concurrency.
  if (/^\/hold\/\d+\.png$/.test(path)) {
    const host = req.headers.host ?? '';
    inflight.set(host, (inflight.get(host) ?? 0) + 1);
    const total = [...inflight.values()].reduce((a, b) => a + b, 0);
    server.maxInflight = Math.max(server.maxInflight, total);
    server.maxInflightByHost.set(host, Math.max(server.maxInflightByHost.get(host) ?? 0, inflight.get(host)!));
    const timer = setTimeout(() => send(res, 200, 'image/png', PNG_BYTES), 40);
    res.on('close', () => {
      clearTimeout(timer);
      inflight.set(host, inflight.get(host)! - 1);
    });
    return;
  }
  // /img/N.png: one of many distinct images.
  if (/^\/img\/\d+\.png$/.test(path)) return send(res, 200, 'image/png', PNG_BYTES);
  const handler = routes[path];
  if (handler) return handler(req, res, server);
  send(res, 404, 'text/plain', 'no such route');
}

export async function startServer(): Promise<TestServer> {
  const hits = new Map<string, number>();
  const hosts = new Map<string, string>();
  const userAgents: string[] = [];
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const key = `${req.method} ${path}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    hosts.set(path, req.headers.host ?? '');
    userAgents.push(req.headers['user-agent'] ?? '');
    res.on('error', () => undefined);
    route(req, res, server);
  });
  const server: TestServer = {
    port: 0,
    origin: '',
    hits,
    hosts,
    userAgents,
    maxInflight: 0,
    maxInflightByHost: new Map(),
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    count: (path, method) =>
      [...hits.entries()].filter(([k]) => (method ? k === `${method} ${path}` : k.endsWith(` ${path}`))).reduce((a, [, n]) => a + n, 0),
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  http.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.port = (http.address() as AddressInfo).port;
  server.origin = `http://127.0.0.1:${server.port}`;
  return server;
}

/** Resolves the given names to 127.0.0.1 (the only place tests may connect) and fails the rest. */
export function loopbackLookup(...names: string[]): LookupFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (hostname: string) => {
    calls.push(hostname);
    if (names.includes(hostname)) return [{ address: '127.0.0.1', family: 4 }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };
  return Object.assign(fn, { calls });
}
