/**
 * Write rules/pack.schema.json and rules/lists/list.schema.json from src/config/pack-schema.ts, and the
 * standalone validators of those schemas, src/config/validators.generated.ts (npm run schema).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packSchema, listSchema } from '../src/config/pack-schema.js';
import { validatorsSource } from './lib/validators.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'rules/pack.schema.json'), JSON.stringify(packSchema, null, 2) + '\n');
writeFileSync(path.join(root, 'rules/lists/list.schema.json'), JSON.stringify(listSchema, null, 2) + '\n');
writeFileSync(path.join(root, 'src/config/validators.generated.ts'), validatorsSource());
console.log('wrote rules/pack.schema.json, rules/lists/list.schema.json and src/config/validators.generated.ts');
