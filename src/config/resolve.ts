/**
 * Config resolution: packs and the user's config file are layers of one shape (pack-schema.ts);
 * `extends` puts layers underneath, later layers win. Pure: a PackReader supplies file texts.
 */
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as Yaml from 'yaml';
import { parseTree } from 'jsonc-parser';
import type { Kind, Severity, Thresholds } from '../core/types.js';
import type { AnyRule } from '../rules/rule.js';
import { LineIndex } from '../core/line-index.js';
import { requireDependency } from '../core/cjs.js';
import { ConfigError } from './errors.js';
import { validatePack, validateList, validateEntries } from './validators.generated.js';
import { checkListEntries } from './lists.js';
import { nodeAt, pointerToPath } from '../parse/json.js';
import { parseModel, checkedModel, type RiskModel } from '../decision/model.js';

export interface ConfigFile {
  path: string;
  text: string;
  /**
   * The file's value, parsed and checked when the package was built (bundled packs, lists and the model:
   * `dist/packs.json`, see src/node/compile-packs.ts). Such a file is neither parsed nor validated again;
   * its text is parsed only to locate an error.
   */
  checked?: unknown;
}

export interface PackReader {
  /** A bundled pack by id ('core', 'isp/gmail'). */
  pack(id: string): ConfigFile | undefined;
  /** A file referenced from a layer (a list), resolved relative to that layer. */
  ref(ref: string, from: ConfigFile): ConfigFile | undefined;
  /** Ids of the bundled packs, for error messages and --help. */
  packIds(): string[];
}

export interface ResolvedRule {
  severity: Severity | 'off';
  options: Record<string, unknown>;
  /** The finding kind per messageId (`default` for the rest); see kindOf(). */
  kind?: Kind | Record<string, Kind>;
  source?: string;
}

export interface ResolvedConfig {
  profile: string;
  /** Files that contributed, bottom first. */
  layers: string[];
  /** On the risk model's probability. */
  thresholds: Thresholds;
  /** Share of spam-like templates among those reviewed: turns the model's odds into a probability. */
  prior: number;
  /** The trained risk model (the pack's `model`), if any. */
  model?: RiskModel;
  rules: Map<string, ResolvedRule>;
  lists: Record<string, unknown[]>;
  settings: Record<string, unknown>;
  sources: { id: string; title: string; url?: string; pack: string }[];
  /** The user config's per-file settings, in order (the host matches template paths against `files`). */
  overrides?: { files: string[]; settings: Record<string, unknown>; config: string }[];
}

export interface ResolveInput {
  rules: AnyRule[];
  reader: PackReader;
  /** Profile to review with (--profile > meta.profile > config.profile > 'core'). */
  profile?: string;
  /** The user's config file, if any. */
  user?: ConfigFile;
  /** Settings from the command line or request (win over everything). */
  settings?: Record<string, unknown>;
  /** Do not load the risk model (training computes features before there is one). */
  skipModel?: boolean;
}

interface Layer {
  file: ConfigFile;
  value: Record<string, any>;
  locate: (pointer: string) => number | undefined;
  /** Checked at build time (ConfigFile.checked): schema, list patterns and rule options are not checked again. */
  checked?: boolean;
}

const DEFAULT_THRESHOLDS: Thresholds = { review: 0.5, reject: 0.9 };

// The pack, list and entries schemas are validated by standalone code generated from pack-schema.ts
// (validators.generated.ts, `npm run schema`): compiling them (and the 2020-12 meta-schema) took a good part
// of every start-up. Rule option schemas are compiled on first use, with the same ajv options.
let ajv: Ajv2020 | undefined;
// yaml and ajv are required on first use (core/cjs.ts): the bundled packs come parsed and checked, so a run
// without a YAML config file or rule options in it loads neither.
let yaml: typeof Yaml | undefined;
const yamlModule = () => (yaml ??= requireDependency('yaml') as typeof Yaml);
const optionValidators = new WeakMap<object, ValidateFunction>();

