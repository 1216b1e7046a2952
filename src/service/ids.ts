/** Ids that sort by creation time (cursor pagination orders by id), and API keys. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

let last = 0;
let seq = 0;
/** `<prefix>_<ms, 11 base-36 digits><counter><random>`: sortable by time within a process and across them. */
export function newId(prefix: string, now = Date.now()): string {
  if (now === last) seq++;
  else {
    last = now;
    seq = 0;
  }
  return `${prefix}_${now.toString(36).padStart(11, '0')}${seq.toString(36).padStart(3, '0')}${randomBytes(6).toString('hex')}`;
}

/** Hex sha256 of a text (as UTF-8) or of bytes: the same digest for a text and its UTF-8 bytes. */
export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** A new API key (shown once) and what is stored of it. 256 random bits: a plain hash is enough, no KDF. */
export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `ilk_${randomBytes(32).toString('base64url')}`;
  return { key, hash: sha256(key), prefix: key.slice(0, 8) };
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
