import { formatNumber, formatPercent, formatPp, PROGRESS_STATUS_LABELS, SEVERITY_LABELS, type ProgressStatus } from '@planwatch/shared';
import { escapeHtml } from '../../common/escape-html.js';
import type { MonthlyBriefing } from './briefing.types.js';

function badge(status: ProgressStatus): string {
  return `<span class="badge ${status}">${escapeHtml(PROGRESS_STATUS_LABELS[status])}</span>`;
}

const STYLE = `
  @page { size: A4; margin: 18mm 16mm 20mm; }
  * { box-sizing: border-box; }
  body { font-family: "FangSong", "仿宋", "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #111; margin: 0 auto; max-width: 190mm; font-size: 12pt; line-height: 1.7; }
  header { text-align: center; border-bottom: 2px solid #c00; padding-bottom: 6pt; margin-bottom: 12pt; }
  header .org { color: #c00; font-size: 20pt; font-weight: bold; letter-spacing: 2pt; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
  header .no { font-size: 11pt; margin-top: 4pt; }
  h1 { font-size: 17pt; text-align: center; margin: 10pt 0; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
  h2 { font-size: 13.5pt; margin: 16pt 0 6pt; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
  p { margin: 4pt 0; text-indent: 2em; }
  .notice { border: 1px solid #d48806; background: #fffbe6; padding: 6pt 8pt; font-size: 10.5pt; text-indent: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 10.5pt; margin: 4pt 0 8pt; page-break-inside: auto; }
  th, td { border: 1px solid #555; padding: 3pt 5pt; vertical-align: top; }
  th { background: #f0f0f0; font-family: "SimHei", "黑体", sans-serif; font-weight: normal; }
  tr { page-break-inside: avoid; }
  .nw { white-space: nowrap; }
  td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .badge { display: inline-block; padding: 0 4pt; border-radius: 2pt; font-size: 9.5pt; white-space: nowrap; }
  .badge.green { background: #e6f4ea; color: #137333; } .badge.yellow { background: #fff4ce; color: #8a5a00; }
  .badge.red { background: #fde2e1; color: #b3261e; } .badge.no_data { background: #eee; color: #555; }
  footer { margin-top: 18pt; font-size: 10pt; color: #555; border-top: 1px solid #999; padding-top: 4pt; }
  @media print { body { max-width: none; } a { color: inherit; text-decoration: none; } .noprint { display: none; } }
`;

