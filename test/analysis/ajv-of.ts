/** An ajv instance of one draft with the options and formats schema.ts compiles with (for tests that compare against ajv). */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import { SCHEMA_AJV_OPTIONS } from '../../src/analysis/schema-options.js';

export type Draft = '2020' | '2019' | '07';

export function ajvOf(draft: Draft) {
  const opts = { ...SCHEMA_AJV_OPTIONS, code: { ...SCHEMA_AJV_OPTIONS.code } };
  const ajv = draft === '2020' ? new Ajv2020(opts) : draft === '2019' ? new Ajv2019(opts) : new Ajv(opts);
  const formats = addFormatsModule as unknown as { default?: unknown };
  ((formats.default ?? formats) as (ajv: unknown) => unknown)(ajv);
  return ajv;
}
