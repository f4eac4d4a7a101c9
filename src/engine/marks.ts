/**
 * What a reply's characters hold, found in one pass over its code units and
 * shared by whoever asks first: the span finder (spans.ts) and the rules that
 * read the text itself (no-shouting, no-privacy-leak, no-rapid-fire-questions).
 * Each asks "can my pattern match at all?" with a bit test instead of a pass of
 * its own; most replies hold none of what they look for, and then nothing else runs.
 */

/** A `.` or `:` (a URL may follow). */
export const URL_MARK = 1 << 0;
/** A `[` (a placeholder or an emoticon code). */
export const BRACKET = 1 << 1;
/** One of `# [ ^ ) ∩` (an emoticon). */
export const EMOTICON_MARK = 1 << 2;
/** An ASCII digit. */
export const ASCII_DIGIT = 1 << 3;
/** An ASCII `?` (perhaps a character lost in export). */
export const ASCII_QUESTION = 1 << 4;
/** One of `- > / & — ＞ 》 →` (an app menu path). */
export const MENU_MARK = 1 << 5;
/** 我 (perhaps an app page: 我的订单). */
export const WO = 1 << 6;
/** An opening quotation mark (see QUOTE_CLOSE). */
export const QUOTE = 1 << 7;
/** A full-width digit ０–９. */
export const WIDE_DIGIT = 1 << 8;
/** `?` or `？`. */
export const QUESTION = 1 << 9;
/** `!` or `！`. */
export const BANG = 1 << 10;
/** A code unit an emoji or an emoji joiner starts with (see `isEmojiLead`). */
export const EMOJI_LEAD = 1 << 11;
/** 号, 栋, 幢 or 座 (a house number). */
export const HOUSE = 1 << 12;
/** 省, 市, 区 or 县 (an administrative area). */
export const ADMIN_AREA = 1 << 13;
/** 吗 or 么 (a question particle). */
export const PARTICLE = 1 << 14;

// Found from the order of the characters, not from one alone:
/** Two of `! ！ ? ？` in a row (/[!！?？]{2}/). */
export const MARK_RUN = 1 << 16;
/** Seven digits in a row, ASCII or full-width (/[0-9０-９]{7}/). */
export const DIGITS_7 = 1 << 17;
/** A digit, then `-` or a space, then a digit (what /[0-9０-９]{3,4}[- ][0-9０-９]{4}/ needs). */
export const DIGIT_GROUPS = 1 << 18;
/** Nine ASCII digits in a row (/\d{9}/). */
export const ASCII_DIGITS_9 = 1 << 19;

/** Each opening quotation mark, with the mark that closes it. */
export const QUOTE_CLOSE: Readonly<Record<string, string>> = { '“': '”', '「': '」', '『': '』', '‘': '’', '"': '"', '《': '》', '〈': '〉' };

/** Either kind of digit. */
export const DIGIT = ASCII_DIGIT | WIDE_DIGIT;

/**
 * Might a character starting with code unit `c` be an emoji or an emoji joiner
 * (see classifyToken and joinsPrevious)? Every such character in Unicode is one
 * of these code units or starts with one (a test checks all of Unicode).
 */
export function isEmojiLead(c: number): boolean {
  return (
    c === 0xa9 ||
    c === 0xae ||
    c === 0x200d ||
    c === 0x203c ||
    c === 0x2049 ||
    c === 0x20e3 ||
    (c >= 0x2100 && c <= 0x2b55) ||
    c === 0x3030 ||
    c === 0x303d ||
    c === 0x3297 ||
    c === 0x3299 ||
    (c >= 0xd83c && c <= 0xd83f) ||
    c === 0xdb40 ||
    c === 0xfe0e ||
    c === 0xfe0f
  );
}

/** The marks each UTF-16 code unit gives by itself (a table: every character of every reply is looked up). */
export const CODE_MARKS = new Uint16Array(0x10000);
for (const [chars, bits] of [
  ['.:', URL_MARK],
  ['[', BRACKET | EMOTICON_MARK],
  ['#^)', EMOTICON_MARK],
  ['0123456789', ASCII_DIGIT],
  ['０１２３４５６７８９', WIDE_DIGIT],
  ['?', ASCII_QUESTION | QUESTION],
  ['？', QUESTION],
  ['!！', BANG],
  ['->/&', MENU_MARK],
  ['∩', EMOTICON_MARK],
  ['—＞》→', MENU_MARK],
  ['我', WO],
  [Object.keys(QUOTE_CLOSE).join(''), QUOTE],
  ['号栋幢座', HOUSE],
  ['省市区县', ADMIN_AREA],
  ['吗么', PARTICLE],
] as const) {
  for (const char of chars) CODE_MARKS[char.charCodeAt(0)] |= bits;
}
for (let c = 0; c < 0x10000; c++) if (isEmojiLead(c)) CODE_MARKS[c] |= EMOJI_LEAD;

const SHOUT = QUESTION | BANG;

let lastText: string | undefined;
let lastMarks = 0;

/**
 * The marks of `text`: every code unit's, and the runs above. The last text's
 * marks are kept, so the rules asking about one reply share one pass.
 */
export function textMarks(text: string): number {
  if (text === lastText) return lastMarks;
  let marks = 0;
  // The digit run so far (any digit, ASCII digits), and what the last code units were.
  let digits = 0;
  let ascii = 0;
  let groupOpen = false;
  let shout = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const code = CODE_MARKS[c];
    marks |= code;
    // Most code units are none of these and follow none: nothing to keep.
    if ((code & (DIGIT | SHOUT)) === 0 && digits === 0 && !groupOpen && !shout) continue;
    if (code & SHOUT) {
      if (shout) marks |= MARK_RUN;
      shout = true;
    } else {
      shout = false;
    }
    if (code & DIGIT) {
      if (groupOpen) marks |= DIGIT_GROUPS;
      groupOpen = false;
      if (++digits >= 7) marks |= DIGITS_7;
      ascii = code & ASCII_DIGIT ? ascii + 1 : 0;
      if (ascii >= 9) marks |= ASCII_DIGITS_9;
    } else {
      // A digit, then - or a space: a group of digits may follow.
      groupOpen = digits > 0 && (c === 0x2d || c === 0x20);
      digits = 0;
      ascii = 0;
    }
  }
  lastText = text;
  lastMarks = marks;
  return marks;
}
