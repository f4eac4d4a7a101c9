/**
 * `--format summary`: a terminal table per agent — conversations, findings per
 * rule and the scorecard score — then the overall score.
 */
import stringWidth from 'string-width';
import type { TranscriptReport } from '../transcripts/report.js';
import { ruleTitle } from './text.js';

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return right ? fill + text : text + fill;
}

export function formatSummary(report: TranscriptReport): string {
  if (report.conversations === 0) return '没有读到任何会话。\n';
  const rules = report.rules.map((r) => r.ruleId);
  const header = ['客服', '会话数', ...rules.map(ruleTitle), '得分'];
  const rows = report.agents.map((agent) => [
    agent.agent,
    String(agent.conversations),
    ...rules.map((id) => String(agent.findings[id] ?? 0)),
    agent.score.toFixed(1) + (agent.autoFailed > 0 ? `（${agent.autoFailed} 次一票否决）` : ''),
  ]);
  const widths = header.map((cell, i) => Math.max(stringWidth(cell), ...rows.map((row) => stringWidth(row[i]))));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i], i > 0)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('');
  out.push(`共 ${report.files} 个文件、${report.conversations} 个会话、${report.messages} 条消息；平均得分 ${report.score.toFixed(1)}。`);
  if (report.worst.length > 0) {
    const worst = report.worst[0];
    out.push(`得分最低的会话：${worst.file} 中的「${worst.id}」（${worst.score.score} 分${worst.score.failedBy ? `，${worst.score.failedBy} 一票否决` : ''}）。`);
  }
  return out.join('\n') + '\n';
}
