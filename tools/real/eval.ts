/**
 * `npm run eval:real`: how the rules do on real agent chats (tests/real/README.md).
 *
 * - per-rule precision and recall on the labelled random replies (two annotators merged),
 *   and on the shared calibration sample;
 * - flag rate per rule over every real reply;
 * - shown-warning precision: a uniform sample of the warnings an agent would see,
 *   as two judges marked them (right / wrong / borderline);
 * - the conversation rules per agent turn on the labelled sessions;
 * - the emotion score's upset threshold against the customers' upset / calm labels.
 *
 *   node dist/tools/real/eval.js [--judge-packet DIR] [--misses]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules, createLinter, emotionLevel, type Finding, type Linter, type RuleSetting } from '../../src/index.js';
import { readRealReplies, readRealSessions, type RealReply, type RealSession } from './data.js';
import { hasLabels, labelFile, mergeRuleLabels, mergeVerdicts, readRuleLabels, readVerdicts, type RuleLabel } from './labels.js';

const REPLY_RULES = builtinRules.filter((r) => r.meta.scope === 'reply').map((r) => r.id);
const CONVERSATION_RULES = ['greeting-required', 'farewell-required', 'empathy-required', 'no-repeated-reply'];
/**
 * Warnings sampled for judging: each warning is in the sample when a hash of its
 * key falls under this share, so every warning is equally likely, and a warning
 * keeps its place in the sample (and its verdicts) when rules change elsewhere.
 */
const WARNING_SAMPLE_SHARE = 0.3;

const pct = (n: number, d: number) => (d === 0 ? '   —  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const ratio = (n: number, d: number) => (d === 0 ? '  —  ' : (n / d).toFixed(3));

/** Every reply rule on at its recommended severity (at least info), conversation rules off. */
function replyLinter(): Promise<Linter> {
  const rules: Record<string, RuleSetting> = {};
  for (const rule of builtinRules) {
    if (rule.meta.scope === 'conversation') rules[rule.id] = 'off';
    else if (rule.meta.severity === 'off') rules[rule.id] = 'info';
  }
  return createLinter({ rules });
}

/**
 * A reply as a chat tool lints it: mid-conversation, with the customer's latest
 * message as history. The corpus does not mark who said what in the chat before a
 * turn; its last message is the one the agent is answering.
 */
function lintReply(linter: Linter, reply: RealReply): Finding[] {
  const last = reply.context.split(',').map((part) => part.trim()).filter(Boolean).at(-1);
  return linter.lint(reply.text, { history: last ? [{ role: 'customer', text: last }] : [] });
}

/** A stable key for a warning that quotes no corpus text: reply, rule and the span it points at. */
function warningKey(id: string, finding: Finding): string {
  return `${id}|${finding.ruleId}|${finding.start}-${finding.end}`;
}

/** FNV-1a over the key, as a share in [0, 1). */
function sampled(key: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 0x100000000 < WARNING_SAMPLE_SHARE;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function scoreReplies(labels: Map<string, RuleLabel>, fired: Map<string, Set<string>>, rules: readonly string[], misses?: string[][]): Map<string, Counts> {
  const counts = new Map(rules.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]));
  for (const [id, label] of labels) {
    const got = fired.get(id);
    if (!got) continue;
    for (const rule of rules) {
      const c = counts.get(rule)!;
      const expected = label.expect.has(rule);
      if (got.has(rule) && expected) c.tp++;
      else if (got.has(rule) && !label.dontcare.has(rule)) {
        c.fp++;
        misses?.push(['FP', rule, id]);
      } else if (!got.has(rule) && expected) {
        c.fn++;
        misses?.push(['FN', rule, id]);
      }
    }
  }
  return counts;
}

