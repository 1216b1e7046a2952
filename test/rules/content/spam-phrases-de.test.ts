/**
 * content/spam-phrases with the German list (rules/lists/phrases-de.yaml): lures are found with their
 * category, with and without accents; legitimate transactional and marketing wording is not.
 */
import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    { name: 'de: a reply to the sender', html: '<p>Bei Fragen antworten Sie einfach auf diese E-Mail oder schreiben Sie mir an support@example.de.</p>', lists },
    { name: 'de: a greeting by name is not a mass greeting', html: '<p>Sehr geehrte Frau Weber, Ihre Bestellung wurde versandt. Lieber Jonas, danke für Ihren Einkauf.</p>', lists },
    {
      name: 'de: a password reset the reader asked for',
      html: '<p>Hallo Anna, Sie haben ein neues Passwort angefordert. Klicken Sie auf den Link, um es zurückzusetzen.</p>',
      lists,
    },
    {
      name: 'de: an invoice',
      html: '<p>Ihre Rechnung für März ist verfügbar. Der Betrag wird am 5. abgebucht.</p>',
      lists,
    },
    {
      name: 'de: an order shipped',
      html: '<p>Ihre Bestellung wurde versandt. Ihr Paket ist unterwegs und wird morgen zugestellt.</p>',
      lists,
    },
    {
      name: 'de: a newsletter whose settings the reader can change; updating data offered as an option',
      html: '<p>Unser Newsletter: Ihre Einstellungen können Sie jederzeit ändern. Sie können Ihre Daten jederzeit in Ihrem Kundenkonto aktualisieren.</p>',
      lists,
    },
    {
      name: 'de: a sign-up confirmation',
      html: '<p>Bitte bestätigen Sie Ihre E-Mail-Adresse, um die Registrierung abzuschließen. Ihr Konto wurde erfolgreich erstellt.</p>',
      lists,
    },
    {
      name: 'de: not having won, no action needed, a card renewed',
      html: '<p>Leider haben Sie bei unserem Gewinnspiel nicht gewonnen. Es besteht kein Handlungsbedarf. Ihre girocard läuft ab, die neue Karte ist unterwegs.</p>',
      lists,
    },
    {
      name: "de: a card blocked at the reader's request, an account deactivated on request, a new sign-in, a sale",
      html: '<p>Ihre Karte wurde wie gewünscht gesperrt. Ihr Konto wurde auf Ihren Wunsch deaktiviert. Wir haben eine neue Anmeldung bei Ihrem Konto aus Berlin festgestellt; wenn Sie das waren, ist nichts zu tun. Sommerschlussverkauf: bis zu 50% Rabatt.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: 'de: advance-fee wording (next of kin, strictly confidential, the writer\'s private e-mail)',
      html: '<p>Streng vertraulich: Ich suche den nächsten Angehörigen des Verstorbenen.</p>\n<p>Bitte kontaktieren Sie mich unter meiner privaten E-Mail-Adresse.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'streng vertraulich', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 38, evidence: 'nächsten angehörigen', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 10, evidence: 'kontaktieren Sie mich unter meiner privaten E-Mail', message: 'is phishing wording' },
      ],
    },
    {
      name: 'de: the 419 greeting, and a greeting to a bank\'s customers rather than to a person',
      html: '<p>Lieber Freund, ich brauche Ihre Hilfe.</p>\n<p>Liebe Sparkasse Kundin, wir schreiben Ihnen heute.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'lieber freund', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'sehr geehrter Kunde / liebe <Bank> Kundin', message: 'is phishing wording' },
      ],
    },
    {
      name: 'de: account threat',
      html: '<p>Sehr geehrter Kunde, Ihr Konto wurde vorübergehend gesperrt.</p>\n<p>Bitte bestätigen Sie Ihre Identität, um eine Sperrung Ihres Kontos zu vermeiden.</p>\n<p>Andernfalls wird Ihr Zugang eingeschränkt. Klicken Sie hier, um Ihr Konto zu entsperren.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'sehr geehrter Kunde / liebe <Bank> Kundin', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 29, evidence: 'Ihr Konto wurde gesperrt/eingeschränkt', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 10, evidence: 'bestätigen Sie Ihre Identität/Kontodaten', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 41, evidence: 'um eine Sperrung zu vermeiden', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'andernfalls wird Ihr Konto gesperrt', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 47, evidence: 'klicken Sie hier, um ... zu entsperren', message: 'is phishing wording' },
      ],
    },
    {
      name: 'de: no umlauts (ae, oe, ue), caps',
      html: '<p>IHR KONTO WURDE GESPERRT. Bitte bestaetigen Sie Ihre Identitaet.</p>\n<p>Wir haben ungewoehnliche Aktivitaeten festgestellt. Ihre Daten sind nicht mehr aktuell.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: 'Ihr Konto wurde gesperrt/eingeschränkt', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 36, evidence: 'bestätigen Sie Ihre Identität/Kontodaten', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 14, evidence: 'verdächtige Aktivität / unbefugter Zugriff', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 56, evidence: 'Ihre Daten sind nicht mehr aktuell', message: 'is phishing wording' },
      ],
    },
    {
      name: 'de: pushTAN and parcel',
      html: '<p>Ihr pushTAN-Verfahren läuft ab und muss aktualisiert werden.</p>\n<p>Ihr Paket wird beim Zoll zurückgehalten. Zollgebühren von 2,99 EUR sind noch offen.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: 'pushTAN/Karte läuft ab, muss aktualisiert werden', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 8, evidence: 'Paket wird zurückgehalten', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 45, evidence: 'Zoll-/Zustellgebühr offen', message: 'is phishing wording' },
      ],
    },
    {
      name: 'de: prizes',
      html: '<p>Herzlichen Glückwunsch, Sie haben ein iPhone gewonnen!</p>\n<p>Sie wurden als Gewinner ausgewählt. Fordern Sie Ihren Gewinn jetzt an.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 28, evidence: 'Sie haben gewonnen', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'Sie wurden als Gewinner ausgewählt', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 40, evidence: 'fordern Sie Ihren Gewinn an', message: 'is prizes wording' },
      ],
    },
    {
      name: 'de: urgency money',
      html: '<p>Nur heute: letzte Chance! Handeln Sie jetzt.</p>\n<p>100% kostenlos: von zu Hause Geld verdienen, passives Einkommen. Kredit ohne Schufa.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'nur heute', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 15, evidence: 'letzte chance', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 30, evidence: 'handeln sie jetzt', message: 'is urgency wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: '100% kostenlos', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 20, evidence: 'von zu hause geld verdienen', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 49, evidence: 'passives einkommen', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 76, evidence: 'ohne schufa', message: 'is loans/debt wording' },
      ],
    },
  ],
});
