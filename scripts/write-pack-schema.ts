/** Write rules/pack.schema.json and rules/lists/list.schema.json from src/config/pack-schema.ts (npx tsx scripts/write-pack-schema.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packSchema, listSchema } from '../src/config/pack-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'rules/pack.schema.json'), JSON.stringify(packSchema, null, 2) + '\n');
writeFileSync(path.join(root, 'rules/lists/list.schema.json'), JSON.stringify(listSchema, null, 2) + '\n');
console.log('wrote rules/pack.schema.json and rules/lists/list.schema.json');
