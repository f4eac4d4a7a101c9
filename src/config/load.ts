/**
 * Config files: kefu-lint.config.json, kefu-lint.config.yaml (.yml) or a
 * "kefu-lint" key in package.json, found by walking up from each linted file.
 * Every mistake is an error naming the file, the key path, its line and what is allowed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { builtinRules } from '../../rules/index.js';
import { formatPath, issuePath, toJiebaWord, zodChinese } from '../engine/dictionary.js';
import { KefuLintError } from '../engine/errors.js';
import { checkRuleSetting, unknownRuleMessage } from '../engine/settings.js';
import type { Rule } from '../engine/rule.js';
import { readTextFile } from '../text/read.js';
import { parseYamlWithLines } from '../text/yaml.js';
import { allowedAt, CONFIG_FILES, ConfigSchema, PACKAGE_KEY, type ConfigData } from './schema.js';
import { SHOP_PHRASES_RULE, shopPhrasesRule } from './shop-phrases.js';

export interface LoadedConfig {
  /** Absolute path of the file the config came from. */
  file: string;
  dir: string;
  data: ConfigData;
}

/** Parse and validate a config file's text. `file` is only used in messages. */
export function parseConfig(text: string, file: string): ConfigData {
  const isPackage = /(^|[\\/])package\.json$/.test(file);
  if (/\.json$/i.test(file)) {
    try {
      JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message);
      const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
      throw new KefuLintError('config', `JSON 语法错误：${(error as Error).message}。请检查逗号、引号和括号。`, { file, line });
    }
  }
  const yaml = parseYamlWithLines(text, file, 'config');
  const prefix: PropertyKey[] = isPackage ? [PACKAGE_KEY] : [];
  const raw = isPackage ? (yaml.value as Record<string, unknown> | null)?.[PACKAGE_KEY] : yaml.value;
  const fail = (path: readonly PropertyKey[], message: string): never => {
    throw new KefuLintError('config', `配置项 ${formatPath([...prefix, ...path])} ${message}`, {
      file,
      line: yaml.lineOf([...prefix, ...path]),
    });
  };
  const parsed = ConfigSchema.safeParse(raw ?? {}, zodChinese);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    const isSeverity = (path[0] === 'rules' && path.length <= 3) || (path[0] === 'overrides' && path[2] === 'rules' && path.length <= 5);
    const missing = issue.code !== 'unrecognized_keys' && valueAt(raw, path) === undefined;
    const what = missing ? '缺失' : isSeverity && issue.code === 'invalid_union' ? '的级别无效' : `无效：${issue.message}`;
    fail(path, `${what}。${allowedAt(path)}。`);
  }
  const data = parsed.data!;
  checkSettings(data, [], fail);
  data.overrides?.forEach((override, index) => checkSettings(override, ['overrides', index], fail));
  return data;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The rules a config may name: the built-in ones and the shop phrases. */
const knownRules = (): Map<string, Rule<any>> => new Map([...builtinRules, shopPhrasesRule([])].map((rule) => [rule.id, rule]));

/** What zod cannot see: rule ids, each rule's own options, jieba word syntax. */
function checkSettings(section: Pick<ConfigData, 'rules' | 'words'>, base: PropertyKey[], fail: (path: readonly PropertyKey[], message: string) => never): void {
  const rules = knownRules();
  for (const [id, setting] of Object.entries(section.rules ?? {})) {
    const path = [...base, 'rules', id];
    if (id === SHOP_PHRASES_RULE && typeof setting === 'object' && 'options' in setting) fail([...path, 'options'], '没有选项：店铺话术请写在 phrases 里。');
    const problem = checkRuleSetting(rules, id, setting);
    if (problem?.kind === 'unknown-rule') fail(path, `是未知规则。${unknownRuleMessage(id, problem.suggestion)}`);
    if (problem?.kind === 'bad-options') fail([...path, 'options', ...problem.path], `无效：${problem.message}。可用选项见 ${problem.docs}`);
  }
  section.words?.forEach((word, index) => {
    try {
      toJiebaWord(word);
    } catch (error) {
      fail([...base, 'words', index], `无效：${(error as Error).message}`);
    }
  });
}

export function loadConfig(file: string): LoadedConfig {
  const absolute = resolve(file);
  return { file: absolute, dir: dirname(absolute), data: parseConfig(readTextFile(file, 'config'), file) };
}

/** The config file nearest to `dir` (itself or a parent), or undefined. */
export function findConfigFile(dir: string, cache = new Map<string, string | null>()): string | undefined {
  const visited: string[] = [];
  let current = resolve(dir);
  let found: string | null = null;
  for (;;) {
    const cached = cache.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    const candidate = CONFIG_FILES.map((name) => join(current, name)).find((path) => existsSync(path));
    if (candidate) {
      found = candidate;
      break;
    }
    const pkg = join(current, 'package.json');
    if (existsSync(pkg) && hasPackageKey(pkg)) {
      found = pkg;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dirVisited of visited) cache.set(dirVisited, found);
  return found ?? undefined;
}

function hasPackageKey(pkg: string): boolean {
  try {
    const data = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
    return data !== null && typeof data === 'object' && PACKAGE_KEY in data;
  } catch {
    // A broken package.json that is not ours to read is not a kefu-lint config.
    return false;
  }
}