/** The printable briefing: Chinese, A4, one document a leader can read or file. */
export function renderBriefingHtml(b: MonthlyBriefing): string {
  const notices: string[] = [];
  if (b.sample) notices.push('本通报使用示例数据，仅供演示，不代表真实统计结果。');
  if (b.illustrativeTargets) notices.push('部分目标为示意目标，并非规划原文给出的数值。');
  const totalAlerts = b.alerts.reduce((n, a) => n + a.count, 0);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>上党区产业布局规划实施监测月度通报（${escapeHtml(b.periodLabel)}）</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="org">长治市上党区产业布局规划实施监测</div><div class="no">月度通报 · ${escapeHtml(b.periodLabel)}</div></header>
<h1>上党区产业布局规划实施情况月度通报（${escapeHtml(b.periodLabel)}）</h1>
${notices.map((n) => `<p class="notice">${escapeHtml(n)}</p>`).join('\n')}
<h2>一、总体情况</h2>
${b.headline.map((h) => `<p>${escapeHtml(h.sentence)}</p>`).join('\n')}
<p>全区${b.statusCounts.green + b.statusCounts.yellow + b.statusCounts.red + b.statusCounts.no_data}项监测指标中，超序时${b.statusCounts.green}项、略滞后${b.statusCounts.yellow}项、严重滞后${b.statusCounts.red}项、暂无数据${b.statusCounts.no_data}项；${b.lateDepartments.length}个部门存在逾期未报；重点项目${b.projects.total}个，其中停滞${b.projects.stalled}个；当前未解除预警${totalAlerts}条。</p>
<h2>二、产业链运行情况</h2>
<table>
<thead><tr><th>产业链/服务业</th><th class="nw">状态</th><th class="nw">超序时</th><th class="nw">略滞后</th><th class="nw">严重滞后</th><th class="nw">暂无数据</th><th class="nw">综合得分</th><th>说明</th></tr></thead>
<tbody>
${b.chains
  .map(
    (c) =>
      `<tr><td>${escapeHtml(c.name)}</td><td class="nw">${badge(c.status)}</td><td class="num">${c.statusCounts.green}</td><td class="num">${c.statusCounts.yellow}</td><td class="num">${c.statusCounts.red}</td><td class="num">${c.statusCounts.no_data}</td><td class="num">${escapeHtml(formatNumber(c.composite))}</td><td>${escapeHtml(c.sentence)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
<h2>三、滞后最多的指标</h2>
${
  b.lagging.length === 0
    ? '<p>本月无滞后指标。</p>'
    : `<table>
<thead><tr><th>序号</th><th>指标</th><th>产业链</th><th>责任单位</th><th>状态</th><th>完成率</th><th>序时差</th><th>数据截至</th><th>情况</th></tr></thead>
<tbody>
${b.lagging
  .map(
    (l, i) =>
      `<tr><td class="num">${i + 1}</td><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.chainName ?? '—')}</td><td class="nw">${escapeHtml(l.departmentName)}</td><td class="nw">${badge(l.status)}</td><td class="num">${escapeHtml(formatPercent(l.completionPct))}</td><td class="num">${escapeHtml(formatPp(l.gapPp))}</td><td class="nw">${escapeHtml(l.dataAsOf ?? '—')}</td><td>${escapeHtml(l.sentence)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
}
<h2>四、逾期未报情况</h2>
${
  b.lateDepartments.length === 0
    ? '<p>各部门应报数据均已按期审核通过。</p>'
    : `<table><thead><tr><th>部门</th><th>应报期别</th><th>逾期指标</th></tr></thead><tbody>
${b.lateDepartments.map((d) => `<tr><td class="nw">${escapeHtml(d.name)}</td><td class="nw">${escapeHtml(d.expectedPeriod)}</td><td>${escapeHtml(d.indicators.join('、'))}</td></tr>`).join('\n')}
</tbody></table>`
}
<h2>五、重点项目推进情况</h2>
<p>重点项目共${b.projects.total}个，年度计划投资${escapeHtml(b.projects.annualPlanInvestment)}万元，已完成${escapeHtml(b.projects.completedInvestment)}万元，投资完成率${escapeHtml(formatPercent(b.projects.investmentCompletionPct))}；应开工${b.projects.due}个，按期开工${b.projects.startedOnTime}个（${escapeHtml(formatPercent(b.projects.startedOnTimePct))}）。</p>
${
  b.stalledProjects.length === 0
    ? '<p>本月无停滞项目。</p>'
    : `<table><thead><tr><th>项目</th><th>所在地</th><th>产业链</th><th>阶段</th><th>停滞原因</th><th>最近进展</th></tr></thead><tbody>
${b.stalledProjects.map((p) => `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.regionName)}</td><td>${escapeHtml(p.chainName ?? '—')}</td><td class="nw">${escapeHtml(p.stage)}</td><td>${escapeHtml(p.reason)}</td><td>${escapeHtml(p.lastProgress ?? '无')}</td></tr>`).join('\n')}
</tbody></table>`
}
<h2>六、预警情况</h2>
${
  b.alerts.length === 0
    ? '<p>当前无未解除的预警。</p>'
    : `<table><thead><tr><th>预警类型</th><th>级别</th><th>条数</th></tr></thead><tbody>
${b.alerts.map((a) => `<tr><td>${escapeHtml(a.typeLabel)}</td><td>${escapeHtml(SEVERITY_LABELS[a.severity])}</td><td class="num">${a.count}</td></tr>`).join('\n')}
</tbody></table>`
}
<footer>生成时间：${escapeHtml(b.generatedAt)}　规划版本：${escapeHtml(b.planVersion ?? '—')}　PlanWatch 上党区产业布局规划监测平台</footer>
</body>
</html>
`;
}
