/** Regenerates the README rule table and each rule page's kind line from rule metadata and the core pack. */
import { readFileSync, writeFileSync } from 'node:fs';
import { coreKinds, withKindLine, withRuleTable } from './rule-table.js';

const readme = readFileSync('README.md', 'utf8');
const next = withRuleTable(readme);
if (next !== readme) {
  writeFileSync('README.md', next);
  console.log('README.md: rule table updated');
} else console.log('README.md: rule table up to date');

let pages = 0;
for (const [id, kind] of coreKinds()) {
  const file = `docs/rules/${id}.md`;
  const text = readFileSync(file, 'utf8');
  const updated = withKindLine(text, kind);
  if (updated !== text) {
    writeFileSync(file, updated);
    pages++;
  }
}
console.log(`docs/rules: ${pages} page${pages === 1 ? '' : 's'} updated`);
