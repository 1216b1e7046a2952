/**
 * content/spam-phrases with the Portuguese (pt-BR and pt-PT) list (rules/lists/phrases-pt.yaml): lures are found with their
 * category, with and without accents; legitimate transactional and marketing wording is not.
 */
import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    { name: 'pt: a personal e-mail address the reader gives', html: '<p>Entre em contato comigo pelo meu e-mail pessoal ou pelo telefone.</p>', lists },
    { name: 'pt: a greeting by name is not a mass greeting', html: '<p>Prezada Ana, seu pedido foi enviado. Caro João, obrigado pela compra.</p>', lists },
    {
      name: 'pt: a password reset the reader asked for',
      html: '<p>Olá Ana, recebemos um pedido para redefinir sua senha. Se foi você, clique no botão abaixo; se não foi, ignore este e-mail. Sua senha foi alterada.</p>',
      lists,
    },
    {
      name: 'pt: an invoice and a boleto',
      html: '<p>Sua fatura de março já está disponível. O boleto de R$ 89,90 vence em 10/04.</p>',
      lists,
    },
    {
      name: 'pt: an order shipped',
      html: '<p>Seu pedido #1234 foi enviado e chegará em até 5 dias úteis. Acompanhe a entrega.</p>',
      lists,
    },
    {
      name: 'pt: a newsletter whose preferences the reader can change',
      html: '<p>Confira as novidades da semana na nossa newsletter. Você pode atualizar suas preferências ou cancelar a inscrição a qualquer momento.</p>',
      lists,
    },
    {
      name: "pt: updating one's data offered as an option, not demanded",
      html: '<p>Você pode atualizar seus dados na sua conta. Se quiser, atualize seus dados no aplicativo.</p>',
      lists,
    },
    {
      name: 'pt: a sign-up confirmation, a cancellation that was asked for, a card approved',
      html: '<p>Obrigado por se cadastrar! Confirme seu e-mail. Sua assinatura foi cancelada conforme solicitado. Seu cartão foi aprovado.</p>',
      lists,
    },
    {
      name: "pt: a shop's coupon is not a prize; a paywall is not an account threat",
      html: '<p>Você ganhou 10% de desconto na próxima compra. O acesso está restrito a assinantes.</p>',
      lists,
    },
    {
      name: "pt: a card blocked at the reader's request, a new sign-in the reader made, a bill due today, a draw's results",
      html: '<p>Seu cartão foi bloqueado conforme solicitado. Detectamos um novo acesso à sua conta a partir de um iPhone; se foi você, nada precisa ser feito. Seu boleto vence hoje. Os ganhadores do sorteio serão avisados por e-mail.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: 'pt: advance-fee wording (next of kin, strictly confidential, the writer\'s private e-mail)',
      html: '<p>Assunto estritamente confidencial: procuro o parente mais próximo do falecido.</p>\n<p>Por favor, entre em contato comigo em meu endereço de e-mail privado.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 12, evidence: 'estritamente confidencial', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 49, evidence: 'parente mais próximo', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 15, evidence: 'entre em contato comigo em meu e-mail privado', message: 'is phishing wording' },
      ],
    },
    {
      name: 'pt: the 419 greeting, and a greeting to a bank\'s customers rather than to a person',
      html: '<p>Caro amigo, preciso da sua ajuda.</p>\n<p>Prezado cliente Banco do Brasil, atualize seus dados.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'caro amigo', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'prezado cliente / caro <banco> cliente', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 37, evidence: 'atualize seus dados', message: 'is phishing wording' },
      ],
    },
    {
      name: 'pt: account threat',
      html: '<p>Prezado cliente, sua conta será bloqueada em 24 horas.</p>\n<p>Verifique sua identidade e atualize seus dados cadastrais para evitar o bloqueio.</p>\n<p>Caso não regularize hoje, seu acesso será suspenso. Clique aqui para desbloquear.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'prezado cliente / caro <banco> cliente', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 25, evidence: 'sua conta será bloqueada/suspensa', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'confirme sua identidade/seus dados', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 31, evidence: 'atualize seus dados', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 62, evidence: 'para evitar o bloqueio', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'caso não..., será bloqueado', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 34, evidence: 'sua conta será bloqueada/suspensa', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 56, evidence: 'clique aqui para desbloquear/regularizar', message: 'is phishing wording' },
      ],
    },
    {
      name: 'pt: no accents, caps',
      html: '<p>SUA CONTA SERA BLOQUEADA. Voce tem valores a receber.</p>\n<p>Identificamos uma transacao nao autorizada. Seus dados cadastrais estao desatualizados.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: 'sua conta será bloqueada/suspensa', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 30, evidence: 'você tem valores a receber', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 22, evidence: 'atividade suspeita / acesso não autorizado', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 48, evidence: 'seus dados estão desatualizados', message: 'is phishing wording' },
      ],
    },
    {
      name: 'pt: pt-PT',
      html: '<p>O seu acesso encontra-se suspenso. Atualize os seus dados e regularize a sua situação, sob pena de bloqueio.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 10, evidence: 'sua conta será bloqueada/suspensa', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 39, evidence: 'atualize os seus dados', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 64, evidence: 'regularize/desbloqueie sua conta', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 91, evidence: 'sob pena de bloqueio', message: 'is phishing wording' },
      ],
    },
    {
      name: 'pt: delivery',
      html: '<p>Sua encomenda foi taxada.</p>\n<p>Pague a taxa de liberação para receber o objeto.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: 'encomenda taxada/retida', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 12, evidence: 'taxa de liberação', message: 'is phishing wording' },
      ],
    },
    {
      name: 'pt: prizes',
      html: '<p>Parabéns! Você foi sorteado.</p>\n<p>Você ganhou um iPhone. Resgate seu prêmio hoje.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 14, evidence: 'você foi sorteado', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'você ganhou um prêmio/R$', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 27, evidence: 'resgate seu prêmio', message: 'is prizes wording' },
      ],
    },
    {
      name: 'pt: urgency money',
      html: '<p>Última chance! Só hoje, por tempo limitado: aja agora.</p>\n<p>Dinheiro fácil com renda extra: trabalhe de casa. Empréstimo sem consulta ao SPC, mesmo negativado.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'última chance', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 19, evidence: 'só hoje', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 28, evidence: 'por tempo limitado', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 48, evidence: 'aja agora', message: 'is urgency wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'dinheiro fácil', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 23, evidence: 'renda extra', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 36, evidence: 'trabalhe de casa', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 65, evidence: 'sem consulta ao spc', message: 'is loans/debt wording' },
        { messageId: 'phrase', line: 2, column: 86, evidence: 'mesmo negativado', message: 'is loans/debt wording' },
      ],
    },
  ],
});
