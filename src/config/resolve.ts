/**
 * Which settings apply to a file: its config (the `--config` one, else the
 * nearest), the overrides whose globs match it, then the command line. One linter
 * is built per distinct result, so a folder of libraries loads everything once.
 */
import { dirname, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { KefuLintError } from '../engine/errors.js';
import type { Linter, LinterOptions } from '../engine/linter.js';
import type { Preset } from '../engine/severity.js';
import type { RuleSetting } from '../engine/settings.js';
import type { Tokenizer } from '../engine/tokens.js';
import { createLinterSync } from '../linter.js';
import { findConfigFile, loadConfig, type LoadedConfig } from './load.js';
import type { ConfigData } from './schema.js';
import { toLinterOptions, type ResolvedSettings } from './shop-phrases.js';

export type { ResolvedSettings } from './shop-phrases.js';

/** Settings given on the command line; they win over every config. */
export interface CliSettings {
  preset?: Preset;
  rules?: Record<string, RuleSetting>;
}

/** Merge a config's base settings, the overrides matching the file, then the command line. */
export function mergeSettings(config: ConfigData | undefined, matchingOverrides: readonly number[], cli: CliSettings = {}): ResolvedSettings {
  const merged: ResolvedSettings = { preset: 'recommended', rules: {}, phrases: [], words: [] };
  const sections = [config, ...matchingOverrides.map((index) => config?.overrides?.[index])];
  for (const section of sections) {
    if (!section) continue;
    if (section.preset) merged.preset = section.preset;
    Object.assign(merged.rules, section.rules ?? {});
    merged.phrases.push(...(section.phrases ?? []));
    merged.words.push(...(section.words ?? []));
  }
  if (cli.preset) merged.preset = cli.preset;
  Object.assign(merged.rules, cli.rules ?? {});
  return merged;
}

/**
 * How a linter is built, as plain data a worker thread can receive: the settings a
 * config resolved to, or plain linter options (library callers).
 */
export type LinterSpec = { settings: ResolvedSettings } | { options: Omit<LinterOptions, 'plugins' | 'tokenizer'> };

const specLinters = new Map<string, Linter>();

/** A thread that is handed tokens made elsewhere never segments text itself. */
const TOKENS_GIVEN: Tokenizer = {
  tokenize() {
    throw new KefuLintError('tokenizer', '内部错误：这个检查线程只接收已分好词的回复，不能自行分词。');
  },
};

/**
 * The linter for a spec, built once per thread (jieba is loaded once per thread).
 * `tokensGiven`: the thread only runs `lintTokenized`, so it loads no jieba at all.
 */
export function linterForSpec(spec: LinterSpec, tokensGiven = false): Linter {
  const key = `${tokensGiven}${JSON.stringify(spec)}`;
  let linter = specLinters.get(key);
  if (!linter) {
    const options = 'options' in spec ? spec.options : toLinterOptions(spec.settings);
    specLinters.set(key, (linter = createLinterSync(tokensGiven ? { ...options, tokenizer: TOKENS_GIVEN } : options)));
  }
  return linter;
}

/** Linters a resolver keeps at once. */
const MAX_LINTERS = 32;

export class ConfigResolver {
  private readonly explicit?: LoadedConfig;
  private readonly discovered = new Map<string, string | null>();
  private readonly configs = new Map<string, LoadedConfig>();
  private readonly globs = new Map<string, Promise<Set<string>>>();
  private readonly linters = new Map<string, Linter>();

  constructor(private readonly options: { configPath?: string; cli?: CliSettings; linterOptions?: Partial<LinterOptions> } = {}) {
    if (options.configPath) this.explicit = loadConfig(options.configPath);
  }

  /** The config that applies to a file (the --config one, else the nearest), or undefined. */
  configFor(file: string): LoadedConfig | undefined {
    if (this.explicit) return this.explicit;
    const found = findConfigFile(dirname(resolve(file)), this.discovered);
    if (!found) return undefined;
    let config = this.configs.get(found);
    if (!config) {
      config = loadConfig(found);
      this.configs.set(found, config);
    }
    return config;
  }

  async settingsFor(file: string): Promise<{ ignored: boolean; settings: ResolvedSettings }> {
    const config = this.configFor(file);
    const absolute = resolve(file);
    if (config?.data.ignores?.length && (await this.matches(config, 'ignores', config.data.ignores)).has(absolute)) {
      return { ignored: true, settings: mergeSettings(undefined, [], this.options.cli) };
    }
    const matching: number[] = [];
    for (const [index, override] of (config?.data.overrides ?? []).entries()) {
      const patterns = Array.isArray(override.files) ? override.files : [override.files];
      if ((await this.matches(config!, `overrides.${index}`, patterns)).has(absolute)) matching.push(index);
    }
    return { ignored: false, settings: mergeSettings(config?.data, matching, this.options.cli) };
  }

  /** The linter for a file, or undefined when the file is ignored. */
  async linterFor(file: string): Promise<Linter | undefined> {
    const { ignored, settings } = await this.settingsFor(file);
    return ignored ? undefined : this.linterForSettings(settings);
  }

  /**
   * One linter per distinct settings, the most recently used kept (a service may be
   * asked for any number of settings; each linter holds its matchers).
   */
  linterForSettings(settings: ResolvedSettings): Linter {
    const key = JSON.stringify(settings);
    let linter = this.linters.get(key);
    if (linter) {
      this.linters.delete(key);
    } else {
      const options = toLinterOptions(settings);
      const extra = this.options.linterOptions ?? {};
      linter = createLinterSync({ ...options, ...extra, plugins: [...(options.plugins ?? []), ...(extra.plugins ?? [])] });
      if (this.linters.size >= MAX_LINTERS) this.linters.delete(this.linters.keys().next().value!);
    }
    this.linters.set(key, linter);
    return linter;
  }

  /** How many distinct linters were built (for tests and diagnostics). */
  get linterCount(): number {
    return this.linters.size;
  }

  // Globs are relative to the config's folder; each set is expanded once.
  private matches(config: LoadedConfig, key: string, patterns: readonly string[]): Promise<Set<string>> {
    const cacheKey = `${config.file}#${key}`;
    let set = this.globs.get(cacheKey);
    if (!set) {
      set = glob([...patterns], { cwd: config.dir, absolute: true, dot: true, ignore: ['**/node_modules/**'] }).then((files) => new Set(files.map((f) => resolve(f))));
      this.globs.set(cacheKey, set);
    }
    return set;
  }
}
