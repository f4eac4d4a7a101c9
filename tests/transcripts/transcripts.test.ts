import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLinter, type Linter } from '../../src/index.js';
import { runMain } from '../helpers/cli.js';
import { emotionCurve, scoreEmotion } from '../../src/linter.js';
import { readConversations } from '../../src/inputs/transcript/grouper.js';
import type { Conversation, LineProblem, ReaderOptions } from '../../src/inputs/transcript/messages.js';
import { readMessages } from '../../src/inputs/transcript/read.js';
import { AgentScores, scoreConversation, toScorecard } from '../../src/transcripts/scorecard.js';
import type { ConversationTurn } from '../../src/engine/conversation.js';

const FIXTURES = 'tests/fixtures/transcripts';

async function read(input: string | Buffer, name: string, options: ReaderOptions = {}) {
  const problems: LineProblem[] = [];
  const conversations: Conversation[] = [];
  const source = typeof input === 'string' ? input : Readable.from([input]);
  for await (const c of readConversations(readMessages(source, name, options), name, (p) => problems.push(p))) conversations.push(c);
  return { conversations, problems };
}

const run = runMain;

describe('readers', () => {
  it('reads JSON Lines with ISO and epoch-ms times and agent names', async () => {
    const { conversations, problems } = await read('examples/transcript.jsonl', 'examples/transcript.jsonl');
    expect(problems).toEqual([]);
    expect(conversations.map((c) => [c.id, c.messages.length])).toEqual([['A1001', 6], ['A1002', 4], ['A1003', 6]]);
    const first = conversations[0].messages[1];
    expect(first).toMatchObject({ role: 'agent', agent: '小美', line: 2, time: Date.parse('2024-05-01T10:00:20+08:00') });
    expect(conversations[1].messages[0].time).toBe(1714529000000);
  });

  it('detects a GBK CSV with Chinese headers and CRLF', async () => {
    const bytes = readFileSync(`${FIXTURES}/shop.gbk.csv`);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { conversations, problems } = await read(`${FIXTURES}/shop.gbk.csv`, 'shop.gbk.csv');
    expect(problems).toEqual([]);
    expect(conversations.map((c) => c.id)).toEqual(['B2001', 'B2002']);
    expect(conversations[0].messages[1]).toMatchObject({ role: 'agent', agent: '小王', text: '有货的，今天下单明天发。', line: 3 });
    expect(conversations[0].messages[2].text).toBe('好的，谢谢');
    expect(conversations[1].messages[0]).toMatchObject({ role: 'customer', text: '等了三天还没发货！！' });
  });

  it('maps CSV columns given by options and reads UTF-8 with BOM', async () => {
    const csv = '\uFEFFsid,who,msg\r\nx1,用户,在吗\r\nx1,客服,您好\r\n';
    const { conversations } = await read(Buffer.from(csv), 'a.csv', { columns: { conversation: 'sid', role: 'who', text: 'msg' } });
    expect(conversations[0].messages.map((m) => [m.role, m.text])).toEqual([['customer', '在吗'], ['agent', '您好']]);
  });

  it('gives a CSV message with a multi-line quoted cell the line it starts on, and the next ones theirs', async () => {
    const csv = 'conversation,role,text\r\nc1,customer,"第一行\r\n第二行\r\n第三行"\r\nc1,agent,您好\r\nc1,客服,\r\n';
    const { conversations, problems } = await read(Buffer.from(csv), 'multi.csv');
    expect(conversations[0].messages.map((m) => m.line)).toEqual([2, 5, 6]);
    expect(conversations[0].messages[0].text).toBe('第一行\r\n第二行\r\n第三行');
    expect(problems).toEqual([]);
  });

  it('a CSV without role/text columns is one clear error', async () => {
    await expect(read(Buffer.from('name,price\n杯子,10\n'), 'goods.csv')).rejects.toThrow(/goods\.csv:1: CSV 表头缺少必需的列/);
  });

  it('reads a CRLF chat log with half- and full-width colons, split on blank lines', async () => {
    const { conversations, problems } = await read(`${FIXTURES}/chat.crlf.log`, 'chat.crlf.log');
    expect(problems).toEqual([]);
    expect(conversations).toHaveLength(2);
    const [a, b] = conversations;
    expect(a.messages.map((m) => [m.role, m.text, m.line])).toEqual([
      ['customer', '在吗', 1],
      ['agent', '在的，亲，有什么可以帮您？', 2],
      ['customer', '衣服破损了，我要退款', 3],
      ['agent', '请提供订单号。', 4],
    ]);
    expect(a.messages[1].agent).toBe('客服小美');
    expect(a.messages[3].time! - a.messages[2].time!).toBe(270_000);
    expect(b.messages[1]).toMatchObject({ agent: '客服阿杰', line: 7 });
  });

  it('recognises agents by a name list and a custom separator', async () => {
    const log = '2024-05-04 09:00:00 小蓝: 在吗\n2024-05-04 09:00:05 小美: 您好\n### next\n2024-05-04 10:00:00 小蓝: 你好\n';
    const { conversations } = await read(Buffer.from(log), 'chat.log', { agents: ['小美'], separator: '###' });
    expect(conversations.map((c) => c.messages.map((m) => m.role))).toEqual([['customer', 'agent'], ['customer']]);
  });

  it('skips malformed lines with their line numbers and keeps the rest', async () => {
    const { conversations, problems } = await read(`${FIXTURES}/malformed.jsonl`, 'malformed.jsonl');
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems[1].reason).toContain('角色「boss」');
    expect(problems[2].reason).toContain('时间「昨天」');
    expect(conversations[0].messages.map((m) => m.line)).toEqual([1, 2, 7, 8]);
  });

  it('a file that is not a transcript is one error, not thirty warnings', async () => {
    await expect(read(`${FIXTURES}/not-a-transcript.jsonl`, 'x.jsonl')).rejects.toThrow(/x\.jsonl: 这不是会话记录/);
  });

  it('keeps interleaved live chats apart', async () => {
    const lines = ['a', 'b', 'a', 'b'].map((c, i) => JSON.stringify({ conversation: c, role: i < 2 ? 'customer' : 'agent', text: `m${i}` }));
    const { conversations } = await read(Buffer.from(lines.join('\n')), 'x.jsonl');
    expect(conversations.map((c) => [c.id, c.messages.map((m) => m.text)])).toEqual([['a', ['m0', 'm2']], ['b', ['m1', 'm3']]]);
  });
});

