/**
 * Checkstyle XML (as ESLint's checkstyle formatter writes it), read by Jenkins' warnings plugin, GitLab
 * code-quality converters and reviewdog: one <file> per file findings are located in.
 */
import type { Finding } from '../core/types.js';
import type { Formatter } from './types.js';
import { xml } from './xml.js';

export const checkstyle: Formatter = (reports) => {
  const byFile = new Map<string, Finding[]>();
  for (const r of reports) {
    if (!byFile.has(r.path)) byFile.set(r.path, []);
    for (const f of r.findings) {
      let list = byFile.get(f.path);
      if (!list) byFile.set(f.path, (list = []));
      list.push(f);
    }
  }
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const [file, findings] of byFile) {
    out.push(`  <file name="${xml(file)}">`);
    for (const f of findings) out.push(`    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xml(`${f.message} (${f.ruleId})`)}" source="${xml(`inboxlint.rules.${f.ruleId}`)}" />`);
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
};
