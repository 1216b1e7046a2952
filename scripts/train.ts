/**
 * `npm run train [-- --training <dir>] [--templates <dir>] [--check] [--reuse-features]`
 *
 * Fits the risk model from open data only and writes rules/model/risk-model.json. Reproducible: no
 * randomness, so training twice writes the same file byte for byte (`--check` compares instead of writing,
 * and exits 1 when the committed model is not what the data gives).
 * Data: the SpamAssassin public corpus groups easy-ham-1 and spam-1 (fetched on demand), ../shared/training
 * (Enron ham, Nazario phishing) and the real public templates in ../shared/corpus/templates.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { featureRows, toModel, train } from './lib/pipeline.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: o } = parseArgs({
  options: {
    training: { type: 'string', default: path.resolve(ROOT, '../shared/training') },
    templates: { type: 'string', default: path.resolve(ROOT, '../shared/corpus/templates') },
    out: { type: 'string', default: path.join(ROOT, 'rules/model/risk-model.json') },
    check: { type: 'boolean' },
    'reuse-features': { type: 'boolean' },
  },
});

const log = (s: string) => process.stderr.write(s);
const rows = await featureRows({ training: o.training!, templates: o.templates!, reuse: o['reuse-features'] === true }, log);
const t0 = performance.now();
const trained = train(rows, log);
const model = toModel(trained, rows);
const text = JSON.stringify(model, null, 1) + '\n';
log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.keys(model.weights).length} features, λ=${trained.lambda}, version ${model.version}\n`);
if (o.check) {
  const committed = readFileSync(o.out!, 'utf8');
  if (committed !== text) {
    log(`${path.relative(ROOT, o.out!)} differs from what the data gives (committed ${JSON.parse(committed).version}, trained ${model.version})\n`);
    process.exit(1);
  }
  log(`${path.relative(ROOT, o.out!)} is what the data gives\n`);
} else {
  mkdirSync(path.dirname(o.out!), { recursive: true });
  writeFileSync(o.out!, text);
  log(`wrote ${path.relative(ROOT, o.out!)} (${(text.length / 1024).toFixed(0)} KB)\n`);
}
