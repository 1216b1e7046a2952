/**
 * content/spam-phrases with the Italian list (rules/lists/phrases-it.yaml): lures are found with their
 * category, with and without accents; legitimate transactional and marketing wording is not.
 */
import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    {
      name: 'it: a reply to the sender',
      html: '<p>Per qualsiasi domanda, rispondi a questa email o scrivimi a supporto@example.it.</p>',
      lists,
    },
    {
      name: 'it: a greeting by name is not a mass greeting',
      html: '<p>Gentile Maria, il tuo ordine è stato spedito. Caro Luca, grazie per il tuo acquisto.</p>',
      lists,
    },
    {
      name: 'it: a password reset the reader asked for',
      html: '<p>Ciao Anna, hai richiesto di reimpostare la password. Clicca sul link qui sotto per scegliere una nuova password.</p>',
      lists,
    },
    {
      name: 'it: an invoice',
      html: '<p>La tua fattura di marzo è disponibile nella tua area clienti.</p>',
      lists,
    },
    {
      name: 'it: an order shipped, a parcel waiting at the post office',
      html: '<p>Il tuo ordine è stato spedito e sarà consegnato domani. Il tuo pacco è in giacenza presso l\'ufficio postale. Spese di spedizione gratuite sopra i 50 €.</p>',
      lists,
    },
    {
      name: 'it: a newsletter whose preferences the reader can change',
      html: '<p>Iscriviti alla nostra newsletter. Puoi modificare le tue preferenze o annullare l\'iscrizione in qualsiasi momento.</p>',
      lists,
    },
    {
      name: 'it: updating one\'s details offered as an option; a sign-up confirmation',
      html: '<p>Puoi aggiornare i tuoi dati in qualsiasi momento dal tuo profilo. Conferma il tuo indirizzo email per completare la registrazione.</p>',
      lists,
    },
    {
      name: 'it: a cancellation that was asked for, a paywall, a support ticket closed',
      html: '<p>Il tuo abbonamento è stato annullato. L’accesso è limitato agli abbonati. In mancanza di risposta entro 7 giorni, la tua richiesta verrà chiusa.</p>',
      lists,
    },
    {
      name: 'it: a card blocked at the reader\'s request, a new sign-in, a sale while stocks last, a return refunded',
      html: '<p>La tua carta è stata bloccata su tua richiesta. Abbiamo rilevato un nuovo accesso al tuo account da Milano; se sei stato tu, non devi fare nulla. Saldi fino al 50%, fino a esaurimento scorte. Il rimborso del tuo reso è disponibile.</p>',
      lists,
    },
    {
      name: 'it: a payment received, an appointment, a contest lost',
      html: '<p>Il pagamento è stato effettuato correttamente. Il tuo appuntamento è confermato per lunedì. Non hai vinto questa volta, ma puoi riprovare.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: 'it: advance-fee wording (next of kin, strictly confidential, the writer\'s private e-mail)',
      html: '<p>Strettamente confidenziale: cerco il parente più prossimo del defunto.</p>\n<p>La prego di non rispondere qui: mi scriva al mio indirizzo e-mail privato.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'strettamente confidenziale', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 41, evidence: 'parente più prossimo', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 36, evidence: 'contattami al mio indirizzo e-mail privato', message: 'is phishing wording' },
      ],
    },
    {
      name: 'it: the 419 greeting, and a greeting to a bank\'s customers rather than to a person',
      html: '<p>Caro amico, ho bisogno del tuo aiuto.</p>\n<p>Gentile cliente Intesa Sanpaolo, la contattiamo oggi.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'caro amico', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'gentile cliente / caro <banca> cliente', message: 'is phishing wording' },
      ],
    },
    {
      name: 'it: account threat',
      html: '<p>Gentile cliente, il tuo account è stato sospeso temporaneamente.</p>\n<p>Verifica la tua identità per evitare la sospensione del tuo conto.</p>\n<p>In caso contrario, la tua carta verrà bloccata. Clicca qui per sbloccare il tuo account.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'gentile cliente / caro <banca> cliente', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 28, evidence: 'il tuo account è stato sospeso/bloccato', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'verifica la tua identità/i tuoi dati bancari', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 29, evidence: 'per evitare la sospensione/il blocco', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'in caso contrario, il tuo account sarà sospeso', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 30, evidence: 'il tuo account è stato sospeso/bloccato', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 52, evidence: 'clicca qui per sbloccare/evitare', message: 'is phishing wording' },
      ],
    },
    {
      name: 'it: no accents, caps',
      html: '<p>IL TUO ACCOUNT E STATO BLOCCATO. Conferma i tuoi dati bancari.</p>\n<p>Abbiamo rilevato un accesso anomalo. I tuoi dati non sono aggiornati. Le chiediamo di verificare i suoi dati di pagamento.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 11, evidence: 'il tuo account è stato sospeso/bloccato', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 37, evidence: 'verifica la tua identità/i tuoi dati bancari', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 41, evidence: 'i tuoi dati non sono aggiornati', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 74, evidence: 'le chiediamo di verificare i suoi dati', message: 'is phishing wording' },
      ],
    },
    {
      name: 'it: parcel, fine, tax refund',
      html: '<p>Il tuo pacco è bloccato: spese di sdoganamento di 1,99 € da saldare.</p>\n<p>Avviso: multa non pagata. Rimborso fiscale di 320 € in attesa.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 11, evidence: 'pacco bloccato/in attesa di pagamento', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 29, evidence: 'spese di giacenza/sdoganamento da saldare', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 12, evidence: 'multa/pedaggio non pagato', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 30, evidence: 'rimborso fiscale in attesa', message: 'is phishing wording' },
      ],
    },
    {
      name: 'it: prizes',
      html: '<p>Congratulazioni, hai vinto!</p>\n<p>Sei stato estratto come vincitore di un iPhone. Riscuoti il tuo premio.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 21, evidence: 'hai vinto', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'sei stato estratto/selezionato come vincitore', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 52, evidence: 'riscuoti il tuo premio', message: 'is prizes wording' },
      ],
    },
    {
      name: 'it: urgency money',
      html: '<p>Ultima possibilità: offerta a tempo limitato. Agisci ora!</p>\n<p>Assolutamente gratis: soldi facili, reddito passivo. Prestiti per protestati. Rendimento garantito.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'ultima possibilità', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 24, evidence: 'offerta a tempo limitato', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 50, evidence: 'agisci ora', message: 'is urgency wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'assolutamente gratis', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 26, evidence: 'soldi facili', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 40, evidence: 'reddito passivo', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 57, evidence: 'prestiti per protestati', message: 'is loans/debt wording' },
        { messageId: 'phrase', line: 2, column: 82, evidence: 'rendimento garantito', message: 'is crypto wording' },
      ],
    },
  ],
});
