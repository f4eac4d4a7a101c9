import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findConfigFile, parseConfig } from '../../src/config/load.js';
import { ConfigResolver, mergeSettings } from '../../src/config/resolve.js';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'kefu-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
};

describe('config errors name the file, key path, line and what is allowed', () => {
  const cases: [string, string, string, RegExp][] = [
    ['unknown rule', 'c.yaml', 'rules:\n  no-jargon: warn\n  no-jargn: error\n', /^c\.yaml:3: 配置项 rules\.no-jargn 是未知规则。未知规则「no-jargn」。是否想写「no-jargon」？/],
    ['bad severity', 'c.yaml', 'preset: strict\nrules:\n  no-jargon: loud\n', /^c\.yaml:3: 配置项 rules\.no-jargon 的级别无效。.*off、info、warn、error/],
    ['bad option value', 'c.yaml', 'rules:\n  no-jargon:\n    severity: warn\n    options:\n      allow: 工单\n', /^c\.yaml:5: 配置项 rules\.no-jargon\.options\.allow 无效：.*可用选项见 /],
    ['unknown option', 'c.yaml', 'rules:\n  no-jargon:\n    options:\n      alow: [工单]\n', /^c\.yaml:4: 配置项 rules\.no-jargon\.options\.alow 无效/],
    ['bad preset', 'c.json', '{\n  "preset": "lenient"\n}\n', /^c\.json:2: 配置项 preset 无效：.*可选 recommended、strict/],
    ['unknown key', 'c.yaml', 'preset: strict\nrulez: {}\n', /^c\.yaml:2: 配置项 rulez 无效：.*可用的键：preset、rules、phrases、words、overrides、ignores/],
    ['phrase without phrase', 'c.yaml', 'phrases:\n  - rewrite: 您\n', /^c\.yaml:2: 配置项 phrases\[0\]\.phrase 缺失。.*phrase 必填/],
    ['bad phrase severity', 'c.yaml', 'phrases:\n  - phrase: 亲爱的\n    severity: fatal\n', /^c\.yaml:3: 配置项 phrases\[0\]\.severity 无效/],
    ['bad word', 'c.yaml', 'words:\n  - 运费险\n  - "a b"\n', /^c\.yaml:3: 配置项 words\[1\] 无效：分词词条「a b」无效/],
    ['override without files', 'c.yaml', 'overrides:\n  - rules:\n      no-jargon: off\n', /^c\.yaml:2: 配置项 overrides\[0\]\.files 缺失。.*files 必填/],
    ['override with unknown rule', 'c.yaml', 'overrides:\n  - files: "*.md"\n    rules:\n      nope: off\n', /^c\.yaml:4: 配置项 overrides\[0\]\.rules\.nope 是未知规则/],
    ['JSON syntax', 'c.json', '{\n  "preset": "strict",\n}\n', /^c\.json:3: JSON 语法错误/],
    ['YAML syntax', 'c.yaml', 'rules:\n  no-jargon: [warn\n', /^c\.yaml:\d+: YAML 语法错误/],
    ['package.json key', 'package.json', '{\n  "name": "shop",\n  "kefu-lint": {\n    "rules": { "no-jargn": "off" }\n  }\n}\n', /^package\.json:4: 配置项 kefu-lint\.rules\.no-jargn 是未知规则/],
  ];
  for (const [name, file, text, expected] of cases) {
    it(name, () => {
      expect(() => parseConfig(text, file)).toThrow(expected);
    });
  }

  it('accepts a full config', () => {
    const data = parseConfig(
      'preset: strict\nrules:\n  no-jargon: { severity: error, options: { allow: [工单] } }\n  shop-phrases: error\nphrases:\n  - { phrase: 亲爱的, rewrite: 您, severity: error, reason: 不用 }\nwords: [运费险]\noverrides:\n  - files: ["drafts/**"]\n    rules: { courtesy-required: off }\nignores: ["archive/**"]\n',
      'c.yaml',
    );
    expect(data.preset).toBe('strict');
    expect(data.overrides?.[0].files).toEqual(['drafts/**']);
  });
});

