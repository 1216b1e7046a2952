import rule from '../../../src/rules/compliance/unsubscribe.js';
import { ruleTester, sourceFor } from '../../rule-tester.js';

const withFooter = (footer: string) => {
  const source = sourceFor({ html: '<body><p>Sale</p>{{> footer}}</body>' });
  source.partials = { footer: { part: 'html', path: 'template.partials/footer.hbs', text: footer } };
  return source;
};

const marketing = { category: 'marketing' };
ruleTester(rule, {
  valid: [
    { html: '<body><p>Sale</p></body>', name: 'not a marketing template: not checked' },
    { name: 'link in a footer partial', source: withFooter('<footer><a href="{{unsubscribeUrl}}">Unsubscribe</a></footer>'), settings: marketing },
    { html: '<body><p>Sale</p><a href="https://shop.example/unsubscribe?u={{id}}">Unsubscribe</a></body>', settings: marketing },
    { html: '<body><p>Sale</p><a href="{{unsubscribe_url}}">Leave this list</a></body>', settings: marketing, name: 'placeholder expression' },
    { html: '<body><p>Sale</p><a href="{{amazonSESUnsubscribeUrl}}">退订</a></body>', settings: marketing },
    { html: '<body><p>Sale</p><a href="*|UNSUB|*">Unsubscribe</a></body>', settings: marketing, name: 'Mailchimp merge tag' },
    { text: 'Sale today. To stop these emails: https://shop.example/unsubscribe', settings: marketing },
    { html: '<body><p>Sale</p></body>', settings: { ...marketing, unsubscribeAdded: true }, name: 'the provider adds the link' },
  ],
  invalid: [
    { name: 'footer partial without a link', source: withFooter('<footer>Thanks for reading</footer>'), settings: marketing, errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    { name: 'no unsubscribe link', html: '<html>\n<body>\n<p>Sale</p></body></html>', settings: marketing, errors: [{ messageId: 'missing', line: 2, column: 1 }] },
    { name: 'unsubscribe link that goes nowhere', html: '<body><p>Sale</p>\n<a href="#">Unsubscribe</a></body>', settings: marketing, errors: [{ messageId: 'broken', line: 2, column: 1 }] },
    { name: 'meta category', html: '<body><p>促销</p></body>', meta: { subject: 'x', category: 'marketing' }, settings: marketing, errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
