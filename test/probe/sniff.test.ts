import { describe, expect, it } from 'vitest';
import { looksLikeHtml, sniffImage } from '../../src/probe/sniff.js';
import { PNG_BYTES } from './server.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffImage', () => {
  it.each([
    ['png', PNG_BYTES],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['bmp', bytes('BM', Array(20).fill(0))],
    ['ico', bytes([0, 0, 1, 0, 1, 0, 16, 16])],
    ['avif', bytes([0, 0, 0, 0x20], 'ftypavif', [0, 0, 0, 0])],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0])],
    ['tiff', bytes('II*', [0])],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['svg', Buffer.from('\uFEFF  <?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg/>', 'utf8')],
  ])('recognises %s', (format, data) => {
    expect(sniffImage(data)).toBe(format);
  });

  it.each([
    ['html', bytes('<!doctype html><html></html>')],
    ['xml that is not svg', bytes('<?xml version="1.0"?><rss/>')],
    ['json', bytes('{"error":"not found"}')],
    ['an mp4', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 0, 0])],
    ['nothing', bytes()],
  ])('rejects %s', (_name, data) => {
    expect(sniffImage(data)).toBeUndefined();
  });
});

describe('looksLikeHtml', () => {
  it('spots HTML documents and fragments', () => {
    expect(looksLikeHtml(bytes('  <!DOCTYPE html>'))).toBe(true);
    expect(looksLikeHtml(bytes('<html lang="en">'))).toBe(true);
    expect(looksLikeHtml(bytes('<!-- cdn --><html>'))).toBe(true);
    expect(looksLikeHtml(bytes('<title>403</title>'))).toBe(true);
    expect(looksLikeHtml(PNG_BYTES)).toBe(false);
    expect(looksLikeHtml(bytes('<svg/>'))).toBe(false);
  });
});
