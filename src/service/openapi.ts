/**
 * The OpenAPI 3.1 document and the JSON Schemas (2020-12) the routes validate against: one source, so the
 * document cannot drift from what the routes accept. Tests check responses against it too.
 */
import { VERSION } from './review-adapter.js';

const MAX_TEMPLATE = 1024 * 1024;
const str = (maxLength: number) => ({ type: 'string', maxLength });

export const schemas = {
  Bundle: {
    type: 'object',
    description: 'A template bundle. One of html, mjml or text is required.',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      html: str(MAX_TEMPLATE),
      mjml: str(MAX_TEMPLATE),
      text: str(MAX_TEMPLATE),
      subject: str(2000),
      data: { type: ['object', 'array'], description: 'TemplateData: one sample object or an array of samples' },
      schema: { type: 'object', description: 'JSON Schema of the TemplateData' },
      meta: { type: 'object', properties: { profile: { $ref: '#/components/schemas/Profile' } }, description: 'provider, category, locale, profile, ...' },
      profile: { $ref: '#/components/schemas/Profile' },
    },
    anyOf: [{ required: ['html'] }, { required: ['mjml'] }, { required: ['text'] }],
    not: { required: ['html', 'mjml'] },
    additionalProperties: false,
  },
  AwsV1Template: {
    type: 'object',
    description: 'AWS SES (v1) CreateTemplate input, as is: { Template: { TemplateName, SubjectPart, HtmlPart, TextPart } }.',
    properties: {
      Template: {
        type: 'object',
        properties: { TemplateName: str(200), SubjectPart: str(2000), HtmlPart: str(MAX_TEMPLATE), TextPart: str(MAX_TEMPLATE) },
        required: ['TemplateName'],
      },
      TemplateData: { type: ['object', 'array', 'string'] },
      profile: { $ref: '#/components/schemas/Profile' },
    },
    required: ['Template'],
  },
  AwsV2Template: {
    type: 'object',
    description: 'AWS SES v2 CreateEmailTemplate input, as is: { TemplateName, TemplateContent: { Subject, Html, Text } }.',
    properties: {
      TemplateName: str(200),
      TemplateContent: { type: 'object', properties: { Subject: str(2000), Html: str(MAX_TEMPLATE), Text: str(MAX_TEMPLATE) } },
      TemplateData: { type: ['object', 'array', 'string'] },
      profile: { $ref: '#/components/schemas/Profile' },
    },
    required: ['TemplateContent'],
  },
  TencentTemplate: {
    type: 'object',
    description: 'Tencent Cloud SES CreateEmailTemplate input, as is: { TemplateName, TemplateContent: { Html, Text } } (base64).',
    properties: {
      TemplateName: str(200),
      TemplateContent: { type: 'object', properties: { Html: str(MAX_TEMPLATE * 2), Text: str(MAX_TEMPLATE * 2) } },
      Subject: str(2000),
      TemplateData: { type: ['object', 'array', 'string'] },
      profile: { $ref: '#/components/schemas/Profile' },
    },
    required: ['TemplateContent'],
  },
  Profile: { type: 'string', pattern: '^[a-z0-9-]+(/[a-z0-9-]+)*$', maxLength: 100, examples: ['core', 'isp/gmail'] },
  Decision: {
    type: 'object',
    properties: { verdict: { enum: ['approved', 'rejected'] }, note: { type: 'string', minLength: 1, maxLength: 4000 } },
    required: ['verdict', 'note'],
    additionalProperties: false,
  },
  WebhookCreate: {
    type: 'object',
    properties: {
      url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 },
      events: { type: 'array', items: { enum: ['review.completed', 'review.failed', 'review.decided'] }, minItems: 1, uniqueItems: true },
    },
    required: ['url'],
    additionalProperties: false,
  },
  Error: {
    type: 'object',
    properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } }, required: ['code', 'message'] } },
    required: ['error'],
  },
  Report: {
    type: 'object',
    description: "The review report: the decision and the findings, as `inboxlint --format json` gives them per template, with each finding's part and span; `files` names the file of each part, by path only (the texts are the request body's own and are not echoed back).",
    properties: {
      path: { type: 'string' },
      name: { type: 'string' },
      files: { type: 'object', description: 'Per part (html, text, subject, data, schema, meta): `{ path }`, the file name findings give.', additionalProperties: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
      decision: { type: 'object', properties: { verdict: { enum: ['approved', 'needs_review', 'rejected'] }, profile: { type: 'string' } }, required: ['verdict', 'profile'] },
      findings: { type: 'array', items: { type: 'object', properties: { ruleId: { type: 'string' }, severity: { enum: ['error', 'warning', 'info'] }, message: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' } }, required: ['ruleId', 'severity', 'message'] } },
    },
    required: ['decision', 'findings'],
  },
  HumanDecision: {
    type: 'object',
    properties: { id: { type: 'string' }, verdict: { enum: ['approved', 'rejected'] }, note: { type: 'string' }, actor: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
    required: ['id', 'verdict', 'note', 'actor', 'createdAt'],
  },
  ReviewSummary: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      status: { enum: ['queued', 'running', 'done', 'failed'] },
      kind: { enum: ['bundle', 'aws', 'tencent'] },
      profile: { type: 'string' },
      name: { type: 'string' },
      verdict: { enum: ['approved', 'needs_review', 'rejected'], description: "The machine's verdict" },
      summary: { type: 'string', description: "Why, in one line (the report's decision.summary): `rejected: 1 defect (html/no-active-content)`, `needs review: risk 0.62 ≥ 0.5`" },
      humanVerdict: { enum: ['approved', 'rejected'], description: "The latest human decision (beside the machine's)" },
      createdAt: { type: 'string', format: 'date-time' },
      startedAt: { type: 'string', format: 'date-time' },
      finishedAt: { type: 'string', format: 'date-time' },
      attempts: { type: 'integer' },
      timings: { type: 'object', properties: { queueMs: { type: 'number' }, reviewMs: { type: 'number' }, totalMs: { type: 'number' } } },
      error: { type: 'string' },
      resultOf: { type: 'string', description: 'This body was reviewed before (same tenant, profile and bytes): the review whose result this one shares; timings.reviewMs is that review\'s' },
    },
    required: ['id', 'status', 'kind', 'profile', 'name', 'createdAt', 'attempts'],
  },
  Review: {
    allOf: [
      { $ref: '#/components/schemas/ReviewSummary' },
      {
        type: 'object',
        properties: {
          report: { $ref: '#/components/schemas/Report' },
          internalErrors: { type: 'array', items: { type: 'object', properties: { ruleId: { type: 'string' }, message: { type: 'string' } } } },
          decisions: { type: 'array', items: { $ref: '#/components/schemas/HumanDecision' }, description: 'The audit trail, oldest first' },
        },
        required: ['decisions'],
      },
    ],
  },
  ReviewList: {
    type: 'object',
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ReviewSummary' } }, next: { type: 'string', description: 'Cursor for the next page' } },
    required: ['items'],
  },
  Webhook: {
    type: 'object',
    properties: { id: { type: 'string' }, url: { type: 'string' }, events: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'string', format: 'date-time' }, secret: { type: 'string', description: 'Only in the response to POST /v1/webhooks' } },
    required: ['id', 'url', 'events', 'createdAt'],
  },
  WebhookList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Webhook' } } }, required: ['items'] },
  Delivery: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      webhookId: { type: 'string' },
      event: { type: 'string' },
      reviewId: { type: 'string' },
      status: { enum: ['pending', 'delivered', 'failed'] },
      attempts: { type: 'integer' },
      nextAttemptAt: { type: 'string', format: 'date-time' },
      lastStatus: { type: 'integer' },
      lastError: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      deliveredAt: { type: 'string', format: 'date-time' },
    },
    required: ['id', 'webhookId', 'event', 'reviewId', 'status', 'attempts', 'createdAt'],
  },
  DeliveryList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Delivery' } }, next: { type: 'string' } }, required: ['items'] },
  // What a webhook endpoint receives (the `webhooks` of the document): one envelope, its data by event.
  ReviewCompletedEvent: event('review.completed', {
    properties: {
      status: { const: 'done' },
      verdict: { enum: ['approved', 'needs_review', 'rejected'], description: "The machine's verdict" },
      summary: { type: 'string', description: 'Why, in one line (the report\'s decision.summary)' },
      profile: { type: 'string' },
      name: { type: 'string' },
    },
    required: ['status', 'verdict', 'profile', 'name'],
  }),
  ReviewFailedEvent: event('review.failed', {
    properties: { status: { const: 'failed' }, error: { type: 'string', description: 'Why the review could not run (after its retries)' } },
    required: ['status', 'error'],
  }),
  ReviewDecidedEvent: event('review.decided', {
    properties: {
      verdict: { enum: ['approved', 'needs_review', 'rejected'], description: "The machine's verdict, unchanged" },
      humanVerdict: { enum: ['approved', 'rejected'] },
      note: { type: 'string' },
      actor: { type: 'string', description: 'The API key that decided (prefix and id)' },
    },
    required: ['humanVerdict', 'note', 'actor'],
  }),
} as const;

