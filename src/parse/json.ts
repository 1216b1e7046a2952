/** JSON with locations (jsonc-parser): parse errors and values are located in the file text. */
import { parseTree, printParseErrorCode, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import type { Span } from '../core/types.js';
import type { PartSource } from '../core/source.js';
import { Memo } from '../core/memo.js';

export interface JsonDoc {
  text: string;
  value: unknown;
  tree?: Node;
  errors: { message: string; span: Span }[];
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected (in double quotes)',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** jsonc-parser recurses per nesting level: refuse documents nested deeper than this (no real TemplateData is). */
export const MAX_JSON_DEPTH = 512;

/** Offset of the first bracket nested deeper than `max` (outside strings), or -1. */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escape
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

export function parseJson(text: string): JsonDoc {
  // Valid JSON (nearly every file) takes the native parser (iterative, so any depth is safe), much faster than
  // building jsonc-parser's tree; the tree, which only locations need, is built when first asked for.
  // Anything JSON.parse refuses goes through jsonc-parser, which says where the error is. jsonc-parser and
  // our own walks recurse: a document nested deeper than MAX_JSON_DEPTH is refused either way.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return tooDeep(text) ?? parseWithTree(text);
  }
  const copy = nullPrototype(value, 0);
  return copy === TOO_DEEP ? tooDeep(text)! : new LazyTreeDoc(text, copy);
}

function tooDeep(text: string): JsonDoc | undefined {
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep < 0) return undefined;
  return { text, value: undefined, errors: [{ message: `nested more than ${MAX_JSON_DEPTH} levels deep (inboxlint stops here)`, span: { start: deep, end: deep + 1 } }] };
}

class LazyTreeDoc implements JsonDoc {
  readonly errors: JsonDoc['errors'] = [];
  private built = false;
  private node: Node | undefined;

  constructor(
    readonly text: string,
    readonly value: unknown,
  ) {}

  get tree(): Node | undefined {
    if (!this.built) {
      this.built = true;
      this.node = parseTree(this.text, [], { allowTrailingComma: false, disallowComments: true });
    }
    return this.node;
  }
}

/**
 * Objects without a prototype, as jsonc-parser's getNodeValue makes them: TemplateData keys such as
 * `constructor` or `toString` must not resolve to Object.prototype's members.
 */
const TOO_DEEP = Symbol('too deep');

function nullPrototype(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = nullPrototype(v[i], depth + 1);
      if (x === TOO_DEEP) return TOO_DEEP;
      v[i] = x;
    }
    return v;
  }
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    const x = nullPrototype((v as Record<string, unknown>)[k], depth + 1);
    if (x === TOO_DEEP) return TOO_DEEP;
    out[k] = x;
  }
  return out;
}

function parseWithTree(text: string): JsonDoc {
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    return { text, value: undefined, errors: [{ message: 'too deeply nested to parse', span: { start: 0, end: Math.min(1, text.length) } }] };
  }
  const out: JsonDoc = { text, value: tree ? getNodeValue(tree) : undefined, errors: [] };
  if (tree) out.tree = tree;
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    out.errors.push({ message: MESSAGES[code] ?? code, span: { start: e.offset, end: e.offset + Math.max(1, e.length) } });
  }
  if (!tree && out.errors.length === 0) out.errors.push({ message: 'empty JSON document', span: { start: 0, end: Math.min(1, text.length) } });
  return out;
}

export type JsonPath = (string | number)[];

/** Each object node's properties by key (the first property of a key, as jsonc-parser's lookup finds it). */
const propertiesByKey = new Memo<Node, Map<string, Node>>();

/**
 * The node at `path`, as jsonc-parser's `findNodeAtLocation` finds it, with each object's keys looked up in
 * a map built the first time the object is read: that function reads an object's properties in turn, and a
 * rule locating each of 100,000 keys of one TemplateData object took 170 s.
 */
export function nodeAt(tree: Node, path: JsonPath): Node | undefined {
  let node: Node | undefined = tree;
  for (const segment of path) {
    if (!node || !Array.isArray(node.children)) return undefined;
    if (typeof segment === 'string') {
      if (node.type !== 'object') return undefined;
      let byKey = propertiesByKey.get(node);
      if (!byKey) {
        byKey = new Map();
        for (const property of node.children) {
          const c = property.children;
          if (Array.isArray(c) && c.length === 2 && typeof c[0]!.value === 'string' && !byKey.has(c[0]!.value)) byKey.set(c[0]!.value, c[1]!);
        }
        propertiesByKey.set(node, byKey);
      }
      node = byKey.get(segment);
    } else {
      if (node.type !== 'array' || segment < 0 || segment >= node.children.length) return undefined;
      node = node.children[segment];
    }
  }
  return node;
}

/** Span of the value at a path (the whole value node), or of the nearest existing ancestor. */
export function spanAt(doc: JsonDoc, path: JsonPath): Span {
  if (!doc.tree) return { start: 0, end: Math.min(1, doc.text.length) };
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc.tree, path.slice(0, n));
    if (node) return { start: node.offset, end: node.offset + node.length };
  }
  return { start: 0, end: 1 };
}

/** Span of a property's key (for "unknown property" findings). */
export function keySpanAt(doc: JsonDoc, path: JsonPath): Span {
  if (doc.tree && path.length) {
    const node = nodeAt(doc.tree, path);
    const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    if (key) return { start: key.offset, end: key.offset + key.length };
  }
  return spanAt(doc, path);
}

/** A JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Convert a JSON pointer (/a/0/b) to a path. */
export function pointerToPath(pointer: string): JsonPath {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * A string value inside a JSON file as a part of its own, with an offset map back into the file,
 * so findings in an AWS HtmlPart or a meta.json subject point at the right line and column of that file.
 */
export function jsonStringPart(doc: JsonDoc, path: JsonPath, part: PartSource['part'], filePath: string): PartSource | undefined {
  if (!doc.tree) return undefined;
  const node = nodeAt(doc.tree, path);
  if (!node || node.type !== 'string') return undefined;
  const raw = doc.text.slice(node.offset + 1, node.offset + node.length - 1);
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const fileOffset = node.offset + 1 + i;
    if (raw[i] === '\\') {
      const c = raw[i + 1];
      if (c === 'u') {
        text += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0);
        map.push(fileOffset);
        i += 6;
      } else {
        text += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c ?? ''] ?? c ?? '';
        map.push(fileOffset);
        i += 2;
      }
    } else {
      text += raw[i];
      map.push(fileOffset);
      i++;
    }
  }
  map.push(node.offset + node.length - 1);
  return { part, path: filePath, text, fileText: doc.text, offsetMap: Int32Array.from(map) };
}
