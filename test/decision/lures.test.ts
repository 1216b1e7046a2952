/**
 * The committed risk model on short, template-like phishing lures of today and on ordinary legitimate mail.
 * These were written by hand as a sanity check (never training data). They guard the verdict against a model
 * change that looks better by leave-one-source-out yet stops catching short lures: one did (unit-length word
 * vectors with pooled detectors, docs/decision.md "Tried and not adopted") and approved two of these three.
 * The brand lures guard links/brand-impersonation in the same way.
 */
import { describe, it, expect } from 'vitest';
import { Engine } from '../../src/node/engine.js';
import type { TemplateSource } from '../../src/core/source.js';

const engine = new Engine({ configPath: null, profile: 'core' });

function mail(name: string, body: string, subject: string): TemplateSource {
  const text = `<!doctype html><html lang="en"><head><title>${subject}</title></head><body>${body}</body></html>`;
  return { name, path: `${name}.html`, kind: 'html', origin: 'api', html: { part: 'html', path: `${name}.html`, text }, subject: { part: 'subject', path: `${name}.meta.json`, text: subject } };
}

const LURES: [string, string, string][] = [
  ['password expiry on a look-alike host', '<p>Your Microsoft 365 password expires today.</p><p>To keep using your current password, verify your account now.</p><p><a href="https://microsoft-365-login.xyz/verify">Keep current password</a></p>', 'Password expiry notice'],
  ['mailbox full, link to an IP address', '<p>Dear user, your mailbox storage is full. You will stop receiving messages within 24 hours.</p><p><a href="http://198.51.100.7/upgrade">Upgrade storage now</a></p>', 'Action required: mailbox full'],
  ['a parcel held for a customs fee', '<p>Dear customer,</p><p>Your parcel is on hold at our depot. A customs fee of 1.99 EUR is due before delivery.</p><p><a href="https://parcel-release.example.top/pay">Pay and release</a></p>', 'Delivery on hold'],
  ['callback phishing: a renewal the reader never made, and a number to call', '<p>Dear Customer,</p><p>Thank you for renewing your Total Protection subscription. Your account has been charged $399.99.</p><p>If you did not authorize this transaction or wish to cancel, please call our billing department at +1 (808) 555-0142 within 24 hours.</p>', 'Your subscription has been renewed'],
  ['an unpaid toll with a late fee', '<p>Your vehicle has an unpaid toll balance of $4.35. To avoid a late fee of $50.00, please settle your balance today.</p><p><a href="https://tolls-payment.example.xyz/pay">Pay now</a></p>', 'Unpaid toll notice'],
  ['account limited, confirm identity', '<p>We detected unusual activity on your account. Your account has been temporarily limited.</p><p>Please confirm your identity to restore access.</p><p><a href="https://secure-bank-verify.info/login">Confirm identity</a></p>', 'Unusual sign-in activity'],
];
/**
 * A lure written in the words of a real dunning notice ("you may want to update your payment details": an
 * option, not a demand), with no brand and a host that names nothing: only the host tells it from the real
 * thing. Models have put it on either side of the review threshold (0.50 with 1-fae313f974, 0.46 with the
 * session-12 model); what is asserted is what holds across them: its phishing wording is found and it ranks
 * above every legitimate example below (docs/decision.md, known limitations).
 */