describe('emotion score', () => {
  it('scores words, punctuation runs and look-alikes', () => {
    expect(scoreEmotion('请问有XL码吗').score).toBe(0);
    expect(scoreEmotion('我要投诉').score).toBe(45);
    expect(scoreEmotion('我要投诉！！！')).toMatchObject({ score: 65, punctuation: 20, level: '愤怒', words: ['投诉'] });
    // Feeling, not topic: asking for a refund is a request; an angry question is not.
    expect(scoreEmotion('请问能退款吗').score).toBe(0);
    expect(scoreEmotion('凭什么不给我退').level).toBe('不满');
    expect(scoreEmotion('放心，我不会投诉的').score).toBe(0);
    expect(scoreEmotion('垃圾袋送了吗').score).toBe(0);
  });

  it('counts 10 points for each ！/？ after the first in a run, at most 30', () => {
    const points = (text: string) => scoreEmotion(text).punctuation;
    expect(points('好的！')).toBe(0);
    expect(points('好的？？')).toBe(10);
    expect(points('a!b!!')).toBe(10);
    // Two runs add up; half-width and full-width marks make one run.
    expect(points('真的吗？？你们！！')).toBe(20);
    expect(points('?？!')).toBe(20);
    expect(points('？！？！？')).toBe(30);
    expect(points('')).toBe(0);
  });

  it('escalates across turns and carries anger over', () => {
    const curve = emotionCurve([
      { role: 'customer', text: '怎么还没发货' },
      { role: 'agent', text: '您好，我帮您查一下' },
      { role: 'customer', text: '都三天了，太慢了' },
      { role: 'customer', text: '再不发我就投诉！！' },
      { role: 'customer', text: '好的' },
    ]);
    expect(curve[1]).toBeUndefined();
    // The customer calms (好的): the score comes down instead of carrying the anger on.
    expect(curve.map((c) => c?.score)).toEqual([30, undefined, 85, 98, 0]);
    expect(curve[2]!.streak).toBe(1);
  });

  it('lintConversation gives each customer message the score emotionCurve gives it', async () => {
    const linter = await createLinter();
    const turns: ConversationTurn[] = [
      { role: 'customer', text: '凭什么让我一直等？？' },
      { role: 'agent', text: '您好，我帮您查一下' },
      { role: 'customer', text: '都三天了，质量太差了' },
      { role: 'customer', text: '你自己看看吧' },
      { role: 'agent', text: '非常抱歉' },
      { role: 'customer', text: '好的，谢谢' },
    ];
    const fromConversation = linter.lintConversation(turns).messages.map((m) => m.emotion?.score);
    expect(fromConversation).toEqual(linter.emotionCurve(turns).map((c) => c?.score));
    // Asked again with the same turns (a chat tool re-linting as the agent types), the scores are the same.
    expect(linter.lintConversation(turns).messages.map((m) => m.emotion?.score)).toEqual(fromConversation);
    expect(fromConversation[0]).toBeGreaterThanOrEqual(30);
    expect(fromConversation[5]).toBeLessThan(fromConversation[3]!);
  });
});

