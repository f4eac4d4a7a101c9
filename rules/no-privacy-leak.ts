/**
 * no-privacy-leak: a customer's mobile number, ID-card number, bank-card number
 * or full street address written out in a reply. Pattern checks with the real
 * validity rules (ID checksum and birth date, Luhn), so order numbers and other
 * long digit strings stay silent; the rewrite is the masked form.
 * 13812345678 → 138****5678
 */
import * as z from 'zod';
import { defineRule, escapeRegExp, type RuleReport } from '../src/engine/rule.js';
import { docsUrl } from './docs.js';
import type { Token } from '../src/engine/tokens.js';
import { ADMIN_AREA, DIGIT, DIGIT_GROUPS, DIGITS_7, HOUSE, textMarks } from '../src/engine/marks.js';

const CHECKS = ['mobile', 'idCard', 'bankCard', 'address'] as const;

const NUMBER_LABELS = [
  '订单号', '订单', '单号', '运单号', '快递单号', '物流单号', '售后单号', '退款单号', '工单号',
  '交易号', '流水号', '编号', '批号', '货号', '条码', '序列号', '发票号', '发票号码',
];

const ADDRESS_LABELS = [
  '退货地址', '退回地址', '寄回', '退货仓', '仓库地址', '售后地址', '门店地址',
  '公司地址', '店铺地址', '发货地址', '发货仓',
];

// Words ending in 市/区/县 that are not a place in an address.
const NOT_A_PLACE = new Set([
  '超市', '城市', '都市', '上市', '门市', '夜市', '集市', '股市', '菜市', '小区', '社区', '园区',
  '景区', '校区', '城区', '市区', '地区', '郊区', '街区', '辖区', '片区', '专区', '分区', '误区',
  '禁区', '雷区', '盲区', '山区', '灾区', '展区', '商区',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const ADMIN_SUFFIX = /[省市区县]$/u;
const SENTENCE_BREAK = new Set(['。', '！', '？', '!', '?', '\n']);
/** How far before an address its label is looked for. */
const LABEL_REACH = 200;

export default defineRule({
  id: 'no-privacy-leak',
  meta: {
    title: '不泄露客户信息',
    description: '回复中出现了完整的手机号、身份证号、银行卡号或详细地址，可能泄露顾客隐私。',
    scope: 'reply',
    severity: 'error',
    fixable: false,
    hasSuggestions: true,
    docs: docsUrl('no-privacy-leak'),
  },
  options: z.strictObject({
    /** Which kinds of personal data to look for. */
    check: z.array(z.enum(CHECKS)).default([...CHECKS]),
    /** The shop's own numbers and addresses (customer-service lines, return address). */
    allow: z.array(z.string().min(1)).default([]),
    /** A number right after one of these is not personal data (订单号 1234…). */
    numberLabels: z.array(z.string().min(1)).default(NUMBER_LABELS),
    /** An address after one of these in the same sentence is the shop's (退货地址：…). */
    addressLabels: z.array(z.string().min(1)).default(ADDRESS_LABELS),
  }),
  create(options) {
    const checks = new Set(options.check);
    const allowed = options.allow.map(compact);
    const numberLabel = labelPattern(options.numberLabels, '[\\s:：#＃№是为]{0,3}$');
    const addressLabel = labelPattern(options.addressLabels, '');
    return (reply) => {
      const marks = textMarks(reply.text);
      if (!(marks & DIGIT)) return;
      // Both tests read full-width digits as they are: most replies with a digit (13点前, 满199减20) stop here.
      const numbers = (marks & DIGITS_7) !== 0 || ((marks & DIGIT_GROUPS) !== 0 && LONG_NUMBER.test(reply.text));
      // An address names a province, city, district or county before its house number (see ADDRESS).
      const address = checks.has('address') && (marks & HOUSE) !== 0 && (marks & ADMIN_AREA) !== 0;
      if (!numbers && !address) return;
      // Full-width digits are single UTF-16 units, so offsets stay the same.
      const text = reply.text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
      const taken: [number, number][] = [];
      const scan: Scan = {
        text,
        original: reply.text,
        tokens: reply.tokens,
        labelled: (start) => numberLabel !== undefined && numberLabel.test(text.slice(Math.max(0, start - 16), start)),
        report(found) {
          if (taken.some(([s, e]) => s < found.end && found.start < e)) return;
          const actual = compact(text.slice(found.start, found.end));
          if (allowed.some((a) => a.includes(actual))) return;
          taken.push([found.start, found.end]);
          reply.report(found);
        },
      };
      if (numbers && checks.has('idCard')) findIdCards(scan);
      if (numbers && checks.has('bankCard')) findBankCards(scan);
      if (numbers && checks.has('mobile')) findMobiles(scan);
      if (address) findAddresses(scan, addressLabel);
    };
  },
});

// Cheap pre-checks (from the reply's marks, see marks.ts): every number pattern
// needs a run of 7+ digits (possibly grouped), every address a house-number word
// (号栋幢座) and an area (省市区县).
const LONG_NUMBER = /[0-9０-９]{7}|[0-9０-９]{3,4}[- ][0-9０-９]{4}/;
const FULL_WIDTH_DIGIT = /[０-９]/g;
const MOBILE = /(?<![\dA-Za-z]|\d[- ])(\+?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}){2})(?![\dA-Za-z]|[- ]\d)/g;
const ID_CARD = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const BANK_CARD = /(?<![\dA-Za-z]|\d[- ])(?:\d{16,19}|\d{4}(?:[- ]\d{4}){3}(?:[- ]?\d{1,3})?)(?![\dA-Za-z]|[- ]\d)/g;
const ADDRESS =
  /(?:省|市|区|县)[^\s，。！？!?,;；\n]{0,30}?(?:路|街|道|巷|弄|胡同|村|小区|花园|公寓|大厦|苑|广场|园)[^\s，。！？!?,;；\n]{0,20}?\d+(?:-\d+)?(?:号楼|号院|号|栋|幢|座)(?:\d+(?:单元|层|楼))*(?:\d+(?:室|房)?)?(?![线仓门位码])/g;

