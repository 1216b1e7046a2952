/**
 * The options of the ajv that compiles a bundle's schema; scripts/lib/validators.ts generates the meta-schema
 * validators (meta-validators.generated.ts) with the same ones, so they report what this ajv would.
 * validateSchema: compileWith validates each schema against its meta-schema itself (to locate the
 * problems) before compiling; ajv.compile doing it again only repeated that work. code.optimize: a
 * validator validates a template's few samples, so the pass that tidies its generated code cost more
 * than it saved (a fifth of a compile). ownProperties: ajv is given plain copies of schemas and data
 * (plain-json.ts), in which `data.constructor` would otherwise count as a present property.
 */
export const SCHEMA_AJV_OPTIONS = { allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true, ownProperties: true, validateFormats: true, validateSchema: false, code: { optimize: false } } as const;
