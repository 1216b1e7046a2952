/**
 * Recognises image formats and HTML from the first bytes of a response body.
 * The probe reads at most SNIFF_BYTES of an image before deciding.
 */
export const SNIFF_BYTES = 1024;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/** Text at the start of the body, lower-cased, without BOM and leading white space. */
function leadingText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SNIFF_BYTES)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
}

/** The image format the bytes start with ("png", "jpeg", ...), or undefined. */
export function sniffImage(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (AVIF_BRANDS.has(brand)) return 'avif';
    if (HEIF_BRANDS.has(brand)) return 'heic';
  }
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 14) return 'bmp';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) || startsWith(bytes, [0x00, 0x00, 0x02, 0x00])) return 'ico';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  const text = leadingText(bytes);
  if ((text.startsWith('<svg') || text.startsWith('<?xml') || text.startsWith('<!--') || text.startsWith('<!doctype svg')) && text.includes('<svg')) {
    return 'svg';
  }
  return undefined;
}

/** The bytes look like an HTML document (an error page or a login wall at an image URL). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const text = leadingText(bytes);
  return /^(<!doctype html|<html|<head|<body|<!--[\s\S]*?-->\s*<(!doctype html|html))/.test(text) || /^<(title|meta|script|div|p)[\s>]/.test(text);
}
