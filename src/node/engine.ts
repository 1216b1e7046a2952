/**
 * File-system glue shared by the CLI, the language server and the service: resolve configs (cached per
 * profile), load bundles and review them with the pure core.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { AnyRule } from '../rules/rule.js';
import type { ProbePort } from '../core/probe-port.js';
import type { TemplateSource } from '../core/source.js';
import { EngineCaches } from '../core/cache.js';
import { review, type ReviewResult } from '../review/review.js';
import { resolveConfig, type ConfigFile, type ResolvedConfig, type PackReader } from '../config/resolve.js';
import { builtinRules } from '../rules/index.js';
import { createPackReader, findConfig, readConfigFile } from './packs.js';

export { VERSION } from './version.js';

/** The base URL of a template's folder: `base` is where `root` is published. */
export function templateBase(base: string, root: string, dir: string): string {
  const rel = path.relative(root, dir);
  const start = base.endsWith('/') ? base : `${base}/`;
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return start;
  try {
    return new URL(`${rel.split(path.sep).map(encodeURIComponent).join('/')}/`, start).href;
  } catch {
    return start;
  }
}

export interface EngineOptions {
  /** --profile: wins over meta.profile and the config's profile. */
  profile?: string;
  /** --config path; undefined → search from cwd; null → no config file. */
  configPath?: string | null;
  cwd?: string;
  settings?: Record<string, unknown>;
  rules?: AnyRule[];
  reader?: PackReader;
  probe?: ProbePort;
  /** Training: do not load the risk model, and compute its features for every review. */
  training?: boolean;
}

export class Engine {
  readonly rules: AnyRule[];
  readonly reader: PackReader;
  readonly userConfig?: ConfigFile;
  private readonly configs = new Map<string, ResolvedConfig>();
  /** Caches shared by this engine's reviews (style sheets, inline styles, colours, compiled schemas), each bounded. */
  readonly caches = new EngineCaches();

  constructor(private readonly options: EngineOptions = {}) {
    this.rules = options.rules ?? builtinRules;
    this.reader = options.reader ?? createPackReader();
    const cfgPath = options.configPath === undefined ? findConfig(options.cwd ?? process.cwd()) : options.configPath ?? undefined;
    if (cfgPath) this.userConfig = readConfigFile(path.resolve(options.cwd ?? process.cwd(), cfgPath));
    // Resolve once up front so config errors surface before any template is read.
    this.config(options.profile);
  }

  /** The resolved config for a profile (undefined → the config's or 'core'). Throws ConfigError. */
  config(profile?: string): ResolvedConfig {
    const key = profile ?? '';
    let c = this.configs.get(key);
    if (!c) {
      c = resolveConfig({
        rules: this.rules,
        reader: this.reader,
        ...(profile ? { profile } : {}),
        ...(this.userConfig ? { user: this.userConfig } : {}),
        ...(this.options.settings ? { settings: this.options.settings } : {}),
        ...(this.options.training ? { skipModel: true } : {}),
      });
      this.configs.set(key, c);
    }
    return c;
  }

  /** Use a probe port for network checks (the CLI creates one when --check-urls is on). */
  useProbe(probe: ProbePort): void {
    this.options.probe = probe;
  }

  /** Review one loaded bundle; meta.profile picks the profile unless --profile was given. */
  async review(source: TemplateSource): Promise<ReviewResult> {
    const config = this.config(this.profileFor(source));
    const settings = this.settingsFor(source, config);
    return review(source, { config, rules: this.rules, ...(Object.keys(settings).length ? { settings } : {}), ...(this.options.probe ? { probe: this.options.probe } : {}), ...(this.options.training ? { features: true } : {}), caches: this.caches });
  }

  private readonly matchers = new Map<string, picomatch.Matcher>();

  /**
   * Settings for one template: the config's overrides whose `files` match its path (relative to the config
   * file), and its asset base URL. settings.baseUrl says where the folder holding the config (or --base-url:
   * the working directory) is published, so a template in `sub/` resolves its relative URLs against
   * `<baseUrl>/sub/`, as the published files would.
   */
  settingsFor(source: TemplateSource, config = this.config(this.profileFor(source))): Record<string, unknown> {
    const cwd = this.options.cwd ?? process.cwd();
    const file = path.resolve(cwd, source.path);
    const out: Record<string, unknown> = {};
    let base = config.settings.baseUrl;
    // settings.baseUrl can only come from the user's config (packs have no folder) or --base-url (below).
    let root = this.userConfig ? path.dirname(this.userConfig.path) : cwd;
    for (const o of config.overrides ?? []) {
      const dir = path.dirname(o.config);
      const key = JSON.stringify(o.files);
      let match = this.matchers.get(key);
      if (!match) this.matchers.set(key, (match = picomatch(o.files, { dot: true })));
      if (!match(path.relative(dir, file).split(path.sep).join('/'))) continue;
      Object.assign(out, o.settings);
      if (o.settings.baseUrl !== undefined) {
        base = o.settings.baseUrl;
        root = dir;
      }
    }
    // --base-url wins, and is relative to the working directory.
    if (this.options.settings?.baseUrl !== undefined) {
      base = this.options.settings.baseUrl;
      root = cwd;
    }
    if (typeof base === 'string') out.baseUrl = templateBase(base, root, path.dirname(file));
    return out;
  }

  /** The profile a template is reviewed with: --profile, else a bundled profile named in its meta. */
  profileFor(source: TemplateSource | undefined): string | undefined {
    if (this.options.profile || !source?.meta) return this.options.profile;
    const named = /"profile"\s*:\s*"([^"]+)"/.exec(source.meta.text)?.[1];
    return named && this.reader.pack(named) ? named : undefined;
  }
}
