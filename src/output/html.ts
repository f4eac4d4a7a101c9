/**
 * `--format html`: one self-contained HTML file (Chart.js inlined, no network)
 * with per-agent scores, the most frequent rules, the worst conversations with
 * their findings in context, and each of those conversations' emotion curve.
 */
import { inlineScript, ruleTitle } from './text.js';
import { formatTimeShown, zoneOffset } from '../text/time.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ConversationReport, ReportMessage, TranscriptReport } from '../transcripts/report.js';

const require = createRequire(import.meta.url);
let chartSource: string | undefined;

function chartJs(): string {
  // The UMD build defines window.Chart; inlined so the report opens offline.
  // The package exports only its modules, so find the UMD file next to the main entry.
  chartSource ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return chartSource;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}


function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The time as the transcript gave it (its own offset, or the --timezone), offset shown. */
function formatTime(message: ReportMessage): string {
  return message.time === undefined ? '' : formatTimeShown({ time: message.time, offset: message.utcOffset ?? 0 });
}

/** The message text with each finding's span marked, its reason as a tooltip. */
function markFindings(message: ReportMessage): string {
  const spans = message.findings
    .map((f) => ({ start: message.text.indexOf(f.actual), end: message.text.indexOf(f.actual) + f.actual.length, reason: `${ruleTitle(f.ruleId)}（${f.ruleId}）：${f.reason}` }))
    .filter((s) => s.start >= 0 && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    out += escapeHtml(message.text.slice(cursor, span.start));
    out += `<mark title="${escapeHtml(span.reason)}">${escapeHtml(message.text.slice(span.start, span.end))}</mark>`;
    cursor = span.end;
  }
  return out + escapeHtml(message.text.slice(cursor));
}

