import rule from '../../../src/rules/compliance/ad-label.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists } from '../../lists.js';

const lists = phraseLists;
const zhPromo = '<p>全场商品限时特价，满减优惠，爆款低至五折，欢迎选购。</p>';
ruleTester(rule, {
  valid: [
    { html: zhPromo, subject: '【广告】双十一大促', lists, settings: { category: 'marketing' } },
    { html: zhPromo, subject: 'AD: 双十一大促', lists, settings: { category: 'marketing' } },
    { html: zhPromo, subject: '双十一大促', lists, settings: { category: 'marketing', adLabelAdded: true }, name: 'Tencent ADLocation adds the label' },
    { html: '<p>您的订单已发货，预计三天内送达，请注意查收。</p>', subject: '订单已发货', lists, name: 'Chinese transactional mail' },
    { html: zhPromo, subject: '双十一大促', lists, settings: { category: 'transactional' } },
    { html: '<p>Big sale on everything this week only.</p>', subject: 'Big sale', lists, settings: { category: 'marketing' }, name: 'not Chinese' },
    { html: zhPromo, subject: 'Adobe 优惠', lists, settings: { category: 'marketing', locale: 'en' }, name: 'locale says English' },
  ],
  invalid: [
    {
      name: 'Chinese marketing without 广告 (error)',
      html: zhPromo,
      subject: '双十一大促',
      lists,
      settings: { category: 'marketing' },
      errors: [{ messageId: 'missing', part: 'subject', line: 2, column: 15, severity: 'error', suggestions: [{ title: 'Start the subject with 【广告】', output: '{\n  "subject": "【广告】双十一大促"\n}' }] }],
    },
    {
      name: '"Adobe" is not "AD"; uncategorised advertising is inferred from the wording (warning)',
      html: zhPromo,
      subject: 'Adobe 优惠',
      lists,
      errors: [{ messageId: 'missing', part: 'subject', line: 2, column: 15, severity: 'warning', message: 'reads as advertising', suggestions: [{ output: '{\n  "subject": "【广告】Adobe 优惠"\n}' }] }],
    },
  ],
});