export function parseConfigText(file: ConfigFile): Layer {
  if (file.checked !== undefined) {
    // Parsed at build time; the text is parsed again only if an error needs a line.
    let locate: Layer['locate'] | undefined;
    return { file, value: file.checked as Record<string, any>, checked: true, locate: (p) => (locate ??= parseConfigText({ path: file.path, text: file.text }).locate)(p) };
  }
  const isJson = /\.json$/i.test(file.path);
  const lines = new LineIndex(file.text);
  if (isJson) {
    const tree = parseTree(file.text, [], { disallowComments: false, allowTrailingComma: true });
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch (e) {
      throw new ConfigError(file.path, '', `is not valid JSON: ${(e as Error).message}`);
    }
    return {
      file,
      value: value as Record<string, any>,
      locate: (p) => {
        const node = tree && nodeAt(tree, pointerToPath(p));
        return node ? lines.position(node.offset).line : undefined;
      },
    };
  }
  const { parseDocument, isNode } = yamlModule();
  const doc = parseDocument(file.text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError(file.path, '', `is not valid YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
  }
  return {
    file,
    value: (doc.toJS() ?? {}) as Record<string, any>,
    locate: (p) => {
      const node = doc.getIn(pointerToPath(p), true);
      return isNode(node) && node.range ? lines.position(node.range[0]).line : undefined;
    },
  };
}

function check(layer: Layer, validate: ValidateFunction, base = ''): void {
  if (layer.checked) return;
  if (typeof layer.value !== 'object' || layer.value === null || Array.isArray(layer.value)) {
    throw new ConfigError(layer.file.path, base, 'must be an object');
  }
  if (!validate(layer.value)) throw errorFrom(layer, validate.errors ?? [], base);
}

function errorFrom(layer: Layer, errors: ErrorObject[], base: string): ConfigError {
  // Prefer the most specific error (oneOf reports the alternatives; the deepest path says most).
  const e = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
  const pointer = base + e.instancePath;
  let detail = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') detail = `has unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  if (e.keyword === 'enum') detail = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'pattern' && e.instancePath === '') detail = e.message ?? detail;
  if (e.keyword === 'propertyName' || (e.keyword === 'pattern' && e.schemaPath.includes('propertyNames'))) {
    detail = `rule id '${(e as ErrorObject & { propertyName?: string }).propertyName ?? ''}' must look like category/name`;
  }
  return new ConfigError(layer.file.path, pointer, detail, layer.locate(e.instancePath));
}

function normSeverity(s: unknown): Severity | 'off' {
  if (s === 'warn' || s === 1) return 'warning';
  if (s === 2) return 'error';
  if (s === 0) return 'off';
  return s as Severity | 'off';
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Load a layer and everything it extends, bottom first. */
function collect(file: ConfigFile, reader: PackReader, seen: string[], out: Layer[]): void {
  if (seen.includes(file.path)) throw new ConfigError(file.path, '/extends', `forms a cycle: ${[...seen, file.path].join(' → ')}`);
  const layer = parseConfigText(file);
  check(layer, validatePack);
  const ext = layer.value.extends;
  const parents: string[] = ext === undefined ? [] : Array.isArray(ext) ? ext : [ext];
  parents.forEach((id, i) => {
    const parent = reader.pack(id);
    if (!parent) {
      throw new ConfigError(file.path, Array.isArray(ext) ? `/extends/${i}` : '/extends', `names unknown pack '${id}' (known: ${reader.packIds().join(', ')})`, layer.locate(Array.isArray(ext) ? `/extends/${i}` : '/extends'));
    }
    if (!out.some((l) => l.file.path === parent.path)) collect(parent, reader, [...seen, file.path], out);
  });
  out.push(layer);
}

export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const { reader, rules } = input;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  let profile = input.profile;
  let userLayer: Layer | undefined;
  if (input.user) {
    userLayer = parseConfigText(input.user);
    check(userLayer, validatePack);
    profile ??= userLayer.value.profile;
  }
  profile ??= 'core';
  const profileFile = reader.pack(profile);
  if (!profileFile) {
    throw new ConfigError(input.user?.path ?? '--profile', input.user && !input.profile ? '/profile' : '', `names unknown profile '${profile}' (known: ${reader.packIds().join(', ')})`);
  }
  const layers: Layer[] = [];
  collect(profileFile, reader, [], layers);
  if (input.user) collect(input.user, reader, [], layers);

  const resolved: ResolvedConfig = {
    profile,
    layers: layers.map((l) => l.file.path),
    thresholds: { ...DEFAULT_THRESHOLDS },
    prior: 0.5,
    rules: new Map(),
    lists: {},
    settings: {},
    sources: [],
    overrides: ((userLayer?.value.overrides ?? []) as { files: string | string[]; settings: Record<string, unknown> }[]).map((o) => ({
      files: Array.isArray(o.files) ? o.files : [o.files],
      settings: o.settings,
      config: input.user!.path,
    })),
  };
  for (const r of rules) {
    resolved.rules.set(r.meta.id, {
      severity: r.meta.defaultSeverity,
      options: { ...(r.meta.defaultOptions as object) },
    });
  }
  for (const layer of layers) applyLayer(layer, resolved, byId, reader, input.skipModel === true);
  Object.assign(resolved.settings, input.settings ?? {});
  if (resolved.thresholds.reject < resolved.thresholds.review) {
    throw new ConfigError(layers.at(-1)!.file.path, '/thresholds', `reject (${resolved.thresholds.reject}) must not be below review (${resolved.thresholds.review})`);
  }
  return resolved;
}

function applyLayer(layer: Layer, out: ResolvedConfig, byId: Map<string, AnyRule>, reader: PackReader, skipModel: boolean): void {
  const v = layer.value;
  const packName = v.id ?? layer.file.path;
  if (v.thresholds) Object.assign(out.thresholds, v.thresholds);
  if (typeof v.prior === 'number') out.prior = v.prior;
  if (typeof v.model === 'string' && !skipModel) {
    const file = reader.ref(v.model, layer.file);
    if (!file) throw new ConfigError(layer.file.path, '/model', `refers to missing model file '${v.model}'`, layer.locate('/model'));
    try {
      out.model = file.checked !== undefined ? checkedModel(file.checked, v.model) : parseModel(file.text, v.model);
    } catch (e) {
      throw new ConfigError(file.path, '', (e as Error).message);
    }
  }
  if (v.settings) Object.assign(out.settings, v.settings);
  for (const s of v.sources ?? []) out.sources.push({ ...s, pack: packName });
  for (const [id, entry] of Object.entries<any>(v.rules ?? {})) {
    const pointer = `/rules/${escapePointer(id)}`;
    const rule = byId.get(id);
    if (!rule) {
      const near = [...byId.keys()].filter((k) => k.split('/')[1] === id.split('/')[1] || k.split('/')[0] === id.split('/')[0]).slice(0, 3);
      throw new ConfigError(layer.file.path, pointer, `names unknown rule '${id}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`, layer.locate(pointer));
    }
    const current = out.rules.get(id)!;
    let severity: unknown;
    let options: Record<string, unknown> | undefined;
    let optionsPointer = pointer;
    if (Array.isArray(entry)) {
      severity = entry[0];
      options = entry[1];
      optionsPointer = `${pointer}/1`;
    } else if (typeof entry === 'object' && entry !== null) {
      severity = entry.severity;
      options = entry.options;
      optionsPointer = `${pointer}/options`;
      if (entry.kind !== undefined) current.kind = entry.kind;
      if (entry.source) {
        if (!(v.sources ?? []).some((s: { id: string }) => s.id === entry.source) && !out.sources.some((s) => s.id === entry.source)) {
          throw new ConfigError(layer.file.path, `${pointer}/source`, `cites unknown source '${entry.source}'`, layer.locate(`${pointer}/source`));
        }
        current.source = entry.source;
      }
    } else {
      severity = entry;
    }
    if (severity !== undefined) current.severity = normSeverity(severity);
    if (options) {
      const merged = { ...current.options, ...options };
      if (rule.meta.schema && !layer.checked) {
        let validate = optionValidators.get(rule.meta.schema);
        if (!validate) {
          validate = (ajv ??= new (requireDependency('ajv/dist/2020.js') as typeof Ajv2020Module).Ajv2020({ allErrors: true, strict: false })).compile(rule.meta.schema);
          optionValidators.set(rule.meta.schema, validate);
        }
        if (!validate(merged)) {
          const e = validate.errors![0]!;
          const p = optionsPointer + e.instancePath;
          const detail = e.keyword === 'additionalProperties' ? `has unknown option '${(e.params as { additionalProperty: string }).additionalProperty}'` : e.message ?? 'is invalid';
          throw new ConfigError(layer.file.path, p, detail, layer.locate(p) ?? layer.locate(optionsPointer));
        }
      }
      current.options = merged;
    }
  }
  for (const [name, ref] of Object.entries<any>(v.lists ?? {})) {
    const pointer = `/lists/${escapePointer(name)}`;
    if (Array.isArray(ref)) {
      // Inline entries get the same checks as a list file (shape via the list schema, pattern safety).
      if (!layer.checked && !validateEntries(ref)) throw errorFrom({ ...layer, locate: (p) => layer.locate(pointer + p) }, validateEntries.errors ?? [], pointer);
      if (!layer.checked) checkListEntries(ref, layer.file.path, pointer, layer.locate);
      out.lists[name] = ref;
      continue;
    }
    const file = reader.ref(ref, layer.file);
    if (!file) throw new ConfigError(layer.file.path, pointer, `refers to missing list file '${ref}'`, layer.locate(pointer));
    const listLayer = parseConfigText(file);
    check(listLayer, validateList);
    if (!listLayer.checked) checkListEntries(listLayer.value.entries, file.path, '/entries', listLayer.locate);
    out.lists[name] = listLayer.value.entries;
  }
}

/**
 * The kind a finding of this rule gets: the pack's kind for its messageId, else the pack's `default`
 * (or its single kind), else one derived from the severity (error → defect, warning → risk, info → advice).
 */
export function kindOf(rule: ResolvedRule, messageId: string, severity: Severity): Kind {
  const k = rule.kind;
  if (typeof k === 'string') return k;
  if (k) {
    const byMessage = k[messageId] ?? k.default;
    if (byMessage) return byMessage;
  }
  return severity === 'error' ? 'defect' : severity === 'warning' ? 'risk' : 'advice';
}