describe('finding and merging configs', () => {
  it('walks up from the file: config files first, then a package.json with a kefu-lint key', () => {
    const pkg = write('shop/package.json', JSON.stringify({ name: 'shop', 'kefu-lint': { preset: 'strict' } }));
    write('shop/no-key/package.json', JSON.stringify({ name: 'inner' }));
    const yaml = write('shop/team/kefu-lint.config.yaml', 'preset: recommended\n');
    expect(findConfigFile(join(root, 'shop/no-key'))).toBe(pkg);
    expect(findConfigFile(join(root, 'shop/team/deep'))).toBe(yaml);
    expect(findConfigFile(join(root, 'shop'))).toBe(pkg);
  });

  it('merges base, matching overrides in order, then the command line', () => {
    const data = parseConfig('preset: strict\nrules: { no-jargon: warn }\nphrases: [{ phrase: 亲爱的 }]\noverrides:\n  - files: a\n    preset: recommended\n    rules: { no-jargon: error }\n    phrases: [{ phrase: 宝宝 }]\n', 'c.yaml');
    expect(mergeSettings(data, [0], { rules: { 'no-jargon': 'off' } })).toEqual({
      preset: 'recommended',
      rules: { 'no-jargon': 'off' },
      phrases: [{ phrase: '亲爱的' }, { phrase: '宝宝' }],
      words: [],
    });
  });

  it('applies overrides and ignores by glob, relative to the config, and reuses one linter per resolved config', async () => {
    write('lib/kefu-lint.config.yaml', 'phrases:\n  - { phrase: 亲爱的, rewrite: 您, severity: error, reason: 本店不用“亲爱的” }\noverrides:\n  - files: "drafts/**"\n    rules: { shop-phrases: off }\nignores: ["archive/**"]\n');
    const a = write('lib/a.yaml', '- 亲爱的，您好\n');
    const b = write('lib/b.txt', '亲爱的，您好\n');
    const draft = write('lib/drafts/c.md', '- 亲爱的，您好\n');
    const old = write('lib/archive/d.txt', '亲爱的\n');
    const resolver = new ConfigResolver();
    expect((await resolver.settingsFor(old)).ignored).toBe(true);
    expect(await resolver.linterFor(old)).toBeUndefined();
    const linterA = await resolver.linterFor(a);
    expect(await resolver.linterFor(b)).toBe(linterA);
    const linterDraft = await resolver.linterFor(draft);
    expect(linterDraft).not.toBe(linterA);
    expect(resolver.linterCount).toBe(2);
    const found = linterA!.lint('亲爱的，您好');
    expect(found.map((f) => [f.ruleId, f.severity, f.actual, f.expected, f.reason])).toEqual([['shop-phrases', 'error', '亲爱的', ['您'], '本店不用“亲爱的”']]);
    expect(linterDraft!.lint('亲爱的，您好').filter((f) => f.ruleId === 'shop-phrases')).toEqual([]);
  });
});

describe('kefu-lint --config (command line)', () => {
  it('exits 2 with the config error, and uses a valid config for every file', async () => {
    const bad = write('cli/bad.yaml', 'rules:\n  no-jargn: off\n');
    const good = write('cli/good.json', '{ "rules": { "no-jargon": "error" }, "phrases": [{ "phrase": "亲爱的", "severity": "warn" }] }');
    const input = write('cli/replies.txt', '亲爱的，您好，工单已提交\n');
    const cli = (...args: string[]) => runCli(args);
    const failed = await cli('--config', bad, input);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain(`${bad}:2: 配置项 rules.no-jargn 是未知规则`);
    const ok = await cli('--config', good, '--format', 'json', input);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(1);
    const messages = (JSON.parse(ok.stdout) as { messages: { ruleId: string; severity: string; column: number }[] }[])[0].messages;
    expect(messages.map((m) => [m.ruleId, m.severity, m.column])).toEqual([
      ['shop-phrases', 'warning', 1],
      ['no-jargon', 'error', 8],
    ]);
  }, 30_000);
});
