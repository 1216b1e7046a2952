/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure Pipelines): one <testsuite> per template, one
 * failing <testcase> per finding (as ESLint's junit formatter), and a testcase for the template's decision
 * that fails when it is rejected.
 */
import type { Formatter } from './types.js';
import { xml } from './xml.js';

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

export const junit: Formatter = (reports) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  for (const r of reports) {
    const classname = xml(r.path.replace(/\.[^./\\]+$/, ''));
    const rejected = r.decision.verdict === 'rejected';
    out.push(`  <testsuite package="inboxlint" time="0" tests="${r.findings.length + 1}" failures="${r.findings.length + (rejected ? 1 : 0)}" errors="0" name="${xml(r.path)}">`);
    const decision = `    <testcase time="0" name="inboxlint.decision" classname="${classname}">`;
    if (rejected) out.push(decision, `      <failure message="${xml(r.decision.summary)}">${cdata(`${r.path}: ${r.decision.summary}`)}</failure>`, '    </testcase>');
    else out.push(`${decision}</testcase>`);
    for (const f of r.findings) {
      out.push(
        `    <testcase time="0" name="${xml(`inboxlint.${f.ruleId}`)}" classname="${classname}">`,
        `      <failure message="${xml(f.message)}">${cdata(xml(`${f.path} line ${f.line}, col ${f.column}, ${SEVERITY[f.severity]} - ${f.message} (${f.ruleId})`))}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};
