/**
 * The key of a template's report in a report cache (`--cache`, Reviewer.reviewEach's `cache`): a hash of
 * everything its review reads — the text and path of every file of its bundle (parts, includes, partials,
 * load issues), the resolved config of its profile (rules, severities, kinds, options, lists, thresholds,
 * settings), the per-template settings, the risk model's version and inboxlint's version — so any change
 * reviews it again.
 */
import { createHash } from 'node:crypto';
import type { TemplateSource } from '../core/source.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { Engine } from './engine.js';

export class CacheKeys {
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();
  private readonly keys = new WeakMap<TemplateSource, string>();

  constructor(
    private readonly engine: Engine,
    private readonly version: string,
  ) {}

  /** The key of a loaded bundle (memoised per source object). */
  of(source: TemplateSource): string {
    let k = this.keys.get(source);
    if (k === undefined) {
      const config = this.engine.config(this.engine.profileFor(source));
      this.keys.set(source, (k = this.key(source, config, this.engine.settingsFor(source, config))));
    }
    return k;
  }

  private key(source: TemplateSource, config: ResolvedConfig, settings: Record<string, unknown>): string {
    const h = createHash('sha256');
    h.update(`inboxlint ${this.version}\0model ${config.model?.version ?? 'none'}\0config ${this.configHash(config)}\0settings ${JSON.stringify(settings)}\0`);
    h.update(`source ${source.name}\0${source.path}\0${source.kind}\0${source.origin}\0${JSON.stringify(source.providerKeys ?? null)}\0`);
    for (const p of ['html', 'text', 'subject', 'meta', 'data', 'schema'] as const) {
      const part = source[p];
      if (part) h.update(`${p}\0${part.path}\0${part.fileText ?? part.text}\0${part.text}\0`);
    }
    for (const [group, map] of [['partial', source.partials], ['include', source.includes]] as const) {
      for (const k of Object.keys(map ?? {}).sort()) h.update(`${group} ${k}\0${map![k]!.path}\0${map![k]!.text}\0`);
    }
    h.update(`issues ${JSON.stringify(source.loadIssues ?? [])}`);
    return h.digest('hex');
  }

  private configHash(config: ResolvedConfig): string {
    let h = this.configHashes.get(config);
    if (!h) {
      const rules = [...config.rules].map(([id, r]) => [id, r.severity, r.kind ?? null, r.options]);
      h = createHash('sha256')
        .update(JSON.stringify({ profile: config.profile, thresholds: config.thresholds, prior: config.prior, settings: config.settings, overrides: config.overrides ?? null, rules, lists: config.lists }))
        .digest('hex');
      this.configHashes.set(config, h);
    }
    return h;
  }
}
