import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/analysis/template-doc.js';
import { renderedForContent, renderOptionsFor, renderSamples } from '../../src/analysis/render.js';
import { sourceFor } from '../rule-tester.js';

describe('renderedForContent', () => {
  it('is the rendering the data rules use when it succeeds (one rendering for both)', async () => {
    const doc = await parseTemplate(sourceFor({ html: '<p>Hi {{name}}</p>', subject: 'Order {{id}}', data: [{ name: 'Ada', id: 7 }] }));
    const strict = renderSamples(doc, renderOptionsFor(doc, {}));
    expect(renderedForContent(doc, {})).toBe(strict);
    expect(strict[0]?.html?.output).toBe('<p>Hi Ada</p>');
  });

  it('hands out the samples as ordinary objects (what the API\'s samples() gives library users)', async () => {
    const doc = await parseTemplate(sourceFor({ html: '<p>Hi {{who.name}}</p>', data: { who: { name: 'Ada', toString: 1 } } }));
    const [s] = renderSamples(doc, renderOptionsFor(doc, {}));
    expect(Object.getPrototypeOf(s!.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf((s!.data as { who: object }).who)).toBe(Object.prototype);
    expect(s!.data).toEqual({ who: { name: 'Ada', toString: 1 } });
  });

  it('falls back to the lenient rendering for the part an unknown helper breaks', async () => {
    const doc = await parseTemplate(sourceFor({ html: '<p>{{shout name}}</p>', subject: 'Order {{id}}', data: { name: 'Ada', id: 7 } }));
    expect(renderSamples(doc, renderOptionsFor(doc, {}))[0]?.html?.error).toMatch(/shout/);
    const [s] = renderedForContent(doc, {});
    expect(s?.html?.output).toBe('<p>Ada</p>');
    expect(s?.subject?.output).toBe('Order 7');
  });

  it('is empty without samples', async () => {
    const doc = await parseTemplate(sourceFor({ html: '<p>{{name}}</p>' }));
    expect(renderedForContent(doc, {})).toEqual([]);
  });
});