describe('conversation rules and lintConversation', () => {
  let linter: Linter;
  beforeAll(async () => {
    linter = await createLinter();
  });
  const t = (s: string) => Date.parse(`2024-05-01T10:${s}+08:00`);
  const ids = (messages: ConversationTurn[], index: number) =>
    linter.lintConversation(messages).messages[index].findings.map((f) => f.ruleId).filter((id) => !['prefer-honorific', 'no-first-person-overuse'].includes(id));

  it('greeting-required: first agent reply only', () => {
    const conversation: ConversationTurn[] = [
      { role: 'customer', text: '在吗，有货吗' },
      { role: 'agent', text: '有货的，今天可以发出。' },
      { role: 'customer', text: '好的' },
      { role: 'agent', text: '感谢您的支持，有问题随时联系我们。' },
    ];
    expect(ids(conversation, 1)).toContain('greeting-required');
    expect(ids(conversation, 3)).not.toContain('greeting-required');
    expect(ids([{ role: 'customer', text: '在吗' }, { role: 'agent', text: '亲，在的，请问有什么可以帮您？' }], 1)).not.toContain('greeting-required');
    // Not a greeting word on a token boundary: 亲自 is not 亲.
    expect(ids([{ role: 'customer', text: '在吗' }, { role: 'agent', text: '店长亲自为您挑选了款式。' }], 1)).toContain('greeting-required');
  });

  it('farewell-required: only the last agent reply, and not without a conversation', () => {
    const conversation: ConversationTurn[] = [
      { role: 'customer', text: '在吗' },
      { role: 'agent', text: '您好，请问有什么可以帮您？' },
      { role: 'customer', text: '退款到账了吗' },
      { role: 'agent', text: '您好，已经退回原支付账户了。' },
      { role: 'customer', text: '好的，谢谢' },
      { role: 'agent', text: '好的。' },
    ];
    expect(ids(conversation, 1)).not.toContain('farewell-required');
    expect(ids(conversation, 5)).toContain('farewell-required');
    conversation[5] = { role: 'agent', text: '不客气，感谢您的耐心。' };
    expect(ids(conversation, 5)).not.toContain('farewell-required');
    // Cut, not closed: the customer asked something and the transcript ends there.
    expect(ids(conversation.slice(0, 4), 3)).not.toContain('farewell-required');
    expect(linter.lint('已经退回原支付账户了。', { standalone: true }).map((f) => f.ruleId)).not.toContain('farewell-required');
  });

  it('response-time: over the limit only where both times are known; platform presets', async () => {
    const late: ConversationTurn[] = [
      { role: 'customer', text: '在吗', time: t('00:00') },
      { role: 'customer', text: '有人吗', time: t('02:00') },
      { role: 'agent', text: '您好，在的，让您久等了，感谢您的耐心。', time: t('03:01') },
    ];
    const finding = linter.lintConversation(late).conversationFindings.find((f) => f.ruleId === 'response-time');
    expect(finding?.reason).toContain('3 分 1 秒');
    expect(finding?.messageIndex).toBe(2);
    late[2] = { ...late[2], time: t('03:00') };
    expect(ids(late, 2)).not.toContain('response-time');
    expect(ids([late[0], { role: 'agent', text: '您好，在的' }], 1)).not.toContain('response-time');
    const jd = await createLinter({ rules: { 'response-time': { options: { platform: 'jd' } } } });
    const quick: ConversationTurn[] = [late[0], { role: 'agent', text: '您好，在的，感谢您的支持', time: t('00:31') }];
    expect(jd.lintConversation(quick).conversationFindings.map((f) => f.reason)).toEqual([expect.stringContaining('京东的常用标准（30 秒）')]);
    expect(ids(quick, 1)).not.toContain('response-time');
  });

  it('empathy-required: upset customer and a reply without empathy', () => {
    const upset: ConversationTurn[] = [
      { role: 'customer', text: '收到的东西是坏的，我要投诉！！' },
      { role: 'agent', text: '您好，请提供一下订单号。' },
    ];
    expect(ids(upset, 1)).toContain('empathy-required');
    upset[1] = { role: 'agent', text: '非常抱歉给您带来不便，请提供一下订单号，马上为您处理。' };
    expect(ids(upset, 1)).not.toContain('empathy-required');
    // Look-alikes: a calm question, a customer saying they will not complain.
    expect(ids([{ role: 'customer', text: '请问怎么申请发票？' }, { role: 'agent', text: '您好，请提供一下订单号。' }], 1)).not.toContain('empathy-required');
    expect(ids([{ role: 'customer', text: '没事，我不会投诉的' }, { role: 'agent', text: '您好，请提供一下订单号。' }], 1)).not.toContain('empathy-required');
  });

  it('no-repeated-reply: the same canned reply twice, but not short acknowledgements', () => {
    const repeated: ConversationTurn[] = [
      { role: 'customer', text: '怎么退货' },
      { role: 'agent', text: '亲，请在订单页面点击申请退货哦。' },
      { role: 'customer', text: '找不到' },
      { role: 'agent', text: '亲，请在订单页面点击申请退货哦！' },
    ];
    expect(ids(repeated, 3)).toContain('no-repeated-reply');
    const acks: ConversationTurn[] = [
      { role: 'customer', text: '我发了照片' },
      { role: 'agent', text: '好的' },
      { role: 'customer', text: '还有一张' },
      { role: 'agent', text: '好的' },
    ];
    expect(ids(acks, 3)).not.toContain('no-repeated-reply');
  });

  it('returns per-message findings, emotion for customers, and only agent messages are linted', () => {
    const result = linter.lintConversation([
      { role: 'customer', text: '在吗？你们这个做不到吗？？？' },
      { role: 'agent', text: '这个我们做不到。', agent: '小美', line: 9 },
    ]);
    expect(result.messages[0].findings).toEqual([]);
    expect(result.messages[0].emotion?.punctuation).toBe(20);
    expect(result.messages[1].findings.map((f) => f.ruleId)).toContain('no-negative-phrasing');
    expect(result.findings.every((f) => f.messageIndex === 1 && f.agent === '小美' && f.sourceLine === 9)).toBe(true);
    expect(result.conversationFindings.map((f) => f.ruleId).sort()).toEqual(['greeting-required']);
  });
});

