/**
 * content/spam-phrases with the Spanish list (rules/lists/phrases-es.yaml): lures are found with their
 * category, with and without accents; legitimate transactional and marketing wording is not.
 */
import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    { name: 'es: a personal e-mail address', html: '<p>Escríbame a mi correo personal si tiene dudas sobre el pedido.</p>', lists },
    { name: 'es: a greeting by name is not a mass greeting', html: '<p>Estimada Ana, su pedido ha sido enviado. Querido Juan, gracias por su compra.</p>', lists },
    {
      name: 'es: a password reset the reader asked for',
      html: '<p>Hola Ana, hemos recibido una solicitud para restablecer tu contraseña. Si no has sido tú, ignora este correo.</p>',
      lists,
    },
    {
      name: 'es: an invoice',
      html: '<p>Tu factura de marzo ya está disponible. El pago se cargará el día 5.</p>',
      lists,
    },
    {
      name: 'es: an order shipped',
      html: '<p>Tu pedido ha sido enviado y llegará en 3 días. Sigue tu envío.</p>',
      lists,
    },
    {
      name: 'es: a newsletter whose preferences the reader can change',
      html: '<p>Lee nuestra newsletter semanal. Puedes actualizar tus preferencias o darte de baja en cualquier momento.</p>',
      lists,
    },
    {
      name: 'es: updating payment details offered as an option; a sign-up confirmation',
      html: '<p>Gracias por registrarte. Confirma tu cuenta. Puede actualizar sus datos de pago en su perfil.</p>',
      lists,
    },
    {
      name: 'es: a cancellation that was asked for, a match result, a paywall',
      html: '<p>Tu suscripción ha sido cancelada. El Real Madrid ha ganado la liga. El acceso está restringido a suscriptores.</p>',
      lists,
    },
    {
      name: "es: a card blocked at the reader's request, a new sign-in the reader made, a sale, a contest's winners",
      html: '<p>Tu tarjeta ha sido bloqueada según tu solicitud. Hemos detectado un nuevo inicio de sesión en tu cuenta desde Madrid; si fuiste tú, no tienes que hacer nada. Rebajas: hasta un 50% de descuento. Los ganadores del concurso se anunciarán el viernes.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: 'es: advance-fee wording (next of kin, strictly confidential, the writer\'s private e-mail)',
      html: '<p>Asunto estrictamente confidencial: busco al pariente más cercano del difunto.</p>\n<p>Por favor, contácteme a mi correo electrónico privado.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 11, evidence: 'estrictamente confidencial', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 48, evidence: 'pariente más cercano', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 15, evidence: 'contácteme a mi correo privado', message: 'is phishing wording' },
      ],
    },
    {
      name: 'es: the 419 greeting, and a greeting to a bank\'s customers rather than to a person',
      html: '<p>Querido amigo, necesito su ayuda.</p>\n<p>Estimado cliente de Santander, le escribimos hoy.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'querido amigo', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'estimado cliente / querido <banco> cliente', message: 'is phishing wording' },
      ],
    },
    {
      name: 'es: account threat',
      html: '<p>Estimado cliente, su cuenta ha sido suspendida temporalmente.</p>\n<p>Verifique su identidad para evitar el bloqueo de su tarjeta.</p>\n<p>De lo contrario, su acceso será bloqueado. Haga clic aquí para desbloquear su cuenta.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'estimado cliente / querido <banco> cliente', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 25, evidence: 'su cuenta ha sido suspendida/bloqueada', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'verifique su identidad/sus datos', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 27, evidence: 'para evitar la suspensión/el bloqueo', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'de lo contrario, su cuenta será bloqueada', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 24, evidence: 'su cuenta ha sido suspendida/bloqueada', message: 'is phishing wording' },
        { messageId: 'phrase', line: 3, column: 47, evidence: 'haga clic aquí para desbloquear/evitar', message: 'is phishing wording' },
      ],
    },
    {
      name: 'es: no accents, tu form',
      html: '<p>Detectamos un inicio de sesion no autorizado. Tu cuenta necesita atencion.</p>\n<p>Actualiza tus datos de pago: tus datos estan desactualizados.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 18, evidence: 'actividad sospechosa / acceso no autorizado', message: 'is phishing wording' },
        { messageId: 'phrase', line: 1, column: 50, evidence: 'tu cuenta necesita atención', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'verifique su identidad/sus datos', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 33, evidence: 'sus datos están desactualizados', message: 'is phishing wording' },
      ],
    },
    {
      name: 'es: delivery fine refund',
      html: '<p>Su paquete está retenido en aduanas.</p>\n<p>Tiene una multa pendiente de pago.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 7, evidence: 'paquete retenido/pendiente de pago', message: 'is phishing wording' },
        { messageId: 'phrase', line: 2, column: 14, evidence: 'multa/peaje pendiente', message: 'is phishing wording' },
      ],
    },
    {
      name: 'es: prizes',
      html: '<p>¡Felicidades! Ha sido seleccionado como ganador de nuestro sorteo.</p>\n<p>Usted ha ganado un premio en efectivo: reclame su premio hoy.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 18, evidence: 'ha sido seleccionado como ganador', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'usted ha ganado', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 23, evidence: 'premio en efectivo', message: 'is prizes wording' },
        { messageId: 'phrase', line: 2, column: 43, evidence: 'reclame su premio', message: 'is prizes wording' },
      ],
    },
    {
      name: 'es: urgency money',
      html: '<p>Última oportunidad: oferta por tiempo limitado, solo hoy. ¡Actúe ahora!</p>\n<p>Dinero fácil, 100% gratis: gane dinero desde casa. Préstamos con ASNEF.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'última oportunidad', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 24, evidence: 'oferta por tiempo limitado', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 52, evidence: 'solo hoy', message: 'is urgency wording' },
        { messageId: 'phrase', line: 1, column: 63, evidence: 'actúe ahora', message: 'is urgency wording' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'dinero fácil', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 18, evidence: '100% gratis', message: 'is free/money wording' },
        { messageId: 'phrase', line: 2, column: 31, evidence: 'gane dinero desde casa', message: 'is income wording' },
        { messageId: 'phrase', line: 2, column: 55, evidence: 'préstamos con asnef', message: 'is loans/debt wording' },
      ],
    },
  ],
});
