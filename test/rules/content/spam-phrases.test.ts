import rule from '../../../src/rules/content/spam-phrases.js';
import { ruleTester } from '../../rule-tester.js';
import { phraseLists, vagueLinkText } from '../../lists.js';

const lists = phraseLists;

ruleTester(rule, {
  valid: [
    {
      name: 'a sign-up confirmation: verify/confirm your account, as Ory Kratos and OrchardCore word it',
      html: '<p>Please verify your account by clicking the following link.</p><p>Thanks for signing up. To confirm your account, open <a href="https://app.example.com/c">this link</a>.</p>',
      lists,
    },
    { name: "a sign-up confirmation asks to confirm the account's e-mail address (Devise)", html: '<p>You can confirm your account email through the link below:</p>', lists },
    { name: 'a personal address someone leaving a job gives', text: 'You can reach me at my personal email from Friday.', lists },
    { name: 'ordinary transactional wording', html: '<p>Your order #1234 has shipped. Track it in your account.</p>', lists },
    { name: 'word boundaries: "freedom", "cashier"', html: '<p>Freedom of choice at the cashier desk.</p>', lists },
    { name: 'a template expression is not text', html: '<p>{{free_text}} and {{cash}}</p>', lists },
    { name: 'Chinese transactional wording', html: '<p>您的订单已发货，请注意查收。</p>', lists },
    { name: 'no lists configured', html: '<p>FREE MONEY</p>', options: { lists: [] } },
    { name: 'broken data is tolerated', html: '<p>{{title}}</p>', data: '{"title": ', lists },
    {
      name: 'idioms and negations listed as `except` contexts: "feel free to", "gluten-free", "not guaranteed", "no hurry"',
      html: '<p>Feel free to reply. The menu is gluten-free. Delivery dates are not guaranteed. There is no hurry.</p>',
      lists,
    },
    {
      name: '"click here" as the whole text of a link is left to links/descriptive-text (one piece of evidence counts once)',
      html: '<p>To read your statement, <a href="https://bank.test/s">click here</a>.</p>',
      lists: { ...lists, vagueLinkText },
    },
    {
      name: 'ordinary account notices are not account-threat phishing: confirming an e-mail address, a new sign-in, a link that expires',
      html: '<p>Confirm your email address to finish signing up. We noticed a new sign-in to your account from Firefox on Windows. For security reasons, this link expires in 24 hours. Your card was charged $12.00.</p>',
      lists,
    },
    {
      name: 'updating billing details offered as an option, as receipts word it, is not the demand phishing makes',
      html: '<p>Card expired? You can update your billing information in Settings. Need to update your payment information? Visit your account.</p>',
      lists,
    },
    {
      name: 'ordinary notices about parcels, documents, refunds and passwords are not the lures',
      html: '<p>Your package has shipped and will be delivered on Friday. Anna shared a document with you: Q3 plan. Your refund has been processed. Your password was changed. Scan the QR code to download our app. Two-factor authentication is now on for your account. Your salary is paid on the 25th. 您的包裹已发货。扫描二维码下载应用。</p>',
      lists,
    },
    {
      name: "a template's footer: why the reader gets it and how to opt out is what compliant mail must say, not a spam disclaimer; a phone-number mask is not adult wording",
      html: '<p>You are receiving this email because you signed up at example.com. If you no longer wish to receive these emails, opt out here. Sent in compliance with our privacy policy. Call (xxx) xxx-xxxx or xxx-xxx-xxxx.</p>',
      lists,
    },
    {
      name: 'a receipt that offers a phone number, a toll statement and a gift-card promotion are not callback, toll or gift-card lures',
      html: '<p>Questions about this charge? Call us at 555-0100. If you did not request this password reset, ignore this email. Your toll statement is ready: balance $0.00. Buy gift cards for everyone on your list. ETC通行费账单已出。</p>',
      lists,
    },
    {
      name: 'greeting a person, thanking members, confirming a new sign-up or verifying an e-mail address is not the lure',
      html: '<p>Dear Anna, thank you to all our club members for coming. Please confirm your new account. Verify your email address. Your Acme account is ready.</p>',
      lists,
    },
    {
      name: 'news of a million-dollar deal, a will, a grant program and a condolence note are not the advance-fee letter',
      html: '<p>The startup raised $12 million in a round led by Acme. Her late husband left the house to the children. Our grants program funds 20 projects a year. Condolences to the son of Otis Gatewood. Quarterly revenue reached 3 million US customers.</p>',
      lists,
    },
  ],
  invalid: [
    {
      name: "the phishing of the open data: confirm your account information",
      html: '<p>Please confirm your account information to us.</p>',
      lists,
      errors: [{ messageId: 'phrase', line: 1, column: 11, evidence: 'confirm your account/card details', message: 'is phishing wording' }],
    },
    {
      name: "advance-fee letters, as SpamAssassin's 20_advance_fee.cf reads them: the surprise, the late relative's funds, the sum in millions, a share, the secrecy, the diplomat's box, the ATM card, the donation",
      text: 'This letter may come as a surprise to you.\nI am the widow of the late General Abacha.\nMy late husband deposited the funds with a bank.\nThe sum of $10.5 million is waiting.\nIt is 25 million US dollars.\nYou will get 30% of the total sum.\nKeep this in the strictest confidence.\nI am a diplomatic agent at the airport.\nYour ATM card is worth the full amount.\nI decided to donate to ten randomly selected people.',
      lists,
      errors: [
        { messageId: 'phrase', part: 'text', line: 1, column: 1, evidence: 'this letter may come as a surprise' },
        { messageId: 'phrase', part: 'text', line: 2, column: 10, evidence: 'widow/son of the late' },
        { messageId: 'phrase', part: 'text', line: 3, column: 1, evidence: "my late husband's funds" },
        { messageId: 'phrase', part: 'text', line: 4, column: 1, evidence: 'the sum of $N million' },
        { messageId: 'phrase', part: 'text', line: 5, column: 10, evidence: 'N million US dollars' },
        { messageId: 'phrase', part: 'text', line: 6, column: 14, evidence: 'N% of the total sum for you' },
        { messageId: 'phrase', part: 'text', line: 7, column: 11, evidence: 'in the strictest confidence' },
        { messageId: 'phrase', part: 'text', line: 8, column: 8, evidence: 'a consignment box of funds / diplomatic agent' },
        { messageId: 'phrase', part: 'text', line: 9, column: 6, evidence: 'an ATM card worth the funds' },
        { messageId: 'phrase', part: 'text', line: 10, column: 14, evidence: 'a donation to randomly selected people' },
      ],
    },
    {
      name: "advance-fee: the writer moves the reader to an address of their own",
      text: 'Please reply to me at my private email address for more details.',
      lists,
      errors: [{ messageId: 'phrase', part: 'text', line: 1, column: 8, evidence: 'contact me at my private email', message: 'is phishing wording' }],
    },
    {
      name: 'a greeting to the customers of an organisation of several words, and a demand to verify the account at a named service',
      html: '<p>Dear First National Bank customer,</p>\n<p>To keep access, please verify your Example Pay account today. You must also confirm your online banking account.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'dear <brand> member/customer' },
        { messageId: 'phrase', line: 2, column: 27, evidence: 'verify your <brand> account' },
        { messageId: 'phrase', line: 2, column: 80, evidence: 'verify your <brand> account' },
      ],
    },
    {
      name: "today's lures: a parcel held for a fee, a voicemail, a document awaiting signature, held messages, keeping a password, a wallet",
      html: '<p>Your parcel is on hold. A customs fee of 1.99 EUR is due.</p>\n<p>New voicemail from +1 555 0100. Your document is awaiting your signature.</p>\n<p>3 incoming messages are on hold. Keep your current password. Your wallet requires verification to avoid suspension.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 9, evidence: 'parcel on hold / could not be delivered' },
        { messageId: 'phrase', line: 1, column: 30, evidence: 'customs/redelivery fee due' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'new voicemail/fax' },
        { messageId: 'phrase', line: 2, column: 41, evidence: 'document awaiting your signature' },
        { messageId: 'phrase', line: 3, column: 6, evidence: 'messages held back' },
        { messageId: 'phrase', line: 3, column: 37, evidence: 'keep your current password' },
        { messageId: 'phrase', line: 3, column: 70, evidence: 'wallet needs validation' },
        { messageId: 'phrase', line: 3, column: 99, evidence: 'to avoid suspension' },
      ],
    },
    {
      name: 'hyphenated spellings match: the text reads a hyphen between letters as a space, the patterns allow both',
      html: '<p>Please re-activate your account details. Your account has been de-activated. Your e-mail account is full.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 11, evidence: 'confirm your account/card details' },
        { messageId: 'phrase', line: 1, column: 50, evidence: 'account suspended/locked' },
        { messageId: 'phrase', line: 1, column: 86, evidence: 'mailbox full' },
      ],
    },
    {
      name: 'QR-code, multi-factor and payroll lures',
      html: '<p>Scan the QR code below to re-authenticate.</p>\n<p>Your MFA settings will expire today. Re-validate your mailbox now.</p>\n<p>Salary adjustment letter is waiting. 请扫描下方二维码验证。双重验证即将过期。工资调整通知</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'scan the QR code to verify' },
        { messageId: 'phrase', line: 2, column: 9, evidence: 'MFA expires / must be renewed' },
        { messageId: 'phrase', line: 2, column: 41, evidence: 're-authenticate your account' },
        { messageId: 'phrase', line: 3, column: 4, evidence: 'salary adjustment document' },
        { messageId: 'phrase', line: 3, column: 42, evidence: '扫描二维码验证' },
        { messageId: 'phrase', line: 3, column: 52, evidence: '双重验证即将过期' },
        { messageId: 'phrase', line: 3, column: 61, evidence: '工资调整通知' },
      ],
    },
    {
      name: 'callback phishing, unpaid-toll and gift-card lures (FTC, FBI IC3), and the ETC lure in Chinese',
      html: "<p>If you didn't authorize this renewal, please call our billing department at +1 808 555 0142.</p>\n<p>Your vehicle has an unpaid toll balance of $4.35. Please purchase some gift cards for a client today.</p>\n<p>您的ETC已失效，请尽快处理。</p>",
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'call if you did not make this charge' },
        { messageId: 'phrase', line: 2, column: 24, evidence: 'unpaid toll balance' },
        { messageId: 'phrase', line: 2, column: 61, evidence: 'buy gift cards for a client' },
        { messageId: 'phrase', line: 3, column: 6, evidence: 'ETC已失效/需认证' },
      ],
    },
    {
      name: "today's lures in Chinese, the same category",
      html: '<p>您的包裹已被滞留，请补缴关税。您有新的语音留言待查收。请保留当前密码，以免账户被冻结。</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 6, evidence: '包裹滞留/无法投递' },
        { messageId: 'phrase', line: 1, column: 13, evidence: '补缴关税/派送费' },
        { messageId: 'phrase', line: 1, column: 21, evidence: '语音留言/传真待查收' },
        { messageId: 'phrase', line: 1, column: 32, evidence: '保留当前密码' },
        { messageId: 'phrase', line: 1, column: 39, evidence: '以免账户被冻结' },
      ],
    },
    {
      name: 'Chinese account-threat wording, the same category as the English patterns',
      html: '<p>您的邮箱账户已被限制，请核实您的账户信息，否则将被冻结。</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: '账户已被限制/锁定' },
        { messageId: 'phrase', line: 1, column: 16, evidence: '核实您的账户/银行卡信息' },
        { messageId: 'phrase', line: 1, column: 25, evidence: '否则将被冻结/停用' },
      ],
    },
    {
      name: 'updating billing details as a demand is phishing wording',
      html: '<p>Please update your billing information within 24 hours.</p>',
      lists,
      errors: [{ messageId: 'phrase', line: 1, column: 11, evidence: 'update your billing information' }],
    },
    {
      name: 'account-threat phishing wording, as anti-phishing guides describe it (patterns: brand and verb may vary)',
      html: '<p>Dear valued PayPal member,</p>\n<p>Fraudulent activity has been registered on your account. Your account access has been limited.</p>\n<p>Please confirm your bank account. Failure to verify will result in account suspension.</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'dear <brand> member/customer' },
        { messageId: 'phrase', line: 2, column: 4, evidence: 'fraudulent/unauthorised activity' },
        { messageId: 'phrase', line: 2, column: 74, evidence: 'account suspended/locked' },
        { messageId: 'phrase', line: 3, column: 11, evidence: 'confirm your account/card details' },
        { messageId: 'phrase', line: 3, column: 38, evidence: 'failure to verify/confirm' },
        { messageId: 'phrase', line: 3, column: 56, evidence: 'will result in suspension' },
      ],
    },
    {
      name: 'a flagged or compromised account, and "verify your information on file", are account threats too',
      html: '<p>Your account has been randomly flagged in our system.</p>\n<p>Please verify your information on file.</p>\n<p>您的账户已被盗用。</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 9, evidence: 'account suspended/locked' },
        { messageId: 'phrase', line: 2, column: 11, evidence: 'confirm your account/card details' },
        { messageId: 'phrase', line: 3, column: 6, evidence: '账户已被限制/锁定' },
      ],
    },
    {
      name: 'hidden wording is read too (display:none, white on white) and says so; a preheader is read as shown',
      html: '<span class="preheader" style="display:none">Act now</span><p>Hello</p>\n<div style="display:none">free cash</div><p style="color:#fff;background:#fff">act now</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 46, evidence: 'act now', message: 'in the HTML is' },
        { messageId: 'phrase', line: 2, column: 27, evidence: 'free cash', message: 'in the hidden text of the HTML' },
        { messageId: 'phrase', line: 2, column: 80, evidence: 'act now', message: 'in the hidden text of the HTML' },
      ],
    },
    {
      name: 'plain phrase, located in the HTML',
      html: '<p>Hello</p>\n<p>Act now before it ends.</p>',
      lists,
      errors: [{ messageId: 'phrase', line: 2, column: 4, endColumn: 11, evidence: 'act now' }],
    },
    {
      name: 'leetspeak V1AGRA, spelled-out F-R-E-E, full-width and zero-width characters',
      html: '<p>Buy V1AGRA</p><p>F-R-E-E money</p><p>ｆｒｅｅ ｃａｓｈ</p><p>100% fr\u200Bee</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 8, evidence: 'viagra', message: '(read as "viagra")' },
        { messageId: 'phrase', line: 1, column: 21, evidence: 'free money' },
        { messageId: 'phrase', line: 1, column: 41, evidence: 'free cash' },
        { messageId: 'phrase', line: 1, column: 57, evidence: '100% free' },
      ],
    },
    {
      name: '"free" outside its idioms still counts, also next to one',
      html: '<p>Feel free to ask.</p>\n<p>Get it free today.</p>',
      lists,
      errors: [{ messageId: 'phrase', line: 2, column: 11, evidence: 'free' }],
    },
    {
      name: '"click here" in body text, or in a link with more words, is still a phrase',
      html: '<p>Click here to win.</p>\n<a href="https://x.test">Click here for your invoice</a>',
      lists: { ...lists, vagueLinkText },
      errors: [
        { messageId: 'phrase', line: 1, column: 4, evidence: 'click here' },
        { messageId: 'phrase', line: 2, column: 26, evidence: 'click here' },
      ],
    },
    {
      name: 'linkTextOnce: false counts vague link text too',
      html: '<p><a href="https://x.test">Click here</a></p>',
      lists: { ...lists, vagueLinkText },
      options: { linkTextOnce: false },
      errors: [{ messageId: 'phrase', line: 1, column: 29, evidence: 'click here' }],
    },
    {
      name: 'typographic apostrophe (word processors type one): "you\u2019ve won" is "you\'ve won"',
      html: '<p>Hello, you\u2019ve won!</p>',
      lists,
      errors: [{ messageId: 'phrase', line: 1, column: 11, endColumn: 21, evidence: "you've won" }],
    },
    {
      name: 'entities and look-alike Cyrillic letters',
      html: '<p>Click&nbsp;h\u0435re</p>',
      lists,
      errors: [{ messageId: 'phrase', line: 1, column: 4, endColumn: 19, evidence: 'click here' }],
    },
    {
      name: 'Chinese substring matching, spaced characters',
      html: '<p>恭喜！您已中奖，点击领取大奖</p>\n<p>代 开 发 票</p>',
      lists,
      errors: [
        { messageId: 'phrase', line: 1, column: 7, evidence: '您已中奖' },
        { messageId: 'phrase', line: 1, column: 12, evidence: '点击领取' },
        { messageId: 'phrase', line: 1, column: 16, evidence: '大奖' },
        { messageId: 'phrase', line: 2, column: 4, evidence: '代开发票' },
      ],
    },
    {
      name: 'subject and text part are scored too',
      subject: 'Last chance for {{name}}',
      text: 'Reply now.',
      lists,
      errors: [
        { messageId: 'phrase', part: 'subject', line: 2, column: 15, evidence: 'last chance' },
        { messageId: 'phrase', part: 'text', line: 1, column: 1, evidence: 'reply now' },
      ],
    },
    {
      name: 'TemplateData values are scored at the expression',
      html: '<p>Hi {{name}},</p>\n<p>{{promo}}</p>',
      data: { name: 'Ann', promo: 'You have won a cash prize!' },
      lists,
      errors: [
        { messageId: 'inData', line: 2, column: 4, evidence: 'you have won', message: 'Sample 1 puts "You have won" into {{promo}}' },
        { messageId: 'inData', line: 2, column: 4, evidence: 'cash prize' },
      ],
    },
  ],
});
