/**
 * Severities and presets: the one place where `warn` becomes `warning` and where a
 * preset decides a rule's default level.
 */
import * as z from 'zod';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/** What a user may write: `warn` is accepted for `warning`. */
export const SEVERITY_NAMES = ['off', 'info', 'warn', 'warning', 'error'] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

export function normalizeSeverity(name: SeverityName): SeverityOrOff {
  return name === 'warn' ? 'warning' : name;
}

export const SeveritySchema = z.enum(SEVERITY_NAMES).transform(normalizeSeverity);

export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

/** The severity a preset gives a rule: strict raises info to warning unless the rule says otherwise. */
export function presetSeverity(rule: { meta: { severity: SeverityOrOff; strictSeverity?: SeverityOrOff } }, preset: Preset): SeverityOrOff {
  if (preset === 'strict') return rule.meta.strictSeverity ?? (rule.meta.severity === 'info' ? 'warning' : rule.meta.severity);
  return rule.meta.severity;
}

/** One level below: error → warning → info (info stays info). */
export function lowerSeverity(severity: Severity): Severity {
  return severity === 'error' ? 'warning' : 'info';
}