/** One reply being scanned: its text with ASCII digits, the original, and where findings go. */
interface Scan {
  text: string;
  original: string;
  tokens: readonly Token[];
  /** Is the number at `start` right after a label such as 订单号? */
  labelled(start: number): boolean;
  report(found: RuleReport): void;
}

function findIdCards(scan: Scan): void {
  const thisYear = new Date().getFullYear();
  for (const m of scan.text.matchAll(ID_CARD)) {
    if (scan.labelled(m.index) || !validIdCard(m[0], thisYear)) continue;
    scan.report({
      start: m.index,
      end: m.index + m[0].length,
      reason: '回复里写出了完整的身份证号，会泄露顾客隐私。请打码后再发送。',
      expected: [maskDigits(scan.original.slice(m.index, m.index + m[0].length), 3, 4)],
    });
  }
}

function findBankCards(scan: Scan): void {
  for (const m of scan.text.matchAll(BANK_CARD)) {
    const digits = m[0].replace(/\D/g, '');
    if (!cardPrefix(digits) || scan.labelled(m.index) || !passesLuhn(digits)) continue;
    scan.report({
      start: m.index,
      end: m.index + m[0].length,
      reason: '回复里写出了完整的银行卡号，会泄露顾客隐私。只说尾号即可。',
      expected: [maskDigits(scan.original.slice(m.index, m.index + m[0].length), 0, 4), `尾号${digits.slice(-4)}`],
    });
  }
}

