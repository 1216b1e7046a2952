import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
const t = readFileSync('/tmp/syn/s.html', 'utf8'); const data = JSON.parse(readFileSync('/tmp/syn/s.data.json','utf8'));
const med = (fn, n=50) => { for (let i=0;i<10;i++) fn(); const xs=[]; for (let i=0;i<n;i++){const s=performance.now(); fn(); xs.push(performance.now()-s);} xs.sort((a,b)=>a-b); return xs[n>>1].toFixed(3); };
function compact(ast) {
  const values = [];
  const stack = [ast];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) { for (const x of n) stack.push(x); continue; }
    if (n.type === 'ContentStatement') { values.push(n.value); n.value = '\uFDD0' + (values.length - 1).toString(36) + '\uFDD1'; n.original = n.value; continue; }
    for (const k of ['body', 'program', 'inverse']) if (n[k]) stack.push(n[k]);
  }
  return values;
}
function compileFast(text) {
  const ast = Handlebars.parse(text);
  const values = compact(ast);
  const tpl = Handlebars.create().compile(ast);
  return (ctx) => tpl(ctx).replace(/\uFDD0([0-9a-z]+)\uFDD1/g, (_, i) => values[parseInt(i, 36)]);
}
const d = Array.isArray(data)?data[0]:data;
console.log('same output', compileFast(t)(d) === Handlebars.create().compile(t)(d));
console.log('normal compile+render', med(() => Handlebars.create().compile(t)(d)));
console.log('fast compile+render', med(() => compileFast(t)(d)));
console.log('parse only', med(() => Handlebars.parse(t)));
