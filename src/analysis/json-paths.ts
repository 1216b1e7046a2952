/**
 * Where a value is in a JSON part of the model (TemplateData, meta.json, a schema): the location queries
 * rules may use on the parsed JSON, without reaching into the parser.
 */
export { spanAt, keySpanAt, pointerToPath, isPlainObject, type JsonPath } from '../parse/json.js';
