import rule from '../../../src/rules/html/json-ld.js';
import activeContent from '../../../src/rules/html/no-active-content.js';
import { ruleTester } from '../../rule-tester.js';

// Saleor (github.com/saleor/saleor, BSD-3-Clause), templates/templated_email/source/shared/footer.mjml: the
// order emails carry schema.org markup filled in at render time. It is data, not active content.
const SALEOR_FOOTER = `<mjml><mj-body><mj-section css-class="no-display">
  <mj-column>
    <mj-text>
      {{#if order}}
        <script type="application/ld+json">
        {{{{raw}}}}{{schema_markup}}{{{{/raw}}}}
        </script>
      {{/if}}
    </mj-text>
  </mj-column>
</mj-section></mj-body></mjml>`;

const ORDER = '{ "@context": "https://schema.org", "@type": "Order", "merchant": { "@type": "Organization", "name": "Saleor" }, "orderNumber": "123" }';

ruleTester(activeContent, {
  valid: [
    { name: 'Saleor order markup (JSON-LD filled in at render time) is not a script', mjml: SALEOR_FOOTER },
    { name: 'static JSON-LD in HTML', html: `<html><head><script type="application/ld+json">${ORDER}</script></head><body><p>Thanks</p></body></html>` },
    { name: 'type written in capitals with spaces', html: `<script type=" Application/LD+JSON ">${ORDER}</script>` },
  ],
  invalid: [{ name: 'a real script beside it is still refused', html: `<script type="application/ld+json">${ORDER}</script>\n<script>alert(1)</script>`, errors: [{ messageId: 'tag', line: 2, column: 1 }] }],
});

ruleTester(rule, {
  valid: [
    { name: 'Saleor: markup filled in at render time is skipped', mjml: SALEOR_FOOTER },
    { html: `<script type="application/ld+json">\n${ORDER}\n</script>` },
    { name: 'an array of items', html: `<script type="application/ld+json">[${ORDER}, ${ORDER}]</script>` },
    { name: 'other scripts are not JSON-LD', html: '<script>var x = {a: 1}</script>' },
  ],
  invalid: [
    {
      name: 'an unquoted key',
      html: '<p>Thanks</p>\n<script type="application/ld+json">\n{ "@context": "https://schema.org", "@type": "Order", merchant: {} }\n</script>',
      errors: [{ messageId: 'invalid', line: 3, column: 55 }],
    },
    {
      name: 'a trailing comma',
      html: '<script type="application/ld+json">{ "@context": "https://schema.org", "@type": "Order", }</script>',
      errors: [{ messageId: 'invalid', line: 1, column: 90 }],
    },
    {
      name: 'no @context',
      html: '<script type="application/ld+json">\n  { "@type": "Order" }</script>',
      errors: [{ messageId: 'noContext', line: 2, column: 3 }],
    },
  ],
});
