/**
 * The risk model's words are English (src/decision/language.ts): a text in another language is read by its
 * detectors and phrase categories, not by English word weights that only ever saw that language in spam.
 */
import { describe, it, expect } from 'vitest';
import { functionWords, isForeign, MIN_FOREIGN } from '../../src/decision/language.js';
import { normalizeText } from '../../src/analysis/normalize.js';
import { Engine } from '../../src/node/engine.js';
import type { TemplateSource } from '../../src/core/source.js';
import { driverLabel } from '../../src/decision/decide.js';

const norm = (s: string) => normalizeText(s).text;

describe('isForeign', () => {
  it('tells English from German, French, Spanish, Portuguese, Italian and Dutch', () => {
    expect(isForeign([norm('Thank you for your order. We will let you know when it ships, and you can track it here.')])).toBe(false);
    const others = {
      de: 'Vielen Dank für Ihre Bestellung. Wir informieren Sie, sobald Ihr Paket versandt wird.',
      fr: 'Bonjour, votre commande est confirmée. Merci pour votre achat et à bientôt dans notre boutique.',
      es: 'Hola, tu pedido ha sido confirmado por el equipo. Gracias por tu compra en nuestra tienda.',
      pt: 'Olá, seu pedido foi confirmado. Você receberá um e-mail quando o pacote for enviado pela loja.',
      it: 'Ciao, il tuo ordine è stato confermato. Grazie per il tuo acquisto, questo è il riepilogo della spedizione.',
      nl: 'Beste klant, uw bestelling is verzonden. Bedankt voor het vertrouwen en tot ziens bij onze winkel.',
    };
    for (const [lang, text] of Object.entries(others)) expect(isForeign([norm(text)]), lang).toBe(true);
  });

  it('keeps short texts, bilingual texts and lorem ipsum English (their words are read as before)', () => {
    expect(isForeign([norm('Reset your password')])).toBe(false);
    expect(isForeign([norm('Hallo')])).toBe(false); // fewer than MIN_FOREIGN function words
    expect(MIN_FOREIGN).toBeGreaterThan(1);
    // English and German halves: as many English function words as German ones.
    expect(isForeign([norm('Your order has shipped and it is on the way to you.'), norm('Ihre Bestellung ist unterwegs und wird bei Ihnen sein.')])).toBe(false);
    expect(isForeign([norm('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation. Duis aute irure dolor in reprehenderit, sunt in culpa qui officia deserunt mollit anim id est laborum.')])).toBe(false);
  });

  it('counts only function words, and stops early on a huge text', () => {
    expect(functionWords([norm('the cat and the dog')])).toEqual({ english: 3, others: 0 });
    expect(functionWords([norm('der Hund und die Katze')])).toEqual({ english: 0, others: 2 }); // "die" is English too: neither
    const huge = 'the '.repeat(100_000);
    expect(functionWords([huge]).english).toBeLessThanOrEqual(200);
  });
});

describe('features of a text in another language', () => {
  const engine = new Engine({ configPath: null, profile: 'core' });
  const page = (name: string, body: string, subject: string, lang: string): TemplateSource => {
    const text = `<!doctype html><html lang="${lang}"><head><title>${subject}</title></head><body>${body}</body></html>`;
    return { name, path: `${name}.html`, kind: 'html', origin: 'api', html: { part: 'html', path: `${name}.html`, text }, subject: { part: 'subject', path: `${name}.meta.json`, text: subject } };
  };

  it('has no word features, keeps its detectors and link words, and says why', async () => {
    const de = await engine.review(page('de', '<p>Hallo Anna, vielen Dank für Ihre Bestellung. Sie wird heute versandt, und Sie können sie <a href="https://shop.example/track.php?id=1">hier verfolgen</a>. Jetzt 50% Rabatt auf alles!</p>', 'Ihre Bestellung ist unterwegs', 'de'));
    const keys = [...de.features!.values.keys()];
    expect(de.features!.values.has('f:foreign')).toBe(true);
    expect(keys.filter((k) => k.startsWith('t:') || k.startsWith('h:'))).toEqual([]);
    expect(keys).toContain('u:php');
    // f:foreign stands in for the words: the model weighs it as their mean contribution.
    expect(de.features!.values.get('f:foreign')).toBe(1);
    const en = await engine.review(page('en', '<p>Hello Anna, thank you for your order. It ships today, and you can <a href="https://shop.example/track.php?id=1">track it here</a>.</p>', 'Your order is on its way', 'en'));
    expect(en.features!.values.has('f:foreign')).toBe(false);
    expect([...en.features!.values.keys()]).toContain('t:order');
  });

  it('scores a German order notice like its English twin: no risk for being German', async () => {
    const de = await engine.review(page('de', '<p>Hallo Anna, vielen Dank für Ihre Bestellung. Sie wird heute versandt. Bei Fragen antworten Sie einfach auf diese E-Mail.</p>', 'Ihre Bestellung ist unterwegs', 'de'));
    expect(de.decision.verdict).toBe('approved');
    expect(de.decision.drivers.filter((d) => d.token)).toEqual([]);
    // Reading no words, it is not judged more harshly than its English twin for it: the stand-in weighs
    // what words weigh on average, and neither has a detector.
    const en = await engine.review(page('en', '<p>Hello Anna, thank you for your order. It ships today. If you have questions, just reply to this email.</p>', 'Your order is on its way', 'en'));
    expect(Math.abs(de.decision.risk - en.decision.risk)).toBeLessThan(0.1);
    expect(de.decision.drivers.find((d) => d.feature === 'f:foreign')).toMatchObject({ weight: expect.any(Number) });
    const stand = de.decision.drivers.find((d) => d.feature === 'f:foreign')!;
    expect(stand.token).toBeUndefined();
    expect(stand.weight).toBeLessThan(0);
    expect(driverLabel(stand)).toBe('another language (words not read)');
  });
});
