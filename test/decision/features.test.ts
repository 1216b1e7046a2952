/**
 * The risk model's features as reviews compute them, and the committed model's behaviour on what the
 * issue named: hidden spam wording is evidence (hiding it must not make a template look cleaner), and a
 * Chinese template with the same phrase evidence as an English one gets the same verdict.
 */
import { describe, it, expect } from 'vitest';
import { Engine } from '../../src/node/engine.js';
import type { TemplateSource } from '../../src/core/source.js';

const engine = new Engine({ configPath: null, profile: 'core' });

function html(name: string, body: string, subject = 'Account update', lang = 'en'): TemplateSource {
  const text = `<!doctype html><html lang="${lang}"><head><title>${subject}</title></head><body>${body}</body></html>`;
  return { name, path: `${name}.html`, kind: 'html', origin: 'api', html: { part: 'html', path: `${name}.html`, text }, subject: { part: 'subject', path: `${name}.meta.json`, text: subject } };
}

const NEUTRAL = '<p>Hello Sam, the meeting notes from Tuesday are attached to the project page. Thanks for reviewing them before Friday.</p>';
const SPAM = 'Congratulations, you are a winner! Claim your prize now: 100% free cash, act now, limited time offer';

describe('risk features', () => {
  it('hidden spam wording counts as wording and again as hidden', async () => {
    const hidden = await engine.review(html('hidden', `${NEUTRAL}<div style="display:none">${SPAM}</div>`));
    const visible = await engine.review(html('visible', `${NEUTRAL}<div>${SPAM}</div>`));
    const keys = (r: typeof hidden) => [...r.features!.values.keys()];
    expect(keys(hidden)).toEqual(expect.arrayContaining(['ph:free-money', 'ph:prizes', 'p:free-money', 'p:prizes']));
    expect(keys(visible)).toEqual(expect.arrayContaining(['p:free-money', 'p:prizes']));
    expect(keys(visible).some((k) => k.startsWith('ph:'))).toBe(false);
    // Words of a matched phrase count for its category, not again as words.
    expect(keys(visible)).not.toContain('t:winner');
    const hiddenWords = keys(hidden).filter((k) => k.startsWith('h:'));
    expect(hiddenWords.length).toBeGreaterThan(0);
    for (const h of hiddenWords) expect(keys(hidden)).toContain(`t:${h.slice(2)}`);
  });

  it('hiding spam wording does not make a template look cleaner', async () => {
    const clean = await engine.review(html('clean', NEUTRAL));
    const hidden = await engine.review(html('hidden', `${NEUTRAL}<div style="display:none">${SPAM}</div>`));
    const white = await engine.review(html('white', `${NEUTRAL}<div style="color:#fff;background:#fff">${SPAM}</div>`));
    expect(clean.decision.verdict).toBe('approved');
    expect(hidden.decision.risk).toBeGreaterThan(clean.decision.risk);
    expect(white.decision.risk).toBeGreaterThan(clean.decision.risk);
    expect(hidden.decision.verdict).not.toBe('approved');
  });

  it('Chinese phrase evidence counts by category, as English does: the same evidence weighs the same', async () => {
    // The same offer in both languages: prizes, free money and urgency wording.
    const en = await engine.review(html('en', '<p>Congratulations, you are a winner! Claim your cash bonus, limited time.</p>', 'Limited time'));
    const zh = await engine.review(html('zh', '<p>恭喜您中奖了！现金红包免费领取，限时抢购。</p>', '限时抢购', 'zh'));
    const detectors = (r: typeof en) => [...r.features!.values.keys()].filter((k) => /^(?:r|p|ph):/.test(k)).sort();
    // The same features (rule findings, phrase categories) in both languages, with the same weights.
    expect(detectors(zh)).toEqual(detectors(en));
    expect(detectors(en).filter((k) => k.startsWith('p:')).length).toBeGreaterThanOrEqual(2);
    // Neither passes; the English words the model knows may add to the English one's risk (it has no
    // Chinese vocabulary: docs/decision.md).
    expect(zh.decision.verdict).not.toBe('approved');
    expect(en.decision.verdict).not.toBe('approved');
  });

  it('Portuguese, Spanish, German, French, Italian and Dutch phrase evidence counts by category, as English does', async () => {
    // The same lure in seven languages: an account threat with a demand, a prize, and a deadline.
    const lures: Record<string, [string, string]> = {
      en: ['Your account has been suspended. Verify your identity to avoid suspension. You have won a cash prize! Last chance.', 'Account suspended'],
      pt: ['Sua conta foi suspensa. Verifique sua identidade para evitar o bloqueio. Você foi sorteado! Última chance.', 'Conta suspensa'],
      es: ['Su cuenta ha sido suspendida. Verifique su identidad para evitar el bloqueo. ¡Usted ha ganado! Última oportunidad.', 'Cuenta suspendida'],
      de: ['Ihr Konto wurde gesperrt. Bestätigen Sie Ihre Identität, um eine Sperrung zu vermeiden. Sie haben gewonnen! Letzte Chance.', 'Konto gesperrt'],
      fr: ['Votre compte a été suspendu. Confirmez votre identité afin d’éviter le blocage. Vous avez gagné ! Dernière chance.', 'Compte suspendu'],
      it: ['Il tuo account è stato sospeso. Verifica la tua identità per evitare il blocco. Hai vinto! Ultima possibilità.', 'Account sospeso'],
      nl: ['Uw rekening is geblokkeerd. Verifieer uw identiteit om blokkering te voorkomen. U heeft gewonnen! Laatste kans.', 'Rekening geblokkeerd'],
    };
    const categories = (r: Awaited<ReturnType<typeof engine.review>>) => [...r.features!.values.keys()].filter((k) => k.startsWith('p:')).sort();
    const en = await engine.review(html('en', `<p>${lures.en![0]}</p>`, lures.en![1]));
    expect(categories(en)).toEqual(['p:phishing', 'p:prizes', 'p:urgency']);
    for (const lang of ['pt', 'es', 'de', 'fr', 'it', 'nl']) {
      const [body, subject] = lures[lang]!;
      const r = await engine.review(html(lang, `<p>${body}</p>`, subject, lang));
      expect(categories(r), lang).toEqual(categories(en));
      // The model has no vocabulary of these languages (docs/decision.md): the categories alone send it to review.
      expect(r.decision.verdict, lang).not.toBe('approved');
    }
    expect(en.decision.verdict).not.toBe('approved');
  });

  it('explains the decision: drivers name rules and words with their position', async () => {
    const r = await engine.review(html('spam', `<p>${SPAM}</p>`, 'You are a winner'));
    expect(r.decision.drivers.length).toBeGreaterThan(0);
    const top = r.decision.drivers[0]!;
    expect(top.weight).toBeGreaterThan(0);
    expect(top.line).toBeGreaterThanOrEqual(1);
    expect(r.decision.summary).toMatch(/^(needs review|rejected): risk [01]\.\d\d ≥ 0\.\d+$/);
  });

  it('reads no feature from footer wording: why the reader gets the mail and how to opt out', async () => {
    const footer = '<p>You are receiving this email because you signed up. If you no longer wish to receive these emails, opt out here.</p>';
    const r = await engine.review(html('footer', `${NEUTRAL}${footer}`));
    const plain = await engine.review(html('plain', NEUTRAL));
    const keys = [...r.features!.values.keys()];
    expect(keys.filter((k) => /^(?:p|ph|n):/.test(k))).toEqual([]);
    for (const w of ['receiving', 'opt', 'wish', 'longer']) expect(keys).not.toContain(`t:${w}`);
    // Words outside the footer phrases still count ("signed", "emails", "here").
    expect(keys).toContain('t:signed');
    expect(r.findings.filter((f) => f.ruleId === 'content/spam-phrases')).toEqual([]);
    expect(r.decision.verdict).toBe(plain.decision.verdict);
  });

  it('reads legally required disclosures as footer: no category, no words, nothing reported', async () => {
    const footer = '<p>Acme Lending is a licensed mortgage broker. NMLS ID 1136. Member FDIC. Equal Housing Lender.</p>';
    const r = await engine.review(html('disclosure', `${NEUTRAL}${footer}`));
    const keys = [...r.features!.values.keys()];
    expect(keys.filter((k) => /^(?:p|ph|n):/.test(k))).toEqual([]);
    for (const w of ['mortgage', 'broker', 'nmls', 'fdic', 'housing']) expect(keys).not.toContain(`t:${w}`);
    expect(r.findings.filter((f) => f.ruleId === 'content/spam-phrases')).toEqual([]);
    // Loan wording outside the disclosure still counts.
    const offer = await engine.review(html('offer', `${NEUTRAL}<p>Lower your mortgage payment today.</p>${footer}`));
    expect([...offer.features!.values.keys()]).toContain('p:loans-debt');
    const found = offer.findings.filter((f) => f.ruleId === 'content/spam-phrases');
    expect(found.map((f) => [f.evidence, f.line])).toEqual([['lower your mortgage', 1]]);
  });

  it('reads no words from a postal address: street, city, state and ZIP', async () => {
    const footer = '<p>Acme Lending, LLC · 11115 Rushmore Dr., Charlotte, NC 28277 · Suite 700</p><p>Sent with care from our team.</p>';
    const r = await engine.review(html('address', `${NEUTRAL}${footer}`));
    const keys = [...r.features!.values.keys()];
    for (const w of ['rushmore', 'dr', 'charlotte', 'nc', 'suite']) expect(keys).not.toContain(`t:${w}`);
    // The sender's name before the address and the words after it still count.
    for (const w of ['acme', 'lending', 'sent', 'care']) expect(keys).toContain(`t:${w}`);
  });

  it('counts text that two entries of one category match as one piece of evidence', async () => {
    // "Dear valued customer" is a phrase of the list and matches the "dear <brand> customer" pattern too.
    const once = await engine.review(html('once', '<p>Dear valued customer, our opening hours change on Monday.</p>'));
    expect(once.features!.values.get('p:phishing')).toBe(1);
    const twice = await engine.review(html('twice', '<p>Dear valued customer, please confirm your account information.</p>'));
    expect(twice.features!.values.get('p:phishing')).toBe(2); // two places: 1 + log2(2)
  });

  it('points a word of a link host or path at the first link it occurs in', async () => {
    const page = '<!doctype html><html lang="en"><head><title>Account update</title></head><body><p>Hello</p>\n<p><a href="https://example.org/login.php?id=1">Sign in</a> <a href="https://example.net/help.php">Help</a></p></body></html>';
    const r = await engine.review({ name: 'links', path: 'links.html', kind: 'html', origin: 'api', html: { part: 'html', path: 'links.html', text: page } });
    const php = r.decision.drivers.find((d) => d.feature === 'u:php');
    expect(php, JSON.stringify(r.decision.drivers.map((d) => d.feature))).toBeDefined();
    expect(php).toMatchObject({ token: 'php', line: 2, column: 13 });
  });
});