function countsTable(title: string, counts: Map<string, Counts>): string[] {
  const out = [title, `${'规则'.padEnd(26)}  TP   FP   FN  精确率  召回率`];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [rule, c] of counts) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    if (c.tp + c.fp + c.fn === 0) continue;
    out.push(`${rule.padEnd(26)} ${String(c.tp).padStart(3)}  ${String(c.fp).padStart(3)}  ${String(c.fn).padStart(3)}  ${ratio(c.tp, c.tp + c.fp)}   ${ratio(c.tp, c.tp + c.fn)}`);
  }
  out.push(`${'合计'.padEnd(24)} ${String(tp).padStart(3)}  ${String(fp).padStart(3)}  ${String(fn).padStart(3)}  ${ratio(tp, tp + fp)}   ${ratio(tp, tp + fn)}`);
  return out;
}

interface LintedReply {
  key: string;
  reply: RealReply;
  finding: Finding;
}

/** Every real reply linted once: the rules each fired, and every warning with a stable key. */
function lintAll(linter: Linter, replies: readonly RealReply[]): { fired: Map<string, Set<string>>; warnings: LintedReply[] } {
  const fired = new Map<string, Set<string>>();
  const warnings: LintedReply[] = [];
  for (const reply of replies) {
    const findings = lintReply(linter, reply);
    fired.set(reply.id, new Set(findings.map((f) => f.ruleId)));
    for (const finding of findings) warnings.push({ key: warningKey(reply.id, finding), reply, finding });
  }
  return { fired, warnings };
}

function flagRates(replies: readonly RealReply[], fired: Map<string, Set<string>>, warnings: number): string[] {
  const perRule = new Map<string, number>();
  let flagged = 0;
  for (const rules of fired.values()) {
    if (rules.size > 0) flagged++;
    for (const rule of rules) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
  }
  const out = [`一、全部真实回复的报警率：有任何提示的回复 ${pct(flagged, replies.length)}（${flagged} 条），提示共 ${warnings} 条。`];
  for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) out.push(`  ${rule.padEnd(26)} ${pct(n, replies.length)}  (${n})`);
  return out;
}

function replyFigures(fired: Map<string, Set<string>>, misses: string[][]): string[] {
  const out: string[] = [];
  if (hasLabels('replies.a.tsv') && hasLabels('replies.b.tsv')) {
    const { merged, agreement } = mergeRuleLabels(readRuleLabels(labelFile('replies.a.tsv')), readRuleLabels(labelFile('replies.b.tsv')), REPLY_RULES);
    const expected = [...merged.values()].reduce((n, l) => n + l.expect.size, 0);
    out.push(`二、随机抽样的 ${merged.size} 条真实回复（两名标注者独立标注；两人都标的计为应报，只有一人标的不计分）：应报 ${expected} 处。`);
    out.push(
      `  标注一致性：两人都标 ${agreement.both}，只有 A ${agreement.onlyA}，只有 B ${agreement.onlyB}；Cohen's κ = ${agreement.kappa.toFixed(3)}；一人标出问题而另一人认为完全没问题的回复 ${agreement.flaggedVsClean} 条。`,
    );
    out.push(...countsTable('', scoreReplies(merged, fired, REPLY_RULES, misses)));
  } else {
    out.push('二、没有找到随机回复的标注（tests/real/labels/replies.a.tsv、replies.b.tsv）。');
  }
  if (hasLabels('jddc2018-sample.tsv')) {
    const calibration = readRuleLabels(labelFile('jddc2018-sample.tsv'));
    out.push('', ...countsTable(`  校准样本（jddc2018-sample.tsv，${calibration.size} 条，另一组标注者）：`, scoreReplies(calibration, fired, REPLY_RULES, misses)));
  }
  return out;
}

