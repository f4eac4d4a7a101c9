/**
 * A deterministic generator of JSON Lines transcripts for benchmarks and tests:
 * conversations of 4–12 messages, customers asking, complaining and thanking,
 * agents greeting, answering (the varied replies of ./corpus.ts) and closing.
 * Options add live-chat interleaving and malformed lines.
 */
import { generateReplies } from './corpus.js';

const ASKS = ['在吗', '这件衣服有XL码吗？', '发什么快递呀', '什么时候能发货', '可以便宜点吗', '这个和图片一样吗', '能开发票吗', '收到货不合适可以换吗'];
const UPSET = ['怎么还没发货！！', '我要退款，太慢了', '收到的杯子破损了，我要投诉！！！', '等了三天了还没动静？？', '你们客服怎么不回消息', '质量太差了，气死我了'];
const THANKS = ['好的，谢谢', '行吧', '知道了', '好的亲', '谢谢你'];
const GREETINGS = ['您好，在的，请问有什么可以帮您？', '亲，您好，很高兴为您服务~', '在的亲，请问有什么可以帮到您', '您好'];
const FAREWELLS = ['不客气，祝您购物愉快！', '感谢您的支持，有问题随时联系我们哦~', '好的亲，祝您生活愉快', '嗯嗯'];

export interface TranscriptCorpusOptions {
  /** Conversations open at once; their messages interleave (default 1: one after another). */
  interleave?: number;
  /** Every n-th line is malformed (default: none). */
  badEvery?: number;
  seed?: number;
}

/** Lines of a transcript with `conversations` conversations (no trailing newline). */
export function* transcriptLines(conversations: number, options: TranscriptCorpusOptions = {}): Generator<string> {
  const replies = generateReplies(4096, options.seed ?? 7);
  let reply = 0;
  let time = Date.parse('2024-05-01T09:00:00+08:00');
  let written = 0;
  const interleave = Math.max(1, options.interleave ?? 1);
  const live: { id: number; messages: string[] }[] = [];
  let next = 0;
  const conversation = (c: number): string[] => {
    const length = 4 + (c % 9);
    const upset = c % 3 === 0;
    const agent = `客服${c % 20}`;
    const lines: string[] = [];
    for (let i = 0; i < length; i++) {
      const isAgent = i % 2 === 1;
      time += 5_000 + ((c * 7 + i * 13) % 240) * 1000;
      let text: string;
      if (!isAgent) text = i === 0 ? ASKS[c % ASKS.length] : i >= length - 2 ? THANKS[(c + i) % THANKS.length] : upset ? UPSET[(c + i) % UPSET.length] : ASKS[(c + i) % ASKS.length];
      else if (i === 1 && c % 5 !== 0) text = GREETINGS[c % GREETINGS.length];
      else if (i >= length - 1 && c % 4 !== 0) text = FAREWELLS[c % FAREWELLS.length];
      else text = replies[reply++ % replies.length];
      const record: Record<string, unknown> = { conversation: `C${c}`, role: isAgent ? 'agent' : 'customer', text, time };
      if (isAgent) record.agent = agent;
      lines.push(JSON.stringify(record));
    }
    return lines;
  };
  while (next < conversations || live.length > 0) {
    while (live.length < interleave && next < conversations) live.push({ id: next, messages: conversation(next++) });
    const pick = live.length === 1 ? 0 : (written * 7) % live.length;
    const line = live[pick].messages.shift()!;
    if (live[pick].messages.length === 0) live.splice(pick, 1);
    written++;
    if (options.badEvery && written % options.badEvery === 0) yield '{"conversation": "broken", ';
    yield line;
  }
}
