import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/analysis/template-doc.js';
import { sampleValues } from '../../src/analysis/sample-values.js';
import { sourceFor } from '../rule-tester.js';

describe('sampleValues', () => {
  it('gives each printed expression its value in each sample, an expression repeated or spaced alike', async () => {
    const html = '<p>{{name}}</p><p>{{ name }}</p><p>{{this.name}}</p><p>{{{@root.promo.title}}}</p><p>{{name}}</p><p>{{upper name}}</p><p>{{n}}</p>';
    const doc = await parseTemplate(sourceFor({ html, subject: 'Hi {{ name }}', data: [{ name: 'Ann', promo: { title: 'Free gift' }, n: 3 }, { name: 'Bob', promo: {} }] }));
    const got = sampleValues(doc).map((v) => ({ part: v.part, at: doc[v.part === 'html' ? 'html' : 'subject']!.text.slice(v.span.start, v.span.end), path: v.path, sample: v.sample, value: v.value }));
    expect(got).toEqual([
      { part: 'subject', at: '{{ name }}', path: 'name', sample: 0, value: 'Ann' },
      { part: 'subject', at: '{{ name }}', path: 'name', sample: 1, value: 'Bob' },
      { part: 'html', at: '{{name}}', path: 'name', sample: 0, value: 'Ann' },
      { part: 'html', at: '{{name}}', path: 'name', sample: 1, value: 'Bob' },
      { part: 'html', at: '{{ name }}', path: 'name', sample: 0, value: 'Ann' },
      { part: 'html', at: '{{ name }}', path: 'name', sample: 1, value: 'Bob' },
      { part: 'html', at: '{{this.name}}', path: 'this.name', sample: 0, value: 'Ann' },
      { part: 'html', at: '{{this.name}}', path: 'this.name', sample: 1, value: 'Bob' },
      { part: 'html', at: '{{{@root.promo.title}}}', path: '@root.promo.title', sample: 0, value: 'Free gift' },
      { part: 'html', at: '{{name}}', path: 'name', sample: 0, value: 'Ann' },
      { part: 'html', at: '{{name}}', path: 'name', sample: 1, value: 'Bob' },
    ]);
  });
});