function warningFigures(warnings: readonly LintedReply[], drawn: readonly LintedReply[]): string[] {
  if (!hasLabels('warnings.a.tsv') || !hasLabels('warnings.b.tsv')) {
    return [`三、还没有报警评判（tests/real/labels/warnings.a.tsv、warnings.b.tsv）；抽样 ${drawn.length} 条，用 --judge-packet 导出。`];
  }
  const a = readVerdicts(labelFile('warnings.a.tsv'));
  const b = readVerdicts(labelFile('warnings.b.tsv'));
  const judged = drawn.filter((w) => a.has(w.key) && b.has(w.key));
  const { pairs, agreement } = mergeVerdicts(new Map(judged.map((w) => [w.key, a.get(w.key)!])), new Map(judged.map((w) => [w.key, b.get(w.key)!])));
  const out = [
    `三、报警的可信度：从全部 ${warnings.length} 条提示中按键的散列均匀抽取 ${drawn.length} 条（每条提示被抽中的机会相同），两名评判者已评 ${judged.length} 条${judged.length < drawn.length ? `（还有 ${drawn.length - judged.length} 条未评，用 --judge-packet 导出）` : ''}。`,
    ...verdictShares('  全部提示（含 info）：', judged, a, b),
    ...verdictShares('  其中 warning 及以上（info 是较轻的提示）：', judged.filter((w) => w.finding.severity !== 'info'), a, b),
  ];
  out.push(`  两人一致的比例 ${pct(agreement * pairs.length, pairs.length)}；按规则（对 / 两可 / 错报，取两人平均）：`);
  const byRule = new Map<string, { n: number; right: number; wrong: number }>();
  const half = (w: LintedReply, verdict: string) => ((a.get(w.key) === verdict ? 1 : 0) + (b.get(w.key) === verdict ? 1 : 0)) / 2;
  for (const w of judged) {
    const entry = byRule.get(w.finding.ruleId) ?? { n: 0, right: 0, wrong: 0 };
    entry.n++;
    entry.right += half(w, 'right');
    entry.wrong += half(w, 'wrong');
    byRule.set(w.finding.ruleId, entry);
  }
  for (const [rule, e] of [...byRule].sort((x, y) => y[1].n - x[1].n)) {
    out.push(`    ${rule.padEnd(26)} 共 ${String(e.n).padStart(3)}：对 ${e.right}，两可 ${e.n - e.right - e.wrong}，错报 ${e.wrong}`);
  }
  return out;
}

function verdictShares(title: string, judged: readonly LintedReply[], a: Map<string, string>, b: Map<string, string>): string[] {
  const out = [`${title}${judged.length} 条`];
  for (const verdict of ['right', 'wrong', 'borderline']) {
    const na = judged.filter((w) => a.get(w.key) === verdict).length;
    const nb = judged.filter((w) => b.get(w.key) === verdict).length;
    out.push(`    ${verdict.padEnd(10)} A ${pct(na, judged.length)}  B ${pct(nb, judged.length)}  平均 ${pct((na + nb) / 2, judged.length)}`);
  }
  return out;
}

/** The sampled warnings no judge has seen yet, as a packet for the two judges. */
function writeJudgePacket(dir: string, drawn: readonly LintedReply[]): string {
  const judgedKeys = new Set(hasLabels('warnings.a.tsv') ? readVerdicts(labelFile('warnings.a.tsv')).keys() : []);
  const todo = drawn.filter((w) => !judgedKeys.has(w.key));
  mkdirSync(dir, { recursive: true });
  const item = (w: LintedReply) =>
    [
      `## ${w.key}`,
      `上文: ${w.reply.context.replace(/\s+/g, ' ') || '（无）'}`,
      `回复: ${w.reply.text.replace(/\s+/g, ' ')}`,
      `规则: ${w.finding.ruleId}（${w.finding.severity}）`,
      `指出: 「${w.finding.actual}」`,
      `理由: ${w.finding.reason}`,
      `建议: ${w.finding.expected.join(' / ') || '（无）'}`,
      '',
    ].join('\n');
  writeFileSync(join(dir, 'warnings.txt'), todo.map(item).join('\n'));
  return `已把 ${todo.length} 条待评报警写入 ${join(dir, 'warnings.txt')}。`;
}

