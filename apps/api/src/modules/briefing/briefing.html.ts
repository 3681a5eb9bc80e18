import { briefingCellText, columnShares, type BriefingBlock, type BriefingDocument } from '@planwatch/shared';
import { escapeHtml } from '../../common/escape-html.js';
import { charsPerLineAt, GB9704 } from './briefing.layout.js';

const mm = (value: number) => `${value}mm`;
/** 五号 */
const TABLE_PT = 10.5;

/**
 * Printed per GB/T 9704-2012 on A4: the 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), 22 lines of
 * 28 characters of 3号仿宋, headings in 黑体, the title in 2号小标宋, red 版头, page numbers
 * "— 1 —" outside (right on odd pages, left on even ones). Fonts fall back to what the reader has.
 */
const STYLE = `
  @page { size: A4; margin: ${mm(GB9704.top)} ${mm(GB9704.right)} ${mm(GB9704.bottom)} ${mm(GB9704.left)}; }
  @page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", serif; margin-right: 1em; vertical-align: top; padding-top: 7mm; } }
  @page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", serif; margin-left: 1em; vertical-align: top; padding-top: 7mm; } }
  * { box-sizing: border-box; }
  body { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt;
         line-height: ${GB9704.linePitchPt}pt; color: #000; margin: 0 auto; max-width: ${mm(GB9704.bodyWidth)}; }
  .issuer { color: #c00; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", serif; font-size: 24pt;
            line-height: 1.3; margin: 0; }
  .number { text-align: center; margin: ${GB9704.linePitchPt * 2}pt 0 0; }
  .redline { border: 0; border-top: 1pt solid #c00; margin: 4mm 0 ${GB9704.linePitchPt * 2}pt; }
  h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center;
       line-height: 1.5; margin: 0 0 ${GB9704.linePitchPt}pt; }
  .to { margin: 0; }
  h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
  p { margin: 0; text-indent: 2em; text-align: justify; }
  p.notice { text-indent: 0; border: 1px solid #999; padding: 2pt 6pt; font-size: 12pt; line-height: 1.6; margin: 4pt 0; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: ${TABLE_PT}pt; line-height: 1.45; margin: 4pt 0 8pt; }
  thead { display: table-header-group; }
  th, td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; }
  th { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
  td.num { text-align: right; white-space: nowrap; }
  tr { break-inside: avoid; }
  .signature { margin-top: ${GB9704.linePitchPt * 2}pt; text-align: right; padding-right: 4em; text-indent: 0; }
  .date { text-align: right; padding-right: 4em; text-indent: 0; }
  .record { margin-top: ${GB9704.linePitchPt * 2}pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: 14pt; line-height: 1.8; }
  .record p { text-indent: 0; padding: 0 1em; }
  .record p + p { border-top: 0.25mm solid #000; }
  .record .printed { display: flex; justify-content: space-between; }
  footer { margin-top: 12pt; font-size: 10pt; line-height: 1.5; color: #555; }
  @media print { footer { display: none; } body { max-width: none; } }
`;

function block(b: BriefingBlock): string {
  if (b.kind === 'paragraph') return `<p>${escapeHtml(b.text)}</p>`;
  const { columns, rows } = b.table;
  const widths = columnShares(b.table, charsPerLineAt(TABLE_PT));
  const cols = widths.map((w) => `<col style="width:${(w * 100).toFixed(1)}%">`).join('');
  const head = columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${typeof cell === 'number' ? ' class="num"' : ''}>${escapeHtml(briefingCellText(cell, columns[i]?.format))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The briefing as a printable page: the 公文 the office sends, in HTML. */
export function renderBriefingHtml(d: BriefingDocument): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(d.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="issuer">${escapeHtml(d.letterhead.issuer)}</p>
<p class="number">${escapeHtml(d.letterhead.documentNumber)}</p>
<hr class="redline">
<h1>${escapeHtml(d.title)}</h1>
<p class="to">${escapeHtml(d.letterhead.recipients)}：</p>
${d.notices.map((n) => `<p class="notice">${escapeHtml(n)}</p>`).join('\n')}
${d.sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}`).join('\n')}
<p class="signature">${escapeHtml(d.letterhead.signature)}</p>
<p class="date">${escapeHtml(d.date)}</p>
<div class="record">
${d.letterhead.copyTo ? `<p>抄送：${escapeHtml(d.letterhead.copyTo)}。</p>` : ''}
<p class="printed"><span>${escapeHtml(d.letterhead.printedBy)}</span><span>${escapeHtml(d.date)}印发</span></p>
</div>
<footer>${d.final ? '定稿' : '初稿'}　数据截至 ${escapeHtml(beijingTime(d.dataAsOf))}（北京时间）　规划版本：${escapeHtml(d.planVersion ?? '—')}　PlanWatch 上党区产业布局规划监测平台</footer>
</body>
</html>
`;
}

/** 2026-11-11 09:00 in Beijing time, as the footer states it. */
export function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