describe('scorecard', () => {
  const card = toScorecard({ weights: { 'greeting-required': 3 } });
  it('subtracts weights, floors at 0, auto-fails', () => {
    expect(scoreConversation([{ ruleId: 'greeting-required', severity: 'warning' }, { ruleId: 'no-jargon', severity: 'warning' }, { ruleId: 'x', severity: 'error' }], card)).toEqual({
      score: 82,
      deductions: { 'greeting-required': 3, 'no-jargon': 5, x: 10 },
    });
    expect(scoreConversation(Array(30).fill({ ruleId: 'no-jargon', severity: 'warning' }), card).score).toBe(0);
    expect(scoreConversation([{ ruleId: 'no-privacy-leak', severity: 'warning' }], card)).toMatchObject({ score: 0, failedBy: 'no-privacy-leak' });
    expect(() => toScorecard({ weights: { a: -1 } } as never)).toThrow(/评分卡选项 weights\.a 无效/);
  });

  it('an agent score is the mean over their conversations', () => {
    const agents = new AgentScores();
    agents.add(['小美'], { score: 100, deductions: {} }, []);
    agents.add(['小美', '小美', '阿杰'], { score: 85, deductions: {} }, [{ ruleId: 'no-jargon', severity: 'warning', agent: '小美' }]);
    expect(agents.list()).toEqual([
      { agent: '阿杰', conversations: 1, findings: {}, score: 85, autoFailed: 0 },
      { agent: '小美', conversations: 2, findings: { 'no-jargon': 1 }, score: 92.5, autoFailed: 0 },
    ]);
  });
});