function conversationSection(conversation: ConversationReport, index: number): string {
  const rows = conversation.messages
    .map((message) => {
      const who = message.role === 'agent' ? `客服${message.agent ? `（${escapeHtml(message.agent)}）` : ''}` : '顾客';
      const emotion = message.emotion ? `<span class="emotion level-${message.emotion.level}">${message.emotion.score}</span>` : '';
      const findings = message.findings
        .map((f) => `<li>${escapeHtml(ruleTitle(f.ruleId))} <code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.reason)}${f.expected.length > 0 ? `<br><span class="suggest">建议：${f.expected.map(escapeHtml).join(' / ')}</span>` : ''}</li>`)
        .join('');
      return `<tr class="${message.role}${message.findings.length > 0 ? ' flagged' : ''}"><td>${message.line}</td><td>${escapeHtml(formatTime(message))}</td><td>${who}</td><td>${markFindings(message)}${findings ? `<ul>${findings}</ul>` : ''}</td><td>${emotion}</td></tr>`;
    })
    .join('\n');
  const failed = conversation.score.failedBy ? `，<strong>${escapeHtml(conversation.score.failedBy)} 一票否决</strong>` : '';
  return `<section class="conversation">
<h3>会话「${escapeHtml(conversation.id)}」 <small>${escapeHtml(conversation.file)} · ${conversation.agents.map(escapeHtml).join('、') || '未署名客服'} · ${conversation.score.score} 分${failed}</small></h3>
<div class="chart small"><canvas class="emotion-curve" data-index="${index}" aria-label="顾客情绪曲线"></canvas></div>
<table class="messages"><thead><tr><th>行</th><th>时间</th><th>发送方</th><th>内容与问题</th><th>情绪</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}

/** Draws the charts from the report's JSON (static: the data is in its own script element). */
const CHART_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  // Drawn at once: the report is also printed and screenshotted.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  new Chart(document.getElementById('agent-scores'), {
    type: 'bar',
    data: { labels: data.agents.map(function (a) { return a.agent; }), datasets: [{ label: '得分', data: data.agents.map(function (a) { return a.score; }), backgroundColor: '#0969da' }] },
    options: { scales: { y: { min: 0, max: 100 } } }
  });
  new Chart(document.getElementById('rule-counts'), {
    type: 'bar',
    data: { labels: data.rules.map(function (r) { return r.title; }), datasets: [{ label: '次数', data: data.rules.map(function (r) { return r.count; }), backgroundColor: '#bc4c00' }] },
    // Counts tick in whole numbers; the tooltip names the rule id too.
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { tooltip: { callbacks: { title: function (items) { var r = data.rules[items[0].dataIndex]; return r.title + '（' + r.ruleId + '）'; } } } } }
  });
  document.querySelectorAll('canvas.emotion-curve').forEach(function (canvas) {
    var curve = data.curves[Number(canvas.dataset.index)];
    new Chart(canvas, {
      type: 'line',
      data: { labels: curve.points.map(function (p) { return p.x; }), datasets: [{ label: '顾客情绪温度', data: curve.points.map(function (p) { return p.y; }), borderColor: '#cf222e', backgroundColor: '#cf222e', tension: 0.2 }] },
      options: { scales: { y: { min: 0, max: 100 } } }
    });
  });
})();
`;

export function formatHtml(report: TranscriptReport, generated = new Date()): string {
  const data = {
    agents: report.agents.map((a) => ({ agent: a.agent, score: a.score })),
    rules: report.rules.slice(0, 15).map((r) => ({ ruleId: r.ruleId, title: ruleTitle(r.ruleId), count: r.count })),
    curves: report.worst.map((c) => ({
      id: c.id,
      points: c.messages.flatMap((m, i) => (m.emotion ? [{ x: `#${i + 1}`, y: m.emotion.score }] : [])),
    })),
  };
  const agentRows = report.agents
    .map((a) => {
      const findings = Object.values(a.findings).reduce((sum, n) => sum + n, 0);
      return `<tr><td>${escapeHtml(a.agent)}</td><td>${a.conversations}</td><td>${findings}</td><td>${a.autoFailed}</td><td>${a.score.toFixed(1)}</td></tr>`;
    })
    .join('\n');
  const ruleRows = report.rules.map((r) => `<tr><td>${escapeHtml(ruleTitle(r.ruleId))} <code>${escapeHtml(r.ruleId)}</code></td><td>${r.count}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>客服质检报告</title>
<style>
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 2rem; color: #1f2328; }
h1 { margin-bottom: .25rem; } .meta { color: #57606a; }
.chart { position: relative; height: 320px; max-width: 900px; } .chart.small { height: 180px; }
table { border-collapse: collapse; margin: 1rem 0; } th, td { border: 1px solid #d0d7de; padding: .35rem .6rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; } tr.agent td { background: #f6fbff; } tr.flagged td { background: #fff8e6; }
mark { background: #ffd8a8; } .suggest { color: #1a7f37; } ul { margin: .3rem 0 0 1rem; padding: 0; }
.emotion { font-weight: bold; } .level-愤怒 { color: #cf222e; } .level-不满 { color: #bc4c00; } .level-平静 { color: #57606a; }
section.conversation { border-top: 2px solid #d0d7de; margin-top: 2rem; }
</style>
</head>
<body>
<h1>客服质检报告</h1>
<p class="meta">共 ${report.files} 个文件、${report.conversations} 个会话、${report.messages} 条消息；平均得分 ${report.score.toFixed(1)}。生成于 ${escapeHtml(formatTimeShown({ time: generated.getTime(), offset: zoneOffset(report.timeZone, generated.getTime()) }))}。没有写时区的时间按 ${escapeHtml(report.timeZone)} 读取。</p>
<h2>客服得分</h2>
<div class="chart"><canvas id="agent-scores" aria-label="客服得分"></canvas></div>
<table id="agent-table"><thead><tr><th>客服</th><th>会话数</th><th>问题数</th><th>一票否决</th><th>得分</th></tr></thead><tbody>
${agentRows}
</tbody></table>
<h2>最常见的问题</h2>
<div class="chart"><canvas id="rule-counts" aria-label="最常见的问题"></canvas></div>
<table id="rule-table"><thead><tr><th>规则</th><th>次数</th></tr></thead><tbody>
${ruleRows}
</tbody></table>
<h2>得分最低的会话</h2>
${report.worst.length > 0 ? report.worst.map(conversationSection).join('\n') : '<p>没有发现问题的会话。</p>'}
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${inlineScript(chartJs())}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}
