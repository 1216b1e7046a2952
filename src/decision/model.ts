/**
 * The risk model: logistic regression over the features of features.ts, calibrated on held-out folds
 * (Platt scaling), fitted by `npm run train` and stored as data (rules/model/risk-model.json), reviewed
 * like any pack. Inference is a sparse dot product; the explanation is each feature's share of the logit.
 */
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { requireDependency } from '../core/cjs.js';

export interface RiskModel {
  format: 'inboxlint-risk-model/1';
  /** Content-derived version: `<date of the training data>-<hash>`; reports carry it. */
  version: string;
  /** Pack-relative path it was read from, for messages. */
  path?: string;
  bias: number;
  /** Platt scaling of the raw logit z: risk = sigmoid(a·z + b). */
  calibration: { a: number; b: number };
  weights: Record<string, number>;
  /** What it was trained on and how it measured (informative; not used by inference). */
  training?: Record<string, unknown>;
  /** The weights as a Map (built by parseModel; lookups per review). */
  table?: ReadonlyMap<string, number>;
}

export const modelSchema = {
  type: 'object',
  required: ['format', 'version', 'bias', 'calibration', 'weights'],
  properties: {
    format: { const: 'inboxlint-risk-model/1' },
    version: { type: 'string', minLength: 1 },
    bias: { type: 'number' },
    calibration: { type: 'object', required: ['a', 'b'], properties: { a: { type: 'number' }, b: { type: 'number' } } },
    weights: { type: 'object', additionalProperties: { type: 'number' } },
    training: { type: 'object' },
  },
} as const;

// Compiled on first use (ajv required then, core/cjs.ts): the bundled model is checked when the package is
// built (checkedModel).
let validate: ValidateFunction | undefined;

/** Parse and check a model file's text; throws an Error naming what is wrong. */
export function parseModel(text: string, path?: string): RiskModel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`is not JSON (${(e as Error).message})`, { cause: e });
  }
  validate ??= new (requireDependency('ajv/dist/2020.js') as typeof Ajv2020Module).Ajv2020({ strict: false }).compile(modelSchema);
  if (!validate(value)) {
    const e = validate.errors![0]!;
    throw new Error(`is not a risk model: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
  return checkedModel(value, path);
}

/** A model value that parseModel has checked already (the bundled model, when the package was built). */
export function checkedModel(value: unknown, path?: string): RiskModel {
  const model = value as RiskModel;
  return { ...model, ...(path ? { path } : {}), table: new Map(Object.entries(model.weights)) };
}

export interface Contribution {
  feature: string;
  value: number;
  /** Share of the calibrated logit: a·w·x. Positive pushes toward spam. */
  weight: number;
}

export interface Prediction {
  risk: number;
  logit: number;
  contributions: Contribution[];
}

/**
 * The risk for a template: the model is calibrated with spam and legitimate mail weighed equally, so its
 * odds are a likelihood ratio; `prior` (the profile's share of spam-like templates among those reviewed)
 * turns them into the probability a reviewer should read: logit + log(prior / (1 - prior)).
 */
export function predict(model: RiskModel, values: ReadonlyMap<string, number>, prior = 0.5): Prediction {
  const { a, b } = model.calibration;
  let z = model.bias;
  const contributions: Contribution[] = [];
  const table = model.table ?? new Map(Object.entries(model.weights));
  for (const [feature, value] of values) {
    const w = table.get(feature);
    if (w === undefined) continue;
    z += w * value;
    contributions.push({ feature, value, weight: a * w * value });
  }
  const logit = a * z + b + priorShift(prior);
  return { risk: sigmoid(logit), logit, contributions };
}

/** The logit shift that turns odds calibrated on balanced classes into odds at `prior`. */
export function priorShift(prior: number): number {
  return Math.log(prior / (1 - prior));
}

/** A risk calibrated on balanced classes, read at `prior` (what predict() does to the logit). */
export function atPrior(balancedRisk: number, prior: number): number {
  const p = Math.min(Math.max(balancedRisk, 1e-12), 1 - 1e-12);
  return sigmoid(Math.log(p / (1 - p)) + priorShift(prior));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