async function conversationFigures(sessions: readonly RealSession[], misses: string[][]): Promise<string[]> {
  const linter = await createLinter({ rules: Object.fromEntries(REPLY_RULES.map((id) => [id, 'off' as const])) });
  const fired = new Map<string, Set<string>>();
  const sessionsWith = new Map<string, number>();
  const scores = new Map<string, number>();
  for (const session of sessions) {
    const result = linter.lintConversation(session.turns);
    const inSession = new Set<string>();
    result.messages.forEach((message, index) => {
      const id = `${session.id}#${index}`;
      if (message.role === 'customer') {
        if (message.emotion) scores.set(id, message.emotion.score);
        return;
      }
      const rules = new Set(message.findings.map((f) => f.ruleId));
      fired.set(id, rules);
      rules.forEach((rule) => inSession.add(rule));
    });
    inSession.forEach((rule) => sessionsWith.set(rule, (sessionsWith.get(rule) ?? 0) + 1));
  }
  const out = [`四、会话规则（${sessions.length} 段会话，逐条客服回复）：`];
  for (const rule of CONVERSATION_RULES) out.push(`  有 ${rule} 提示的会话 ${pct(sessionsWith.get(rule) ?? 0, sessions.length)}`);
  if (hasLabels('turns.a.tsv') && hasLabels('turns.b.tsv')) {
    const { merged, agreement } = mergeRuleLabels(readRuleLabels(labelFile('turns.a.tsv')), readRuleLabels(labelFile('turns.b.tsv')), CONVERSATION_RULES);
    out.push(`  ${merged.size} 条客服回复有两人标注；一致性 κ = ${agreement.kappa.toFixed(3)}（两人都标 ${agreement.both}，只有 A ${agreement.onlyA}，只有 B ${agreement.onlyB}）。`);
    out.push(...countsTable('  （FP 即错报：规则报了，两名标注者都没有标，也没有认为是两可）', scoreReplies(merged, fired, CONVERSATION_RULES, misses)));
  }
  out.push('', ...emotionFigures(scores, misses));
  return out;
}

function emotionFigures(scores: Map<string, number>, misses: string[][]): string[] {
  if (!hasLabels('emotion.a.tsv') || !hasLabels('emotion.b.tsv')) return [];
  const { agreed, agreement } = mergeVerdicts(readVerdicts(labelFile('emotion.a.tsv')), readVerdicts(labelFile('emotion.b.tsv')));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [id, label] of agreed) {
    if (label !== 'upset' && label !== 'calm') continue;
    const upset = emotionLevel(scores.get(id) ?? 0) !== '平静';
    if (label === 'upset') upset ? tp++ : (fn++, misses.push(['FN', 'emotion', id]));
    else upset ? (fp++, misses.push(['FP', 'emotion', id])) : tn++;
  }
  const total = tp + fp + fn + tn;
  const balanced = (tp / Math.max(1, tp + fn) + tn / Math.max(1, tn + fp)) / 2;
  return [
    `五、顾客情绪（情绪温度达到「不满」即记为不满）：两人一致的标注 ${total} 条（不满 ${tp + fn}，平静 ${fp + tn}；两人一致率 ${pct(agreement, 1)}）。`,
    `  精确率 ${ratio(tp, tp + fp)}，召回率 ${ratio(tp, tp + fn)}，一致率 ${ratio(tp + tn, total)}，平衡一致率 ${balanced.toFixed(3)}`,
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const packetDir = args.includes('--judge-packet') ? args[args.indexOf('--judge-packet') + 1] : undefined;
  const replies = readRealReplies();
  const sessions = readRealSessions();
  const { fired, warnings } = lintAll(await replyLinter(), replies);
  const drawn = warnings.filter((w) => sampled(w.key));
  const misses: string[][] = [];
  const out = [`真实语料：${replies.length} 条客服回复（JDDC 2018），${sessions.length} 段会话（ECD）。`, ''];
  out.push(...flagRates(replies, fired, warnings.length), '');
  out.push(...replyFigures(fired, misses), '');
  out.push(...warningFigures(warnings, drawn), '');
  if (packetDir) out.push(writeJudgePacket(packetDir, drawn), '');
  out.push(...(await conversationFigures(sessions, misses)), '');
  if (args.includes('--misses')) {
    const texts = new Map<string, string>(replies.map((r) => [r.id, r.text]));
    for (const s of sessions) s.turns.forEach((t, i) => texts.set(`${s.id}#${i}`, t.text));
    out.push('误报与漏报（仅供本地查看，不要提交语料原文）：');
    for (const [kind, rule, id] of misses) out.push(`  ${kind} ${rule.padEnd(26)} ${id}  ${texts.get(id) ?? ''}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 2;
});
