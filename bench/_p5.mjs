import { performance } from 'node:perf_hooks';
import { loadBundle } from '../dist/node/bundle.js';
import { parseTemplate } from '../dist/parse/template-doc.js';
import { Engine } from '../dist/node/engine.js';
const file = process.argv[2];
const engine = new Engine({ configPath: null });
const src = await loadBundle(file);
const cfg = engine.config();
const totals = new Map();
for (let i = 0; i < 40; i++) {
  const doc = await parseTemplate(src);
  for (const rule of engine.rules) {
    const rc = cfg.rules.get(rule.meta.id); if (rc.severity === 'off' || rule.meta.needsProbes) continue;
    const ctx = { options: rc.options, severity: 'error', profile: 'core', settings: cfg.settings, list: (n) => cfg.lists[n] ?? [], report() {} };
    const t = performance.now(); rule.check(doc, ctx); const dt = performance.now() - t;
    if (i >= 10) totals.set(rule.meta.id, (totals.get(rule.meta.id) ?? 0) + dt / 30);
  }
}
console.log([...totals].sort((a,b)=>b[1]-a[1]).slice(0,10).map(([k,v])=>`${k} ${v.toFixed(3)}`).join('\n'));