const EDGE_LURES: [string, string, string][] = [
  ['a streaming membership on hold over billing', "<p>Hi,</p><p>We're having some trouble with your current billing information. We'll try again, but in the meantime you may want to update your payment details.</p><p><a href=\"https://streaming-billing-update.com/account\">UPDATE ACCOUNT NOW</a></p>", 'Your membership is on hold'],
];
/** Lures that speak as a brand and link elsewhere (links/brand-impersonation). */
const BRAND_LURES: [string, string, string][] = [
  ['a parcel service asks for a fee', '<p>Dear DHL customer,</p><p>Your parcel is on hold at our depot. A customs fee of 1.99 EUR is due before delivery.</p><p><a href="https://parcel-release.example.top/pay">Pay and release</a></p>', 'Delivery on hold'],
  ['a shared document', '<p>Your Microsoft 365 account has a new document waiting: Q3 salary review.pdf</p><p><a href="https://docs-share.example.click/view">Open document</a></p>', 'Microsoft 365: document shared with you'],
];
const LEGITIMATE: [string, string, string][] = [
  ['product newsletter', '<p>Hi Sam, here is what is new this month: we shipped dark mode, faster search and a new mobile app. Read the release notes on our blog.</p><p><a href="https://example.com/blog">Read more</a></p><p><a href="https://example.com/unsub">Unsubscribe</a></p>', 'What is new in March'],
  ['a locked-account notice that links to its own site', '<p>Hi Sam,</p><p>Your account has been locked after 5 failed sign-in attempts. It will unlock automatically in 30 minutes, or you can reset your password now.</p><p><a href="https://app.example.com/reset">Reset password</a></p>', 'Your account is locked'],
  ['a subscription receipt with a support number', '<p>Hi Sam,</p><p>Your Pro plan renewed on 3 March. We charged $12.00 to your Visa ending 4242.</p><p>Questions about this charge? Call us at 555-0100 or reply to this email.</p><p><a href="https://app.example.com/billing">View billing</a></p>', 'Your receipt: Pro plan'],
  ['order receipt', '<p>Thanks for your order #1234. Total: $42.10. Your items ship in 2 days.</p><p><a href="https://shop.example.com/orders/1234">View order</a></p>', 'Your receipt from Shop'],
];

describe('committed model on short lures and ordinary mail', () => {
  for (const [name, body, subject] of LURES) {
    it(`does not approve a lure: ${name}`, async () => {
      const r = await engine.review(mail(name, body, subject));
      expect(r.decision.verdict, r.decision.summary).not.toBe('approved');
      // The phishing wording is among what drove it, so the author is told what to change.
      expect(r.decision.drivers.some((d) => d.feature === 'p:phishing')).toBe(true);
    });
  }
  // Speaking as a brand and linking elsewhere must raise the risk and be named among the drivers. That alone
  // is not asserted to catch them: the shared-document lure, which has no lure wording, is approved (risk
  // 0.01; docs/decision.md, known limitations) — the only brand impersonation the model has seen is 2004
  // phishing that other evidence already gave away, so the rule's weight is small. The parcel lure is caught
  // by its wording (a parcel on hold, a customs fee due), which the lure above tests without the brand.
  for (const [name, body, subject] of BRAND_LURES) {
    it(`weighs speaking as a brand: ${name}`, async () => {
      const r = await engine.review(mail(name, body, subject));
      expect(r.decision.drivers.some((d) => d.feature.startsWith('r:links/brand-impersonation')), JSON.stringify(r.decision.drivers.map((d) => d.feature))).toBe(true);
      const plain = await engine.review(mail(name, body.replace(/Dear DHL customer/, 'Dear customer').replace(/Microsoft 365 /g, ''), subject.replace(/Microsoft 365: /, '')));
      expect(plain.findings.some((f) => f.ruleId === 'links/brand-impersonation')).toBe(false);
      expect(r.decision.risk!).toBeGreaterThan(plain.decision.risk!);
    });
  }
  for (const [name, body, subject] of EDGE_LURES) {
    it(`ranks a lure that reads like a real notice above legitimate mail: ${name}`, async () => {
      const r = await engine.review(mail(name, body, subject));
      expect(r.decision.drivers.some((d) => d.feature === 'p:phishing')).toBe(true);
      for (const [legit, lbody, lsubject] of LEGITIMATE) {
        const l = await engine.review(mail(legit, lbody, lsubject));
        expect(r.decision.risk!, legit).toBeGreaterThan(l.decision.risk!);
      }
    });
  }
  for (const [name, body, subject] of LEGITIMATE) {
    it(`approves ${name}`, async () => {
      const r = await engine.review(mail(name, body, subject));
      expect(r.decision.verdict, r.decision.summary).toBe('approved');
    });
  }
});
