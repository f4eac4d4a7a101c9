/**
 * The HTTP API's requests and answers: request bodies checked with zod (a bad one
 * is a 400 with a Chinese message naming the field), linters built once per
 * distinct settings, findings with stable ids.
 */
import * as z from 'zod';
import type { ConfigResolver, ResolvedSettings } from '../config/resolve.js';
import { formatPath, issuePath, zodChinese } from '../engine/dictionary.js';
import { withStableIds } from '../engine/finding.js';
import type { Linter } from '../engine/linter.js';
import { PRESETS, type Preset } from '../engine/severity.js';
import { RuleSettingSchema, type RuleSetting } from '../engine/settings.js';

/** Limits on what one request may ask for (besides the byte limit on its body). */
const MAX_TURNS = 500;

const TurnSchema = z.object({
  role: z.enum(['agent', 'customer']),
  text: z.string(),
  time: z.number().finite().optional(),
  agent: z.string().optional(),
});

const Settings = {
  preset: z.enum(PRESETS).optional(),
  rules: z.record(z.string(), RuleSettingSchema).optional(),
};

export const LintRequest = z.strictObject({
  text: z.string(),
  history: z.array(TurnSchema).max(MAX_TURNS).optional(),
  /** A canned reply checked on its own (as in a library), not a reply in a chat. */
  standalone: z.boolean().optional(),
  ...Settings,
});

export const FixRequest = z.strictObject({ text: z.string(), standalone: z.boolean().optional(), ...Settings });

export const ConversationRequest = z.strictObject({ messages: z.array(TurnSchema).max(MAX_TURNS), ...Settings });

/** A request the API refuses: its HTTP status and a message for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body, zodChinese);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issuePath(issue);
  throw new ApiError(400, 'invalid-request', `请求字段 ${formatPath(path) || '（请求体）'} 无效：${issue.message}。`);
}

/** The linter for a request: the service's settings with the request's preset and rules on top. */
export function linterFor(resolver: ConfigResolver, base: ResolvedSettings, request: { preset?: Preset; rules?: Record<string, RuleSetting> }): Linter {
  return resolver.linterForSettings({ ...base, preset: request.preset ?? base.preset, rules: { ...base.rules, ...request.rules } });
}

export function lintAnswer(linter: Linter, request: z.output<typeof LintRequest>) {
  const context = request.standalone ? { standalone: true } : { history: request.history ?? [] };
  const findings = withStableIds(linter.lint(request.text, context));
  const emotion = request.history ? linter.emotionCurve(request.history).filter((score) => score !== undefined).at(-1) : undefined;
  return emotion ? { findings, emotion } : { findings };
}

export function fixAnswer(linter: Linter, request: z.output<typeof FixRequest>) {
  const context = request.standalone ? { standalone: true } : { history: [] };
  const text = linter.fix(request.text, context);
  return { text, changed: text !== request.text };
}

export function conversationAnswer(linter: Linter, request: z.output<typeof ConversationRequest>) {
  const result = linter.lintConversation(request.messages);
  return {
    messages: result.messages.map((message) => ({ ...message, findings: withStableIds(message.findings) })),
    conversationFindings: withStableIds(result.conversationFindings),
  };
}
