/**
 * The bundled packs compiled at build time (dist/packs.json, src/node/compile-packs.ts) and the standalone
 * validators (src/config/validators.generated.ts): both must match their sources, and a config resolved from
 * the compiled packs must equal one resolved from the YAML. Needs `npm run build` (it reads dist/).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig, type PackReader } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/config/errors.js';
import { COMPILED_PACKS, RULES_DIR, createPackReader, textHash, type CompiledPacks } from '../../src/node/packs.js';
import { compilePacks } from '../../src/node/compile-packs.js';
import { builtinRules } from '../../src/rules/index.js';
import { generatedValidators } from '../../scripts/lib/validators.js';

const compiledReader = createPackReader();
const yamlReader = createPackReader(RULES_DIR, null);

describe('compiled packs (dist/packs.json)', () => {
  it('match the YAML in rules/ (run npm run build)', () => {
    const built = JSON.parse(readFileSync(COMPILED_PACKS, 'utf8')) as CompiledPacks;
    expect(built).toEqual(compilePacks());
    // Every pack, its lists and the model are in it.
    expect(Object.keys(built.files)).toEqual(expect.arrayContaining(['core.yaml', 'isp/gmail.yaml', 'lists/phrases-en.yaml', 'model/risk-model.json']));
  });

  it('are used by the bundled reader, and give the same config as the YAML for every profile', () => {
    expect(compiledReader.pack('core')!.checked).toBeDefined();
    expect(yamlReader.pack('core')!.checked).toBeUndefined();
    for (const profile of yamlReader.packIds()) {
      const fromYaml = resolveConfig({ rules: builtinRules, reader: yamlReader, profile });
      const fromCompiled = resolveConfig({ rules: builtinRules, reader: compiledReader, profile });
      expect(fromCompiled, profile).toEqual(fromYaml);
    }
  });

  it('an entry whose file changed since the build is not used: the file is parsed and checked again', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inboxlint-packs-'));
    try {
      cpSync(RULES_DIR, path.join(dir, 'rules'), { recursive: true });
      // The copied texts are the built ones, so the build's entries apply to them.
      const compiled = path.join(dir, 'packs.json');
      cpSync(COMPILED_PACKS, compiled);
      const reader = createPackReader(path.join(dir, 'rules'), compiled);
      expect(reader.pack('core')!.checked).toBeDefined();
      // An edit the build has not seen: an unknown property is caught (the stale compiled value would not have it).
      const core = path.join(dir, 'rules', 'core.yaml');
      writeFileSync(core, readFileSync(core, 'utf8') + '\nbogus: 1\n');
      const fresh = createPackReader(path.join(dir, 'rules'), compiled);
      expect(fresh.pack('core')!.checked).toBeUndefined();
      expect(() => resolveConfig({ rules: builtinRules, reader: fresh, profile: 'core' })).toThrow(ConfigError);
      expect(() => resolveConfig({ rules: builtinRules, reader: fresh, profile: 'core' })).toThrow(/has unknown property 'bogus'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an error found in a checked layer still names its line (the text is parsed for it)', () => {
    const core = compiledReader.pack('core')!;
    // A rule set without content/spam-phrases: the checked core pack names an unknown rule.
    const rules = builtinRules.filter((r) => r.meta.id !== 'content/spam-phrases');
    let err: ConfigError | undefined;
    try {
      resolveConfig({ rules, reader: compiledReader, profile: 'core' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.detail).toMatch(/names unknown rule 'content\/spam-phrases'/);
    const line = core.text.split('\n').findIndex((l) => /^\s*content\/spam-phrases:/.test(l)) + 1;
    expect(err!.line).toBe(line);
  });

  it('hashes the text', () => {
    expect(textHash('a')).toBe('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb');
  });
});

describe('standalone validators', () => {
  it.each(Object.entries(generatedValidators()))('%s is current (run npm run schema)', (file, text) => {
    expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')).toBe(text);
  });

  it('report a user config error as before: the property, the pointer and the line', () => {
    const reader: PackReader = compiledReader;
    const user = { path: '/x/inboxlint.config.yaml', text: 'profile: core\nthresholds:\n  review: 2\n' };
    expect(() => resolveConfig({ rules: builtinRules, reader, user })).toThrow(/inboxlint\.config\.yaml:3: \/thresholds\/review must be <= 1/);
    const rules = { path: '/x/inboxlint.config.yaml', text: 'rules:\n  content/spam-phrases: [warn, { nope: 1 }]\n' };
    expect(() => resolveConfig({ rules: builtinRules, reader, user: rules })).toThrow(/has unknown option 'nope'/);
  });
});
