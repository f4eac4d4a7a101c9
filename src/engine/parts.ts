/**
 * What a linter is made of, put together once when it is created: the rules
 * (built-in and the caller's), the dictionaries, each active rule's check, and
 * the phrase matchers over the lists the rules read.
 */
import { toPhraseDictionary, type PhraseDictionary } from './dictionary.js';
import { KefuLintError } from './errors.js';
import { PhraseMatcher } from './matcher.js';
import type { Rule } from './rule.js';
import type { ActiveRule } from './runner.js';
import type { ResolvedRule } from './settings.js';

/** The built-in rules and the caller's own; a custom rule may not take a built-in id. */
export function collectRules(builtins: readonly Rule<any>[], plugins: readonly Rule<any>[]): Map<string, Rule<any>> {
  const rules = new Map<string, Rule<any>>();
  for (const rule of [...builtins, ...plugins]) {
    if (rules.has(rule.id) && !builtins.includes(rule)) {
      throw new KefuLintError('options', `规则 id「${rule.id}」重复：自定义规则不能与已有规则同名，请换一个 id。`);
    }
    rules.set(rule.id, rule);
  }
  return rules;
}

/** The given dictionaries plus extra ones as data; entries of a list with the same name are added to it. */
export function mergeDictionaries(base: ReadonlyMap<string, PhraseDictionary>, extra: readonly unknown[]): Map<string, PhraseDictionary> {
  const dictionaries = new Map(base);
  extra.forEach((data, index) => {
    const dictionary = toPhraseDictionary(data, `dictionaries[${index}]`);
    const existing = dictionaries.get(dictionary.name);
    dictionaries.set(dictionary.name, existing ? { ...existing, entries: [...existing.entries, ...dictionary.entries] } : dictionary);
  });
  return dictionaries;
}

/** Each rule that is on, created once with its options and the dictionaries it declared. */
export function activateRules(resolved: readonly ResolvedRule[], dictionaries: ReadonlyMap<string, PhraseDictionary>): { active: ActiveRule[]; used: Set<string> } {
  const active: ActiveRule[] = [];
  const used = new Set<string>();
  for (const { rule, severity, options } of resolved) {
    if (severity === 'off') continue;
    for (const name of rule.dictionaries ?? []) {
      if (!dictionaries.has(name)) {
        throw new KefuLintError('options', `规则「${rule.id}」需要词表「${name}」，但没有找到。请通过 dictionaries 选项提供。`);
      }
      used.add(name);
    }
    const check = rule.create(options, {
      dictionary(name) {
        const dictionary = dictionaries.get(name);
        if (!dictionary || !(rule.dictionaries ?? []).includes(name)) {
          throw new KefuLintError('options', `规则「${rule.id}」读取了未声明的词表「${name}」。`);
        }
        return dictionary;
      },
    });
    active.push({ rule, severity, check });
  }
  return { active, used };
}

/**
 * Lists read by reply rules are matched in one pass; lists read only by
 * conversation rules get their own matcher, run only when those rules ask.
 */
export function buildMatchers(active: readonly ActiveRule[], used: ReadonlySet<string>, dictionaries: ReadonlyMap<string, PhraseDictionary>): PhraseMatcher[] {
  const replyDictionaries = new Set(active.filter((a) => a.rule.meta.scope === 'reply').flatMap((a) => a.rule.dictionaries ?? []));
  const entriesOf = (names: Iterable<string>) => [...names].flatMap((name) => dictionaries.get(name)!.entries);
  return [new PhraseMatcher(entriesOf(replyDictionaries)), new PhraseMatcher(entriesOf([...used].filter((name) => !replyDictionaries.has(name))))];
}
