import { loadBundle } from '../dist/node/bundle.js';
import { Engine } from '../dist/node/engine.js';
const engine = new Engine({ configPath: null });
const src = await loadBundle(process.argv[2]);
for (let i = 0; i < 60; i++) await engine.review(src);
