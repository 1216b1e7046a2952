/**
 * File-system glue shared by the CLI, the language server and the service: resolve configs (cached per
 * profile), load bundles and review them with the pure core.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyRule } from '../core/rule.js';
import type { ProbePort } from '../core/probe-port.js';
import type { TemplateSource } from '../core/source.js';
import { review, type ReviewResult } from '../core/review.js';
import { resolveConfig, type ConfigFile, type ResolvedConfig, type PackReader } from '../config/resolve.js';
import { builtinRules } from '../rules/index.js';
import { createPackReader, findConfig, readConfigFile } from './packs.js';

export const VERSION: string = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')).version;

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
    return review(source, { config: this.config(this.profileFor(source)), rules: this.rules, ...(this.options.probe ? { probe: this.options.probe } : {}), ...(this.options.training ? { features: true } : {}) });
  }

  /** The profile a template is reviewed with: --profile, else a bundled profile named in its meta. */
  profileFor(source: TemplateSource | undefined): string | undefined {
    if (this.options.profile || !source?.meta) return this.options.profile;
    const named = /"profile"\s*:\s*"([^"]+)"/.exec(source.meta.text)?.[1];
    return named && this.reader.pack(named) ? named : undefined;
  }
}
