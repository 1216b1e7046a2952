/**
 * Write rules/pack.schema.json and rules/lists/list.schema.json from src/config/pack-schema.ts, and the
 * standalone validators (scripts/lib/validators.ts: the pack schemas' and the meta file schema's) (npm run schema).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packSchema, listSchema } from '../src/config/pack-schema.js';
import { generatedValidators } from './lib/validators.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'rules/pack.schema.json'), JSON.stringify(packSchema, null, 2) + '\n');
writeFileSync(path.join(root, 'rules/lists/list.schema.json'), JSON.stringify(listSchema, null, 2) + '\n');
for (const [file, text] of Object.entries(generatedValidators())) writeFileSync(path.join(root, file), text);
console.log(`wrote rules/pack.schema.json, rules/lists/list.schema.json, ${Object.keys(generatedValidators()).join(', ')}`);
