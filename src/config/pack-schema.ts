/**
 * JSON Schema of a rule pack (rules/*.yaml) and of a user config file (inboxlint.config.json|yaml):
 * both are layers of the same shape. `npm run docs` writes it to rules/pack.schema.json for editors;
 * a test keeps the two in sync.
 */
import { phraseEntrySchema } from './lists.js';
import { limitsSchema } from '../core/limits.js';

const severity = { enum: ['error', 'warning', 'warn', 'info', 'off', 0, 1, 2] };

export const packSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://inboxlint.dev/schemas/pack.schema.json',
  title: 'inboxlint rule pack or config file',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9-]+(/[a-z0-9-]+)*$', description: 'Pack id, e.g. isp/gmail (packs only).' },
    description: { type: 'string' },
    profile: { type: 'string', description: 'Profile (pack id) to review with; config files only.' },
    extends: {
      description: 'Packs layered underneath this one, in order; later layers win.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    sources: {
      type: 'array',
      description: 'Public sources the pack cites for its rules and weights.',
      items: {
        type: 'object',
        required: ['id', 'title'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, title: { type: 'string' }, url: { type: 'string' } },
      },
    },
    thresholds: {
      type: 'object',
      description: "On the risk model's calibrated probability: risk >= review → needs_review, risk >= reject → rejected.",
      additionalProperties: false,
      properties: { review: { type: 'number', minimum: 0, maximum: 1 }, reject: { type: 'number', minimum: 0, maximum: 1 } },
    },
    prior: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description: "Share of spam-like templates among those reviewed (the base rate). The risk model is calibrated with both classes weighed equally; the prior turns its odds into the probability thresholds compare with.",
    },
    model: { type: 'string', description: 'The trained risk model (a JSON file written by `npm run train`), relative to the pack.' },
    settings: {
      type: 'object',
      description: 'Settings rules read: provider, category, helpers, checkUrls, allowPrivateHosts, limits (review budgets).',
      properties: {
        provider: { enum: ['generic', 'aws', 'tencent', 'sendgrid'] },
        category: { enum: ['transactional', 'notification', 'marketing'] },
        checkUrls: { type: 'boolean' },
        allowPrivateHosts: { type: 'boolean' },
        helpers: { type: 'array', items: { type: 'string' } },
        partials: { type: 'object', additionalProperties: { type: 'string' } },
        adLabelAdded: { type: 'boolean' },
        limits: limitsSchema,
        baseUrl: {
          type: 'string',
          pattern: '^https?://',
          description:
            'Where the folder holding this config (or the override\'s files) is published: relative image and link URLs resolve against it (your build rewrites them), and --check-urls fetches the resolved URLs. A template in sub/ resolves against <baseUrl>/sub/.',
        },
        textTemplates: {
          type: 'array',
          items: { type: 'string' },
          description: 'Globs (relative to the config file) of folders or files where a lone .txt is a text-only template.',
        },
      },
    },
    overrides: {
      type: 'array',
      description: 'Settings for some templates only (config files only): the last override whose files match wins.',
      items: {
        type: 'object',
        required: ['files', 'settings'],
        additionalProperties: false,
        properties: {
          files: {
            description: 'Globs of template paths, relative to the config file (e.g. "colorlib/**").',
            oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
          },
          settings: { $ref: '#/properties/settings' },
        },
      },
    },
    rules: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9-]+/[a-z0-9-]+$' },
      additionalProperties: {
        oneOf: [
          severity,
          { type: 'array', minItems: 1, maxItems: 2, prefixItems: [severity, { type: 'object' }], items: false },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              severity,
              options: { type: 'object' },
              kind: {
                description:
                  'How findings of this rule affect the verdict: defect (rejects), risk (a feature of the risk model), advice (never decides). One kind, or one per messageId with `default` for the rest.',
                oneOf: [
                  { enum: ['defect', 'risk', 'advice'] },
                  { type: 'object', minProperties: 1, additionalProperties: { enum: ['defect', 'risk', 'advice'] } },
                ],
              },
              source: { type: 'string', description: 'Id of the source (in sources) that justifies this entry.' },
            },
          },
        ],
      },
    },
    lists: {
      type: 'object',
      description: 'Data for rules: a path to a list file (relative to the pack) or the entries inline.',
      additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array' }] },
    },
  },
} as const;

/** A list file (rules/lists/*.yaml). Phrase and pattern entries (content/spam-phrases) have a fixed shape. */
export const listSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://inboxlint.dev/schemas/list.schema.json',
  title: 'inboxlint data list',
  type: 'object',
  required: ['entries'],
  additionalProperties: false,
  properties: {
    description: { type: 'string' },
    locale: { type: 'string' },
    sources: packSchema.properties.sources,
    entries: {
      type: 'array',
      items: {
        if: { type: 'object', anyOf: [{ required: ['phrase'] }, { required: ['pattern'] }] },
        then: phraseEntrySchema,
      },
    },
  },
} as const;
