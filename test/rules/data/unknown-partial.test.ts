import rule from '../../../src/rules/data/unknown-partial.js';
import { ruleTester, sourceFor } from '../../rule-tester.js';
import { templateSource } from '../../../src/api/input.js';

const withPartials = sourceFor({ html: '{{> header}}<p>x</p>{{> footr}}' });
withPartials.partials = { header: { part: 'html', path: 'template.partials/header.hbs', text: '<h1>{{title}}</h1>' }, footer: { part: 'html', path: 'template.partials/footer.hbs', text: '<p>bye</p>' } };

ruleTester(rule, {
  valid: [
    { html: '{{#*inline "card"}}x{{/inline}}{{> card}}' },
    { name: 'partial block with fallback content', html: '{{#> layout}}fallback{{/layout}}' },
    { name: 'config partial', html: '{{> legal}}', settings: { partials: { legal: '<small>…</small>' } } },
  ],
  invalid: [
    {
      name: 'no partials declared and no provider: the sender\'s renderer may register them (Vendure), advice',
      html: '<p>\n{{> header}}</p>',
      errors: [{ messageId: 'unknownOwn', line: 2, column: 5, message: 'none are declared (no template.partials/ folder, no settings.partials)' }],
    },
    { name: 'undefined partial for AWS SES, which renders none', html: '<p>\n{{> header}}</p>', settings: { provider: 'aws' }, errors: [{ messageId: 'unknown', line: 2, column: 5, message: 'Put it in template.partials/header.hbs, define it with {{#*inline "header"}}' }] },
    {
      name: 'a template given as strings (a service request) has no partials folder to put it in',
      source: templateSource({ html: '<p>\n{{> header}}</p>' }),
      settings: { provider: 'aws' },
      errors: [{ messageId: 'unknown', line: 2, column: 5, message: 'could not be found". Define it in the template with {{#*inline "header"}}…{{/inline}}, or declare it in settings.partials.' }],
    },
    {
      name: 'as strings, no provider: advice, without a folder',
      source: templateSource({ html: '<p>\n{{> header}}</p>' }),
      errors: [{ messageId: 'unknownOwn', line: 2, column: 5, message: 'none are declared (no settings.partials)' }],
    },
    { name: 'bundle partials: did you mean', source: withPartials, errors: [{ messageId: 'unknown', line: 1, column: 25, message: "Did you mean 'footer'?" }] },
    { name: 'SendGrid has no partials', html: '{{> footer}}', settings: { provider: 'sendgrid', partials: { footer: 'x' } }, errors: [{ messageId: 'unsupported', line: 1, column: 5 }] },
  ],
});
