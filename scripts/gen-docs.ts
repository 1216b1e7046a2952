/** Regenerates the README rule table from rule metadata (rules/pack.schema.json: npm run schema). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withRuleTable } from './rule-table.js';

const readme = readFileSync('README.md', 'utf8');
const next = withRuleTable(readme);
if (next !== readme) {
  writeFileSync('README.md', next);
  console.log('README.md: rule table updated');
} else console.log('README.md: rule table up to date');
