/**
 * What a host hands to the core: a template bundle as text, with nothing left to read.
 * Hosts (src/node for files, the service for API bodies) build these; the core never touches the disk.
 */
import type { Part, Span } from './types.js';

export interface PartSource {
  part: Part;
  /** The file that line/column numbers refer to. */
  path: string;
  /** The part's own text (decoded). */
  text: string;
  /**
   * When the part is embedded in another file (a JSON string in an AWS template or in meta.json):
   * that file's text, and a map from offsets in `text` to offsets in `fileText`.
   */
  fileText?: string;
  offsetMap?: Int32Array;
  /**
   * When the part is composed of several files (an MJML template with its includes put in place): which
   * stretch of `text` came from which file. Offsets outside every segment belong to `path`.
   */
  segments?: Segment[];
  /**
   * The part is decoded from an encoded value of `fileText` (Tencent's base64 TemplateContent.Html): its
   * offsets all map to that value, and findings name the decoded line and column in their message.
   */
  encoded?: string;
}

export interface Segment {
  /** The stretch of the composed text, [start, end). */
  start: number;
  end: number;
  path: string;
  fileText: string;
  /** Offset in fileText of `start`. */
  fileStart: number;
  /** Text no file holds (written around an include): every offset maps to fileStart. */
  fixed?: boolean;
}

export type LoadIssueKind = 'empty' | 'binary' | 'invalid-utf8' | 'too-large' | 'unreadable' | 'invalid-json' | 'invalid-provider-json';

export interface LoadIssue {
  kind: LoadIssueKind;
  part: Part;
  path: string;
  message: string;
  span?: Span;
  /** For problems in a file whose text we do not keep (too large, binary): the file's first bytes as text. */
  fileText?: string;
}

export type TemplateKind = 'html' | 'mjml' | 'text';
export type Origin = 'files' | 'aws' | 'tencent' | 'api';

export interface TemplateSource {
  /** Template name (file name without extension, or the provider's TemplateName). */
  name: string;
  /** Primary file, shown as the result's path. */
  path: string;
  kind: TemplateKind;
  origin: Origin;
  html?: PartSource;
  text?: PartSource;
  subject?: PartSource;
  meta?: PartSource;
  data?: PartSource;
  schema?: PartSource;
  /** Partials by name (from `<name>.partials/` or config). */
  partials?: Record<string, PartSource>;
  /**
   * Files an MJML template pulls in with `<mj-include>`, keyed by path relative to the template's folder
   * (posix, normalised: `shared/header.mjml`, `../common/footer.mjml`). Read by the host; the core composes
   * them into the HTML part and locates findings in them. An include without an entry is reported missing.
   */
  includes?: Record<string, PartSource>;
  /**
   * Includes (keys as in `includes`) whose folder the host did not find at all: the template was most likely
   * copied out of its project without its partials, so their content could not be reviewed (a folder that
   * is there without the file is a broken path, and stays `missing`).
   */
  unavailableIncludes?: string[];
  loadIssues?: LoadIssue[];
  /** The meta file the loader reads beside the template (read or not), for messages that ask to add to it. */
  metaPath?: string;
  /** For AWS templates: the JSON keys of the parts (v1 SubjectPart/HtmlPart/TextPart, v2 TemplateContent.Subject/Html/Text). */
  providerKeys?: { html: string; text: string; subject: string; prefix?: string };
}
