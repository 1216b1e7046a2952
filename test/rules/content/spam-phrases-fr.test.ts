/**
 * content/spam-phrases with the French list (rules/lists/phrases-fr.yaml): lures are found with their
 * category, with and without accents; legitimate transactional and marketing wording is not.
 */
import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    { name: 'fr: a reply to the sender', html: '<p>Pour toute question, répondez à cet e-mail ou écrivez-moi à support@example.fr.</p>', lists },
    { name: 'fr: a greeting by name is not a mass greeting', html: '<p>Chère Claire, votre commande a été expédiée. Cher Paul, merci pour votre achat.</p>', lists },
    {
      name: 'fr: a password reset the reader asked for',
      html: '<p>Bonjour Anne, vous avez demandé la réinitialisation de votre mot de passe. Cliquez sur le lien ci-dessous.</p>',
      lists,
    },
    {
      name: 'fr: an invoice',
      html: '<p>Votre facture de mars est disponible dans votre espace client.</p>',
      lists,
    },
    {
      name: 'fr: an order shipped',
      html: '<p>Votre commande a été expédiée. Votre colis sera livré demain.</p>',
      lists,
    },
    {
      name: 'fr: a newsletter whose preferences the reader can change',
      html: '<p>Découvrez notre newsletter. Vous pouvez modifier vos préférences ou vous désabonner à tout moment.</p>',
      lists,
    },
    {
      name: 'fr: updating payment details offered as an option; a sign-up confirmation',
      html: '<p>Vous pouvez mettre à jour vos informations de paiement à tout moment. Confirmez votre inscription.</p>',
      lists,
    },
    {
      name: 'fr: a cancellation that was asked for, a paywall, a support ticket closed',
      html: '<p>Votre abonnement a été résilié. L’accès est limité aux abonnés. Sans réponse de votre part sous 7 jours, votre demande sera clôturée.</p>',
      lists,
    },
    {
      name: "fr: a card blocked at the reader's request, a new sign-in, a sale while stocks last, a parcel awaiting pickup",
      html: '<p>Votre carte a été bloquée à votre demande. Nous avons détecté une nouvelle connexion à votre compte depuis Paris ; si c’était vous, aucune action n’est requise. Soldes : jusqu’à -50 %, dans la limite des stocks disponibles. Votre colis est en attente de retrait au point relais.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: 'fr: advance-fee wording (next of kin, strictly confidential, the writer\'s private e-mail)',
      html: '<p>Strictement confidentiel : je cherche le plus proche parent du défunt.</p>\n<p>Merci de me contacter : contactez-moi à mon adresse e-mail privée.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'strictement confidentiel', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 45, evidence: 'plus proche parent', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 28, evidence: 'contactez-moi à mon e-mail privé', message: 'is phishing wording' },
      ],
    },
    {
      name: 'fr: the 419 greeting, and a greeting to a bank\'s customers rather than to a person',
      html: '<p>Cher ami, j\'ai besoin de votre aide.</p>\n<p>Chère cliente Crédit Agricole, nous vous écrivons.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'cher ami', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'cher client / chère <banque> cliente', message: 'is phishing wording' },
      ],
    },
    {
      name: 'fr: account threat',
      html: '<p>Cher client, votre compte a été suspendu.</p>\n<p>Veuillez confirmer votre identité afin d’éviter la suspension de votre accès.</p>\n<p>À défaut, votre carte sera bloquée. Cliquez ici pour débloquer votre compte.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'cher client / chère <banque> cliente', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 23, evidence: 'votre compte a été suspendu/bloqué', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'veuillez confirmer votre identité/vos coordonnées bancaires', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 38, evidence: "afin d'éviter la suspension", message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'à défaut, votre compte sera suspendu', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 20, evidence: 'votre compte a été suspendu/bloqué', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 40, evidence: 'cliquez ici pour débloquer/éviter', message: 'is phishing wording' },
      ],
    },
    {
      name: 'fr: no accents, caps',
      html: '<p>VOTRE COMPTE A ETE BLOQUE. Confirmez vos coordonnees bancaires.</p>\n<p>Nous avons detecte une connexion inhabituelle. Vos informations sont incompletes.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 10, evidence: 'votre compte a été suspendu/bloqué', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 31, evidence: 'confirmez votre identité/vos coordonnées bancaires', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 27, evidence: 'activité suspecte / connexion inhabituelle', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 51, evidence: 'vos informations sont incomplètes/périmées', message: 'is phishing wording' },
      ],
    },
    {
      name: 'fr: parcel, fine, Carte Vitale',
      html: '<p>Votre colis est en attente de paiement : des frais de livraison de 1,99 € restent à régler.</p>\n<p>Avis de contravention impayée. Votre carte Vitale expire.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 10, evidence: 'colis bloqué/en attente de paiement', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 49, evidence: 'frais de livraison/douane à régler', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'amende/péage impayé', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 41, evidence: 'carte Vitale expire', message: 'is phishing wording' },
      ],
    },
    {
      name: 'fr: prizes',
      html: '<p>Félicitations, vous avez gagné !</p>\n<p>Vous avez été tiré au sort pour gagner un iPhone. Réclamez votre lot.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 19, evidence: 'vous avez gagné !', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'vous avez été tiré au sort', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 54, evidence: 'réclamez votre lot', message: 'is prizes wording' },
      ],
    },
    {
      name: 'fr: urgency money',
      html: '<p>Dernière chance : offre à durée limitée. Agissez maintenant !</p>\n<p>100% gratuit : argent facile, revenus passifs. Crédit sans justificatif.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'dernière chance', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 22, evidence: 'offre à durée limitée', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 45, evidence: 'agissez maintenant', message: 'is urgency wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: '100% gratuit', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 19, evidence: 'argent facile', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 34, evidence: 'revenus passifs', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 51, evidence: 'crédit sans justificatif', message: 'is loans/debt wording' },
      ],
    },
  ],
});