/**
 * A webhook payload: `{id, event, createdAt, data: {reviewId, …}}`. `id` is the delivery's, kept by a
 * replay (receivers deduplicate by it).
 */
function event(name: string, data: { properties: Record<string, unknown>; required: string[] }) {
  return {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'The delivery; the same in a replay: deduplicate by it' },
      event: { const: name },
      createdAt: { type: 'string', format: 'date-time' },
      data: { type: 'object', properties: { reviewId: { type: 'string' }, ...data.properties }, required: ['reviewId', ...data.required], additionalProperties: false },
    },
    required: ['id', 'event', 'createdAt', 'data'],
    additionalProperties: false,
  } as const;
}

/** The headers every delivery carries (docs/service.md, "Webhooks"). */
const deliveryHeaders = [
  { name: 'inboxlint-signature', in: 'header', required: true, schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' }, description: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>: recompute it, compare in constant time, reject old timestamps' },
  { name: 'inboxlint-event', in: 'header', required: true, schema: { type: 'string' } },
  { name: 'inboxlint-delivery', in: 'header', required: true, schema: { type: 'string' }, description: 'This attempt\'s delivery (a replay has a new one)' },
];
const webhook = (name: keyof typeof schemas, summary: string) => ({
  post: {
    summary,
    security: [],
    parameters: deliveryHeaders,
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
    responses: { '2XX': { description: 'Received. Any other answer, or none within the timeout, is retried with exponential backoff and jitter' } },
  },
});

