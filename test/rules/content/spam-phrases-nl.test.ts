/**
 * content/spam-phrases with the Dutch list (rules/lists/phrases-nl.yaml): lures are found with their
 * category, with and without accents; legitimate transactional and marketing wording is not.
 */
import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    {
      name: 'nl: a reply to the sender',
      html: '<p>Heb je vragen? Beantwoord deze e-mail of mail me op support@example.nl.</p>',
      lists,
    },
    {
      name: 'nl: a greeting by name is not a mass greeting; \'beste\' as \'best\'',
      html: '<p>Beste Anna, je bestelling is verzonden. Lieve Jan, bedankt voor je aankoop. Voor onze beste klanten: 20% korting.</p>',
      lists,
    },
    {
      name: 'nl: a password reset the reader asked for',
      html: '<p>Hallo Anna, je hebt gevraagd om je wachtwoord opnieuw in te stellen. Klik hier om je wachtwoord te herstellen.</p>',
      lists,
    },
    {
      name: 'nl: an invoice',
      html: '<p>Je factuur van maart staat klaar in Mijn Omgeving.</p>',
      lists,
    },
    {
      name: 'nl: an order shipped',
      html: '<p>Je bestelling is verzonden. Je pakket wordt morgen bezorgd. Verzendkosten: € 4,95.</p>',
      lists,
    },
    {
      name: 'nl: a newsletter whose preferences the reader can change',
      html: '<p>Schrijf je in voor onze nieuwsbrief. Je kunt je voorkeuren wijzigen of je op elk moment afmelden.</p>',
      lists,
    },
    {
      name: 'nl: updating one\'s details offered as an option; a sign-up confirmation',
      html: '<p>U kunt uw gegevens altijd bijwerken in uw profiel. Bevestig je e-mailadres om je account te activeren.</p>',
      lists,
    },
    {
      name: 'nl: a cancellation that was asked for, a members-only page',
      html: '<p>Je abonnement is opgezegd. De toegang is beperkt tot leden.</p>',
      lists,
    },
    {
      name: 'nl: a card blocked at the reader\'s request, a new sign-in, a sale while stocks last',
      html: '<p>Je betaalpas is op jouw verzoek geblokkeerd. We zagen een nieuwe aanmelding vanuit Amsterdam; was jij dit, dan hoef je niets te doen. Uitverkoop tot 50%, zolang de voorraad strekt.</p>',
      lists,
    },
    {
      name: 'nl: a lottery\'s own \'see whether you won\', a best friend, a payment received',
      html: '<p>Bekijk of je hebt gewonnen in de trekking van vanavond. Mijn beste vriend komt ook. Je betaling is ontvangen.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: 'nl: advance-fee wording (next of kin, strictly confidential, the writer\'s private e-mail)',
      html: '<p>Strikt vertrouwelijk: ik zoek de naaste verwant van de overledene.</p>\n<p>Antwoord niet hier: neem contact met mij op via mijn privé-e-mailadres.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'strikt vertrouwelijk', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 37, evidence: 'naaste verwant', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 24, evidence: 'neem contact op via mijn privé-e-mail', message: 'is phishing wording' },
      ],
    },
    {
      name: 'nl: the 419 greeting, and a greeting to a bank\'s customers rather than to a person',
      html: '<p>Beste vriend, ik heb uw hulp nodig.</p>\n<p>Geachte ING klant, wij schrijven u vandaag.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'beste vriend', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'beste klant / geachte <bank> klant', message: 'is phishing wording' },
      ],
    },
    {
      name: 'nl: account threat',
      html: '<p>Beste klant, uw rekening is tijdelijk geblokkeerd.</p>\n<p>Verifieer uw identiteit om blokkering te voorkomen.</p>\n<p>Als u dit niet doet, wordt uw betaalpas gedeactiveerd. Klik hier om uw rekening te deblokkeren.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'beste klant / geachte <bank> klant', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 20, evidence: 'uw rekening is geblokkeerd/opgeschort', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'verifieer uw identiteit/bankgegevens', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 28, evidence: 'om blokkering te voorkomen', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'anders wordt uw rekening geblokkeerd', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 59, evidence: 'klik hier om te deblokkeren/voorkomen', message: 'is phishing wording' },
      ],
    },
    {
      name: 'nl: no accents, caps',
      html: '<p>UW ACCOUNT IS GEBLOKKEERD. Bevestig uw bankgegevens.</p>\n<p>Wij hebben een ongebruikelijke inlogpoging gedetecteerd. Uw gegevens zijn niet meer actueel. Wij verzoeken u uw gegevens te verifieren.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 7, evidence: 'uw rekening is geblokkeerd/opgeschort', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 31, evidence: 'verifieer uw identiteit/bankgegevens', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 19, evidence: 'verdachte activiteit / ongebruikelijke inlogpoging', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 61, evidence: 'uw gegevens zijn niet meer actueel', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 97, evidence: 'wij verzoeken u uw gegevens te verifiëren', message: 'is phishing wording' },
      ],
    },
    {
      name: 'nl: the bank blocked it, the card must be replaced',
      html: '<p>Wij hebben uw rekening uit voorzorg geblokkeerd. Uw betaalpas moet worden vervangen.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: 'wij hebben uw rekening geblokkeerd', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 56, evidence: 'uw betaalpas moet worden vervangen/geactiveerd', message: 'is phishing wording' },
      ],
    },
    {
      name: 'nl: parcel, fine, tax refund',
      html: '<p>Uw pakket wordt vastgehouden: de douanekosten van € 1,99 zijn nog niet betaald.</p>\n<p>U heeft een openstaande boete. Uw belastingteruggave staat klaar.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 7, evidence: 'uw pakket wordt vastgehouden', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 37, evidence: 'douanekosten/bezorgkosten openstaand', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 16, evidence: 'openstaande boete/tol', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 38, evidence: 'belastingteruggave staat klaar', message: 'is phishing wording' },
      ],
    },
    {
      name: 'nl: prizes',
      html: '<p>Gefeliciteerd, u heeft gewonnen!</p>\n<p>U bent geselecteerd als winnaar van een iPhone. Claim uw prijs.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 19, evidence: 'u heeft gewonnen', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'u bent geselecteerd als winnaar', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 52, evidence: 'claim uw prijs', message: 'is prizes wording' },
      ],
    },
    {
      name: 'nl: urgency money',
      html: '<p>Laatste kans: aanbieding voor beperkte tijd. Handel nu!</p>\n<p>Helemaal gratis: snel geld, passief inkomen. Lenen zonder BKR. Gegarandeerd rendement.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'laatste kans', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 18, evidence: 'aanbieding voor beperkte tijd', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 49, evidence: 'handel nu', message: 'is urgency wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'helemaal gratis', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 21, evidence: 'snel geld', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 32, evidence: 'passief inkomen', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 55, evidence: 'zonder bkr', message: 'is loans/debt wording' },
        { messageId: 'phrase', line: 2, column: 67, evidence: 'gegarandeerd rendement', message: 'is crypto wording' },
      ],
    },
  ],
});
