// HTTPS through the pinned lookup: the connection goes to 127.0.0.1 (the address the guard checked),
// while SNI, certificate verification and Host keep using the URL's host name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createProbePort } from '../../src/probe/port.js';
import { loopbackLookup, PNG_BYTES, startServer, type TestServer } from './server.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const cert = fixture('secure.example.test.cert.pem');
const key = fixture('secure.example.test.key.pem');

let https: Server;
let port: number;
let plain: TestServer;
const seen: { servername: string | false | null; host: string | undefined; path: string | undefined }[] = [];
const lookup = loopbackLookup('secure.example.test', 'plain.example.test');

beforeAll(async () => {
  plain = await startServer();
  https = createServer({ cert, key }, (req, res) => {
    seen.push({ servername: (req.socket as TLSSocket).servername, host: req.headers.host, path: req.url });
    if (req.url === '/to-http') {
      res.writeHead(301, { location: `http://plain.example.test:${plain.port}/good.png`, 'content-length': 0 });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG_BYTES.length });
    res.end(PNG_BYTES);
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  port = (https.address() as AddressInfo).port;
});
afterAll(async () => {
  https.closeAllConnections();
  await new Promise<void>((resolve) => https.close(() => resolve()));
  await plain.close();
});

describe('https', () => {
  it('connects to the pinned address with the right SNI and Host, and verifies the certificate', async () => {
    const probe = createProbePort({ allowPrivateHosts: true, lookup, extraCa: [cert] });
    const url = `https://secure.example.test:${port}/logo.png`;
    const results = await probe.probe([{ url, kind: 'image' }]);
    await probe.close();
    expect(results.get(url)).toMatchObject({ status: 'ok', format: 'png' });
    expect(seen.at(-1)).toEqual({ servername: 'secure.example.test', host: `secure.example.test:${port}`, path: '/logo.png' });
  });

  it('an untrusted certificate is broken network-error (TLS)', async () => {
    const probe = createProbePort({ allowPrivateHosts: true, lookup });
    const url = `https://secure.example.test:${port}/logo.png`;
    const results = await probe.probe([{ url, kind: 'image' }]);
    await probe.close();
    expect(results.get(url)).toMatchObject({ status: 'broken', code: 'network-error' });
    expect(results.get(url)?.reason).toMatch(/^TLS error/);
  });

  it('flags a redirect from https to http on another host', async () => {
    const probe = createProbePort({ allowPrivateHosts: true, lookup, extraCa: [cert] });
    const url = `https://secure.example.test:${port}/to-http`;
    const results = await probe.probe([{ url, kind: 'link' }]);
    await probe.close();
    expect(results.get(url)).toMatchObject({
      status: 'ok',
      redirectedToHttp: true,
      redirectedToOtherHost: true,
      redirects: [{ url, status: 301 }],
      finalUrl: `http://plain.example.test:${plain.port}/good.png`,
    });
    expect(plain.count('/good.png', 'HEAD')).toBe(1);
  });
});
