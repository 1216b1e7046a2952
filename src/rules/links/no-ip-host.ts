import { defineRule } from '../rule.js';
import { extractUrls } from '../../analysis/urls.js';
import { ipLiteral, judge, sampleNote } from '../../analysis/url-info.js';
import { refNoun, refSpan, shown } from '../lib/refs.js';

const RANGE_NOTE: Record<string, string> = {
  private: ' It is a private address: recipients outside your network cannot reach it.',
  loopback: ' It is a loopback address: it points at the recipient\'s own computer.',
  linkLocal: ' It is a link-local address: recipients cannot reach it.',
  uniqueLocal: ' It is a private (unique local) address: recipients cannot reach it.',
  unspecified: ' It is the unspecified address: nothing answers there.',
};

export default defineRule({
  meta: {
    id: 'links/no-ip-host',
    category: 'links',
    description: 'Links and images whose host is an IP address (including decimal, hex and octal IPv4 forms) instead of a domain name.',
    defaultSeverity: 'error',
    defaultOptions: {},
  },
  messages: {
    ip: (d) =>
      `${d.what} points at the IP address ${d.address}${d.written}${d.note}: ${d.url}. Legitimate senders use domain names; IP-address URLs are a phishing and malware signal (SpamAssassin NUMERIC_HTTP_ADDR, Microsoft Defender, Gmail) and they break when the server moves.${d.range} Use a domain name with an https certificate.`,
  },
  check(doc, ctx) {
    for (const ref of extractUrls(doc)) {
      for (const j of judge(ref, (info) => {
        const ip = ipLiteral(info.host);
        return ip ? { key: ip.address, ip, written: info.hostWritten } : undefined;
      })) {
        const { ip, written } = j.verdict;
        const asWritten = written && written.replace(/^\[|\]$/g, '') !== ip.address ? ` (written as ${written})` : '';
        ctx.report({
          messageId: 'ip',
          data: {
            what: refNoun(ref),
            address: ip.address,
            written: asWritten,
            note: sampleNote(j.samples),
            url: shown(j.value),
            range: RANGE_NOTE[ip.range] ?? '',
          },
          part: ref.part,
          span: refSpan(ref),
          evidence: ip.address,
        });
      }
    }
  },
});
