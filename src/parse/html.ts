/** DOM with source positions (startIndex/endIndex on every node), and cheerio over it. */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { parseDocument } from 'htmlparser2';
import type { Document } from 'domhandler';

export type { CheerioAPI };

/**
 * htmlparser2 rather than parse5: it keeps exact start/end indices, never restructures the tree
 * (parse5 would move a misplaced <table> child, and positions would lie) and tolerates email-era markup.
 */
function options(mjml: boolean) {
  return {
    xmlMode: false,
    withStartIndices: true,
    withEndIndices: true,
    recognizeSelfClosing: mjml,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    decodeEntities: true,
  };
}

/** The document tree alone: what most rules read (through the element index). */
export function parseDom(masked: string, mjml = false): Document {
  return parseDocument(masked, options(mjml));
}

/** cheerio over an already parsed document (the same nodes). */
export function wrapDom(document: Document, mjml = false): CheerioAPI {
  return cheerio.load(document, { xml: options(mjml) });
}

export function loadDom(masked: string, mjml = false): CheerioAPI {
  return wrapDom(parseDom(masked, mjml), mjml);
}
