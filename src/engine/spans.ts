/**
 * The parts of a reply that are not the agent's own language, found once per reply:
 * URLs, emoticon codes (#E-s01, [微笑], O(∩_∩)O), anonymisation placeholders
 * ([数字x], [ORDERID_123]), long numbers, characters lost in export (放?心, ??),
 * app menu paths (我的京东 > 客户服务 > 返修退换货), and quotations (“……”, 《……》).
 */
import { ASCII_DIGITS_9, ASCII_QUESTION, BRACKET, EMOTICON_MARK, MENU_MARK, QUOTE, QUOTE_CLOSE, textMarks, URL_MARK, WO } from './marks.js';

export type SpanKind = 'url' | 'emoticon' | 'placeholder' | 'number' | 'lost' | 'menu' | 'quote';

export interface TextSpan {
  start: number;
  end: number;
  kind: SpanKind;
}

/** Kinds that are not language at all: phrase rules skip them. */
export const NOT_LANGUAGE: ReadonlySet<SpanKind> = new Set(['url', 'emoticon', 'placeholder', 'number', 'lost', 'menu']);
/** Kinds a reader does not read as text: lengths do not count them (a number is read). */
export const NOT_READ: ReadonlySet<SpanKind> = new Set(['url', 'emoticon', 'placeholder', 'lost', 'menu']);

const URL_CHAR = "(?:\\[[^\\]\\s]{1,10}\\]|[A-Za-z0-9\\-._~:/?#@!$&'()*+,;=%])";
const URL = new RegExp(`(?:https?://|www\\.)${URL_CHAR}+|\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:com|cn|net|org)(?:/${URL_CHAR}*)?`, 'g');
const EMOTICON = /#E-[A-Za-z]+(?:\[[^\]\n]{1,8}\]|\d{1,4})?|\[(?:微笑|大笑|偷笑|可爱|害羞|调皮|憨笑|愉快|握手|抱拳|拥抱|爱心|心|玫瑰|强|赞|OK|ok|耶|鼓掌|飞吻|亲亲|得意|呲牙|嘿哈|奸笑|机智|皱眉|难过|流泪|大哭|抓狂|发怒|尴尬|惊讶|疑问|晕|再见|抱抱|摊手|笑哭|捂脸|haha|good|ok)\]|[~～]?O\(∩_∩\)O[~～/]*|\^_\^|\(\^_\^\)|\(\^o\^\)|o\(\^▽\^\)o|:\)|;\)|\^\^/g;
const PLACEHOLDER = /\[(?:数字|姓名|金额|站点|链接|电话|地址|日期|时间|邮箱|身份证|组织机构|订单|商品)[^\]\n]{0,6}\]|\[[A-Z]+_[A-Z0-9_]+\]|\[商品快照\]/g;
const LONG_NUMBER = /(?<![\dA-Za-z])\d{9,}(?![\dA-Za-z])/g;
// An ASCII ? standing for a lost character: inside a word (放?心), in a run (??),
// or on its own after a mark or at the start.
const LOST = /\?{2,}|(?<=[\u4e00-\u9fff])\?(?=[\u4e00-\u9fff])|(?<=^|[\s,，。~～、；;:：)）】」”])\?(?=$|[\s,，。~～#\[])/g;
const MENU_SEPARATOR = /\s*(?:-{1,2}|—{1,2}|>|＞|》|→|&gt;|\/(?=[\u4e00-\u9fff]))\s*/.source;
const MENU_ITEM = `[“"「‘']?[A-Za-z\\u4e00-\\u9fff][A-Za-z0-9\\u4e00-\\u9fff/]{0,11}[”"」’']?`;
const MENU_PATH = new RegExp(`${MENU_ITEM}(?:${MENU_SEPARATOR}${MENU_ITEM})+`, 'gu');
/** A menu path names at least one page of the app. */
const MENU_WORD = /我的|客户服务|订单|售后|个人中心|设置|账户|发票|首页|申请|服务|退换|返修|APP|app|京东|淘宝|钱包|优惠券|详情/;
/** Pages of the app that start with 我的: the app's words, not the agent talking about herself. */
const APP_PAGE = /我的(?:京东|淘宝|订单|账户|钱包|优惠券|发票|售后|客户服务|收藏|足迹|评价|地址|余额|退款|服务)/g;

/** What a span needs at least one of (see the cheap tests in textSpans): most replies have none. */
const SPAN_MARKS = URL_MARK | BRACKET | EMOTICON_MARK | ASCII_DIGITS_9 | ASCII_QUESTION | MENU_MARK | WO | QUOTE;

/** Spans of `pattern` in `text` as `kind`. */
function find(text: string, pattern: RegExp, kind: SpanKind, into: TextSpan[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    into.push({ start: m.index, end: m.index + m[0].length, kind });
  }
}

/** Drop spans inside or overlapping an earlier, longer one (first kinds win on ties). */
function settle(spans: TextSpan[]): TextSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TextSpan[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end && span.kind === last.kind) last.end = span.end;
      continue;
    }
    kept.push(span);
  }
  return kept;
}

function quotations(text: string, into: TextSpan[]): void {
  let closing: string | undefined;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (closing !== undefined) {
      if (char === closing) {
        into.push({ start: open, end: i + 1, kind: 'quote' });
        closing = undefined;
      } else if (char === '\n') {
        // A quotation never runs past the end of a line: the quote was left open.
        closing = undefined;
      }
      continue;
    }
    if (QUOTE_CLOSE[char] !== undefined) {
      closing = QUOTE_CLOSE[char];
      open = i;
    }
  }
}

/** The non-language spans and quotations of a reply. Each pattern runs only where a cheap test says it can match. */
export function textSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const marks = textMarks(text);
  if ((marks & SPAN_MARKS) === 0) return spans;
  if (marks & URL_MARK && /https?:|www\.|\.(?:com|cn|net|org)/.test(text)) find(text, URL, 'url', spans);
  if (marks & BRACKET) find(text, PLACEHOLDER, 'placeholder', spans);
  if (marks & EMOTICON_MARK && /#E-|\[|∩|\^[_o^]|[:;]\)/.test(text)) find(text, EMOTICON, 'emoticon', spans);
  if (marks & ASCII_DIGITS_9) find(text, LONG_NUMBER, 'number', spans);
  if (marks & ASCII_QUESTION) find(text, LOST, 'lost', spans);
  if (marks & MENU_MARK && /[-—>＞》→/]|&gt;/.test(text) && MENU_WORD.test(text)) {
    const menus: TextSpan[] = [];
    find(text, MENU_PATH, 'menu', menus);
    for (const menu of menus) if (MENU_WORD.test(text.slice(menu.start, menu.end))) spans.push(menu);
  }
  if (marks & WO && text.includes('我的')) find(text, APP_PAGE, 'menu', spans);
  const quoted = (marks & QUOTE) !== 0;
  if (spans.length === 0 && !quoted) return spans;
  // A quotation may hold a URL or a menu path: it is kept beside them, not instead.
  const quotes: TextSpan[] = [];
  if (quoted) quotations(text, quotes);
  return [...settle(spans), ...quotes].sort((a, b) => a.start - b.start);
}