const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof schemas, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const err = (description: string) => json('Error', description);
const authErrors = { '401': err('Missing or unknown API key'), '429': { ...err('Rate limit: retry after the Retry-After header'), headers: { 'Retry-After': { schema: { type: 'integer' } } } } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } };
const q = (name: string, schema: object, description?: string) => ({ name, in: 'query', required: false, schema, ...(description ? { description } : {}) });

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'inboxlint review service', version: VERSION, description: 'Submit email templates for review; read verdicts; record human decisions; receive signed webhooks.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths: {
      '/v1/reviews': {
        post: {
          summary: 'Submit a template for review',
          parameters: [
            q('wait', { type: 'integer', minimum: 0, maximum: 30000 }, 'Wait up to this many ms for the review; 200 with the report if it finished'),
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [ref('Bundle'), ref('AwsV1Template'), ref('AwsV2Template'), ref('TencentTemplate')] } } } },
          responses: {
            '200': json('Review', 'Reviewed within ?wait, answered with the result of an earlier review of the same body (resultOf), or an Idempotency-Key replay of a finished review'),
            '202': { ...json('ReviewSummary', 'Stored and queued'), headers: { Location: { schema: { type: 'string' } } } },
            '400': err('Invalid body (the message names the field)'),
            '409': err('Idempotency-Key reused with a different body'),
            '413': err('Body over the size limit'),
            '415': err('Not JSON'),
            ...authErrors,
          },
        },
        get: {
          summary: 'List reviews, newest first',
          parameters: [
            q('verdict', { enum: ['approved', 'needs_review', 'rejected'] }),
            q('humanVerdict', { enum: ['approved', 'rejected', 'none'] }),
            q('status', { enum: ['queued', 'running', 'done', 'failed'] }),
            q('profile', ref('Profile')),
            q('createdFrom', { type: 'string', format: 'date-time' }),
            q('createdTo', { type: 'string', format: 'date-time' }),
            q('cursor', { type: 'string', maxLength: 100 }),
            q('limit', { type: 'integer', minimum: 1, maximum: 200 }),
          ],
          responses: { '200': json('ReviewList', 'A page of reviews'), '400': err('Bad filter'), ...authErrors },
        },
      },
      '/v1/reviews/{id}': {
        get: { summary: 'One review: status, report, timings, decisions', parameters: [idParam], responses: { '200': json('Review', 'The review'), '404': err('No such review for this tenant'), ...authErrors } },
      },
      '/v1/reviews/{id}/decision': {
        post: {
          summary: "Record a human verdict with a note (beside the machine's)",
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('Decision') } } },
          responses: { '201': json('HumanDecision', 'Recorded'), '400': err('Invalid body (the message names the field)'), '404': err('No such review for this tenant'), '413': err('Body over the size limit'), '415': err('Not JSON'), '409': err('The review is not finished'), ...authErrors },
        },
      },
      '/v1/webhooks': {
        post: {
          summary: 'Register a webhook endpoint (the secret is returned once)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('WebhookCreate') } } },
          responses: { '201': json('Webhook', 'Registered; the secret is in this response only'), '400': err('Invalid body (the message names the field)'), '413': err('Body over the size limit'), '415': err('Not JSON'), ...authErrors },
        },
        get: { summary: "The tenant's webhook endpoints (without secrets)", responses: { '200': json('WebhookList', 'Endpoints'), ...authErrors } },
      },
      '/v1/webhooks/deliveries': {
        get: {
          summary: 'The delivery log, newest first',
          parameters: [q('status', { enum: ['pending', 'delivered', 'failed'] }), q('reviewId', { type: 'string', maxLength: 100 }), q('cursor', { type: 'string', maxLength: 100 }), q('limit', { type: 'integer', minimum: 1, maximum: 200 })],
          responses: { '200': json('DeliveryList', 'Deliveries'), '400': err('Bad filter'), ...authErrors },
        },
      },
      '/v1/webhooks/deliveries/{id}/replay': {
        post: { summary: 'Send a delivery again (a new delivery with the same payload)', parameters: [idParam], responses: { '202': json('Delivery', 'Queued'), '404': err('No such delivery for this tenant'), ...authErrors } },
      },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'Alive' } } } },
      '/readyz': { get: { summary: 'Store and queue reachable', security: [], responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', security: [], responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
    webhooks: {
      'review.completed': webhook('ReviewCompletedEvent', 'A review finished (also one answered from the result cache)'),
      'review.failed': webhook('ReviewFailedEvent', 'A review could not run after its retries'),
      'review.decided': webhook('ReviewDecidedEvent', 'A human recorded a verdict'),
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key from `inboxlint keys create --tenant <name>`' } },
      schemas,
    },
  };
}
