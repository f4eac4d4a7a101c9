/**
 * Times in transcripts: what a file writes (ISO-8601 with or without an offset,
 * epoch seconds or milliseconds, a chat log's local time) into an instant plus the
 * UTC offset it is shown in. A time with an offset keeps it; a time without one is
 * read in a time zone (default Asia/Shanghai, where the platforms' exports come
 * from), so a report looks the same on a UTC CI runner as on a laptop in Beijing.
 *
 * Epoch numbers are told apart by size: seconds and milliseconds of the years
 * 2000–2100 do not overlap, and anything outside both is refused rather than
 * guessed (1e300, 9e15, a 5-digit number).
 */
import { KefuLintError } from '../engine/errors.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface TimeValue {
  /** Epoch milliseconds. */
  time: number;
  /** Minutes east of UTC to show the time in. */
  offset: number;
}

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time zone name checked once: an unknown one is a usage error. */
export function checkTimeZone(zone: string): string {
  try {
    zoneFormatter(zone);
    return zone;
  } catch {
    throw new KefuLintError('usage', `不认识的时区「${zone}」。请写 IANA 时区名，例如 Asia/Shanghai、UTC、Asia/Tokyo。`);
  }
}

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * Offsets already asked for, per zone: per UTC day when the offset is the same at
 * both ends of the day (no change within it: zones change at most twice a year),
 * else per quarter hour (zones change offset only on quarter hours).
 */
const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60_000;
const DAY = 86_400_000;
const CHANGING = Number.NaN;

/** Minutes east of UTC in `zone` at `instant`. */
export function zoneOffset(zone: string, instant: number): number {
  let known = offsets.get(zone);
  if (!known) offsets.set(zone, (known = new Map()));
  if (known.size >= 100_000) known.clear();
  const day = -1 - Math.floor(instant / DAY);
  let offset = known.get(day);
  if (offset === undefined) {
    const start = (-1 - day) * DAY;
    const first = computeOffset(zone, start);
    known.set(day, (offset = first === computeOffset(zone, start + DAY - QUARTER_HOUR) ? first : CHANGING));
  }
  if (!Number.isNaN(offset)) return offset;
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let exact = known.get(quarter);
  if (exact === undefined) known.set(quarter, (exact = computeOffset(zone, quarter * QUARTER_HOUR)));
  return exact;
}

function computeOffset(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(zone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((local - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** A wall-clock reading as if it were UTC, or undefined when no such date or time exists (2 月 30 日, 24:00). */
function wallTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number | undefined {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return wall;
}

/** A wall-clock time in `zone` as an instant (the earlier one where clocks go back). */
export function fromLocal(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): TimeValue | undefined {
  const wall = wallTime(year, month, day, hour, minute, second, ms);
  if (wall === undefined) return undefined;
  let offset = zoneOffset(zone, wall);
  offset = zoneOffset(zone, wall - offset * 60_000);
  return { time: wall - offset * 60_000, offset };
}

const outOfRange = (text: string) =>
  `时间「${text}」不在 2000–2100 年之间，无法判断（按秒或毫秒时间戳都不是）。请写 ISO-8601 时间（如 2024-05-01T10:00:00+08:00），或秒/毫秒时间戳。`;

/** Epoch seconds or milliseconds, decided by size. */
function fromEpoch(value: number, zone: string, text: string): TimeValue | string {
  let time: number | undefined;
  if (value >= EARLIEST / 1000 && value < LATEST / 1000) time = Math.round(value * 1000);
  else if (value >= EARLIEST && value < LATEST) time = Math.round(value);
  if (time === undefined) return outOfRange(text);
  return { time, offset: zoneOffset(zone, time) };
}

/** A transcript's time field: a value, undefined when absent, or the reason it cannot be read. */
export function parseTime(value: unknown, zone: string): TimeValue | undefined | string {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value, zone, String(value)) : outOfRange(String(value));
  if (typeof value !== 'string') return `时间「${JSON.stringify(value)}」应是文本或数字。`;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return fromEpoch(Number(text), zone, text);
  const match = ISO.exec(text);
  const unreadable = `时间「${text}」无法识别，应为 ISO-8601（如 2024-05-01T10:00:00+08:00）或秒/毫秒时间戳。`;
  if (!match) return unreadable;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zoneText] = match;
  const ms = fraction ? Math.round(Number(fraction) * 1000) : 0;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms] as const;
  let result: TimeValue | undefined;
  if (zoneText) {
    // The offset the text gives is kept; the time zone is not consulted.
    const offset = zoneText.toUpperCase() === 'Z' ? 0 : (zoneText[0] === '-' ? -1 : 1) * (Number(zoneText.slice(1, 3)) * 60 + Number(zoneText.slice(-2)));
    const wall = wallTime(...fields);
    if (wall === undefined || Math.abs(offset) > 18 * 60) return unreadable;
    result = { time: wall - offset * 60_000, offset };
  } else {
    result = fromLocal(zone, ...fields);
    if (!result) return unreadable;
  }
  return result.time < EARLIEST - 86_400_000 || result.time >= LATEST + 86_400_000 ? outOfRange(text) : result;
}

const two = (n: number) => String(n).padStart(2, '0');

function offsetText(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

function wallClock(value: TimeValue): Date {
  return new Date(value.time + value.offset * 60_000);
}

/** ISO-8601 with the offset: 2024-05-01T10:00:00+08:00. */
export function formatTimeIso(value: TimeValue): string {
  const d = wallClock(value);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${offsetText(value.offset)}`;
}

/** For people: 2024-05-01 10:00:00 (UTC+08:00). */
export function formatTimeShown(value: TimeValue): string {
  const d = wallClock(value);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}（UTC${offsetText(value.offset)}）`;
}
