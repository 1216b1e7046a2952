/**
 * Postal addresses in normalised (lower-case) text: the street line ("11115 rushmore dr"), a PO box or
 * suite, a US state with its ZIP ("nc 28277"), a UK postcode, a Chinese address or 邮编. Used by
 * compliance/postal-address (is there one?) and by the risk model's features (its words are not evidence:
 * CAN-SPAM puts an address in every commercial mail, and which state or street a sender is in says nothing
 * about spam — only about which corpus a message came from).
 */
const STREET = /\b\d{1,6}[a-z]?\s+(?:[a-z0-9.'-]+\s+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|square|sq|parkway|pkwy|highway|hwy|terrace|plaza|strasse|straße|rue)\b/;
const OTHER = /\bp\.? ?o\.? box \d+|\bsuite \d+|\b[a-z]{2},? \d{5}(?:-\d{4})?\b|\b[a-z]{1,2}\d[a-z\d]? \d[a-z]{2}\b|(?:省|市|区|县).{0,30}?(?:路|街|道|巷|大厦|广场|园区)\s*\d*\s*号?|邮编\s*[:：]?\s*\d{6}/;

const ANY = new RegExp(`${STREET.source}|${OTHER.source}`, 'g');
/** Pieces of one address closer than this (the city between a street line and its state and ZIP) join. */
const JOIN = 40;

/** Whether the text holds something that reads as a postal address. */
export function hasPostalAddress(text: string): boolean {
  return STREET.test(text) || OTHER.test(text);
}

/**
 * Spans [start, end) of the postal addresses in `text`, pieces of one address (street, city, state and ZIP)
 * joined into one span. One pass of one regex with bounded repetition: linear in the text.
 */
export function postalSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  ANY.lastIndex = 0;
  for (let m = ANY.exec(text); m; m = ANY.exec(text)) {
    if (!m[0].length) {
      ANY.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    const last = out[out.length - 1];
    if (last && start - last[1] <= JOIN) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}
