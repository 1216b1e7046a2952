/** The fields of a meta file (<name>.meta.json). meta-validator.generated.ts is generated from it (`npm run schema`). */
export const metaSchema = {
  type: 'object',
  properties: {
    subject: { type: 'string' },
    category: { enum: ['transactional', 'notification', 'marketing'] },
    locale: { type: 'string', pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$' },
    provider: { enum: ['generic', 'aws', 'tencent', 'sendgrid'] },
    profile: { type: 'string' },
  },
};
