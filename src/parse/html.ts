/** cheerio DOM with source positions (startIndex/endIndex on every node). */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';

export type { CheerioAPI };

/**
 * htmlparser2 rather than parse5: it keeps exact start/end indices, never restructures the tree
 * (parse5 would move a misplaced <table> child, and positions would lie) and tolerates email-era markup.
 */
export function loadDom(masked: string, mjml = false): CheerioAPI {
  return cheerio.load(masked, {
    xml: {
      xmlMode: false,
      withStartIndices: true,
      withEndIndices: true,
      recognizeSelfClosing: mjml,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
      decodeEntities: true,
    },
  });
}