function findMobiles(scan: Scan): void {
  for (const m of scan.text.matchAll(MOBILE)) {
    if (scan.labelled(m.index)) continue;
    const prefix = m[1] ?? '';
    const original = scan.original.slice(m.index, m.index + m[0].length);
    scan.report({
      start: m.index,
      end: m.index + m[0].length,
      reason: '回复里写出了完整的手机号，会泄露顾客隐私。请打码（如 138****5678）或只说尾号。',
      expected: [prefix + maskDigits(original.slice(prefix.length), 3, 4), `尾号${m[2].replace(/\D/g, '').slice(-4)}`],
    });
  }
}

function findAddresses(scan: Scan, addressLabel: RegExp | undefined): void {
  const { text, tokens } = scan;
  const address = new RegExp(ADDRESS);
  for (let m = address.exec(text); m; m = address.exec(text)) {
    const place = placeToken(tokens, m.index);
    if (!place) {
      address.lastIndex = m.index + 1;
      continue;
    }
    const end = m.index + m[0].length;
    if (addressLabel !== undefined && addressLabel.test(text.slice(sentenceStart(text, place.start), place.start))) continue;
    scan.report({
      start: place.start,
      end,
      reason: '回复里写出了详细地址，会泄露顾客隐私。核对地址时只说到区县，门牌号打码。',
      expected: [`${scan.original.slice(place.start, placesEnd(tokens, place))}****`, '您订单上的收货地址'],
    });
  }
}

function labelPattern(labels: readonly string[], tail: string): RegExp | undefined {
  if (labels.length === 0) return undefined;
  const escaped = [...labels].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?:${escaped.join('|')})${tail}`, 'u');
}

function compact(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** GB 11643: region digit, a real birth date, and the mod-11 check character. */
function validIdCard(id: string, thisYear: number): boolean {
  if (id[0] < '1' || id[0] > '8') return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > thisYear || month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/**
 * Issuer prefixes: 16-digit cards start with 2–6 (Mastercard, Visa, JCB, UnionPay,
 * Discover); longer ones are UnionPay or Discover and start with 6.
 */
function cardPrefix(digits: string): boolean {
  if (digits.length === 16) return digits[0] >= '2' && digits[0] <= '6';
  return digits.length >= 17 && digits.length <= 19 && digits[0] === '6';
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Replace the digits of `value` with *, keeping the first and last few. */
function maskDigits(value: string, keepStart: number, keepEnd: number): string {
  const total = value.replace(/[^0-9０-９Xx]/g, '').length;
  let seen = 0;
  return value.replace(/[0-9０-９Xx]/g, (digit) => {
    seen++;
    return seen <= keepStart || seen > total - keepEnd ? digit : '*';
  });
}

/** The place-name token (浙江省, 西湖区) ending with the admin suffix at `offset`. */
function placeToken(tokens: readonly Token[], offset: number): Token | undefined {
  const token = tokens[tokenIndexAt(tokens, offset)];
  if (!token || token.start > offset || token.end <= offset) return undefined;
  if (token.end !== offset + 1 || !isPlace(token)) return undefined;
  return token;
}

function isPlace(token: Token): boolean {
  return token.text.length >= 2 && ADMIN_SUFFIX.test(token.text) && !NOT_A_PLACE.has(token.text);
}

/** The index of the last token starting at or before `offset` (tokens are in order). */
function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (tokens[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** End of the run of place names (浙江省杭州市西湖区) starting with `first`. */
function placesEnd(tokens: readonly Token[], first: Token): number {
  let end = first.end;
  for (let i = tokenIndexAt(tokens, first.start) + 1; i < tokens.length; i++) {
    if (!isPlace(tokens[i])) break;
    end = tokens[i].end;
  }
  return end;
}

/**
 * Where the sentence holding `before` starts, looking back at most LABEL_REACH
 * characters: a label (退货地址：) stands close to its address, and a reply that is
 * one endless sentence must not be scanned from its start for every address.
 */
function sentenceStart(text: string, before: number): number {
  const limit = Math.max(0, before - LABEL_REACH);
  for (let i = before - 1; i >= limit; i--) if (SENTENCE_BREAK.has(text[i])) return i + 1;
  return limit;
}