describe('command line', () => {
  it('--format json carries conversation, message index, agent and source line', async () => {
    const { code, stdout } = await run(['examples/transcript.jsonl', '-f', 'json']);
    expect(code).toBe(0);
    const [file] = JSON.parse(stdout);
    const repeated = file.messages.find((m: { ruleId: string }) => m.ruleId === 'no-repeated-reply');
    expect(repeated).toMatchObject({ conversation: 'A1003', messageIndex: 3, agent: '阿杰', line: 14 });
  });

  it('malformed lines warn with file and line, the rest is linted, exit 2', async () => {
    const { code, stdout, stderr } = await run([`${FIXTURES}/malformed.jsonl`, `${FIXTURES}/not-a-transcript.jsonl`, '-f', 'summary']);
    expect(code).toBe(2);
    expect(stderr).toContain('malformed.jsonl:3: 警告');
    expect(stderr).toContain('not-a-transcript.jsonl: 这不是会话记录');
    expect(stdout).toMatch(/小美\s+1\s+100\.0/);
  });

  it('--format summary prints a table per agent; --platform tightens response-time', async () => {
    const { code, stdout } = await run([`${FIXTURES}/shop.gbk.csv`, `${FIXTURES}/chat.crlf.log`, '-f', 'summary']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^客服\s+会话数.*得分$/);
    // Rules are named as in DOMAIN.md, not by id.
    expect(stdout.split('\n')[0]).toMatch(/[\u4e00-\u9fff]{4,}/);
    expect(stdout.split('\n')[0]).not.toMatch(/[a-z]+-[a-z]+/);
    expect(stdout).toContain('共 2 个文件、4 个会话、12 条消息');
    const jd = await run([`${FIXTURES}/chat.crlf.log`, '-f', 'json', '--platform', 'jd']);
    expect(jd.stdout).toContain('京东的常用标准');
  });
});
