// Part of `npm run build`, after tsc: compile the bundled packs into dist/packs.json (src/node/compile-packs.ts).
import { writeFileSync } from 'node:fs';
import { compilePacks } from '../dist/node/compile-packs.js';
import { COMPILED_PACKS } from '../dist/node/packs.js';

const packs = compilePacks();
writeFileSync(COMPILED_PACKS, JSON.stringify(packs));
console.log(`compiled ${Object.keys(packs.files).length} pack, list and model files into dist/packs.json`);
