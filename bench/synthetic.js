// The bench's reproducible ~30 KB HTML template: samples/shipping-update.html with its body repeated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './common.js';

export function synthetic30k() {
  const base = readFileSync(path.join(root, 'samples/shipping-update.html'), 'utf8');
  const bodyStart = base.indexOf('<body');
  const bodyEnd = base.lastIndexOf('</body>');
  const body = base.slice(base.indexOf('>', bodyStart) + 1, bodyEnd);
  let big = base.slice(0, base.indexOf('>', bodyStart) + 1);
  while (Buffer.byteLength(big) < 30 * 1024) big += body;
  return big + base.slice(bodyEnd);
}
