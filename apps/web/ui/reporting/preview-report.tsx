'use client';
/**
 * A preview (and a submission) as the API reported it: each row with what it is compared with
 * (上月, 上年同期, 环比, 同比, 占全区比重), its 核实性审核 hits and the clerk's 说明, and — for a
 * figure reported again after a return — what it was before; every rejected row with where it is
 * and why; the rows deliberately skipped.
 */
import Link from 'next/link';
import { BASIS_LABELS, CHECK_LEVEL_LABELS, type PreviewReport, type PreviewRow, type RejectView } from '@planwatch/shared';
import { formatDateTime, formatExact, formatPercent, formatPeriodCn, formatSignedPercent } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { Notice, Tag } from '../kit/kit';
import tables from '../dashboard/tables.module.css';
import { CHECK_LEVEL, ROW_KIND } from './labels';
import styles from './reporting.module.css';

/** Where a row is: a file's sheet, row and column, or, online, what it is about. */
const position = (r: { sheet?: string; row: number; column?: string; subject?: string }) =>
  r.subject ?? `${r.sheet ? `${r.sheet} ` : ''}第${r.row}行${r.column ? ` ${r.column}列` : ''}`;

export function periodText(row: Pick<PreviewRow, 'period' | 'spanStart'>): string {
  if (row.spanStart && row.spanStart !== row.period) return `${formatPeriodCn(row.spanStart)}–${Number(row.period.slice(5))}月`;
  return formatPeriodCn(row.period);
}

/** "85.37 → 160" with the old value struck through and the new one highlighted. */
export function OldToNew({ oldValue, value, kind }: { oldValue: string | null; value: string; kind: PreviewRow['kind'] }) {
  if (kind === 'changed' && oldValue !== null) {
    return (
      <span data-old={oldValue} data-new={value}>
        <del className={styles.old} aria-label={`原值${oldValue}`}>
          {formatExact(oldValue)}
        </del>
        <span className={styles.arrow} aria-hidden>
          →
        </span>
        <ins className={styles.new} aria-label={`新值${value}`}>
          {formatExact(value)}
        </ins>
      </span>
    );
  }
  return <span data-new={value}>{formatExact(value)}</span>;
}

/** The hits of a row with their tier, and the clerk's 说明 (or that one is still needed). */
function HitsAndNote({ row }: { row: PreviewRow }) {
  return (
    <div className={styles.hits}>
      {row.checks.map((hit) => (
        <div key={hit.rule} className={hit.level === 'hard' ? styles.hardHit : styles.softHit} data-rule={hit.rule}>
          <span aria-hidden>{CHECK_LEVEL[hit.level].glyph} </span>
          <span className={styles.hitLevel}>{CHECK_LEVEL_LABELS[hit.level]}：</span>
          {hit.message}
        </div>
      ))}
      {row.note ? (
        <div className={styles.explanation} data-testid="explanation">
          <span className={styles.hitLevel}>说明：</span>
          {row.note}
        </div>
      ) : null}
      {row.needsExplanation ? <div className={styles.needsNote}>✎ 须填写说明后才能提交</div> : null}
      {row.reason ? (
        <div className={styles.small}>
          <span className={styles.hitLevel}>修改原因：</span>
          {row.reason}
        </div>
      ) : null}
      {!row.note && row.checks.length === 0 && !row.reason ? <span className={styles.muted}>—</span> : null}
    </div>
  );
}

/**
 * The rows with their comparisons: what a reviewer judges a figure by. `online`: rows are named by
 * indicator and region (no file position).
 */
export function PreviewRowsTable({ rows, online = false }: { rows: readonly PreviewRow[]; online?: boolean }) {
  return (
    <div className={styles.tableScroll}>
      <table className={tables.table} aria-label="报送数据">
        <thead>
          <tr>
            {online ? null : <th>位置</th>}
            <th>指标 / 地区</th>
            <th>期间</th>
            <th className={tables.num}>本期数值（原值 → 新值）</th>
            <th className={tables.num}>上月</th>
            <th className={tables.num}>上年同期</th>
            <th className={tables.num}>环比</th>
            <th className={tables.num}>同比</th>
            <th className={tables.num}>占全区</th>
            <th>审核提示与说明</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = r.comparisons;
            return (
              <tr
                key={`${r.sheet ?? ''}-${r.row}-${r.column ?? ''}-${r.indicatorCode}-${r.regionCode}-${r.period}-${r.basis}`}
                className={r.needsExplanation ? styles.needsRow : r.kind === 'changed' ? styles.changedRow : r.kind === 'new' ? styles.newRow : undefined}
                data-kind={r.kind}
                data-indicator={r.indicatorCode}
                data-region={r.regionCode}
              >
                {online ? null : <td className={tables.nowrap}>{position(r)}</td>}
                <td>
                  {r.indicatorName}
                  <div className={tables.sub}>
                    {r.regionName} · {BASIS_LABELS[r.basis]}
                  </div>
                </td>
                <td className={tables.nowrap}>{periodText(r)}</td>
                <td className={tables.num}>
                  {r.returned ? (
                    <div className={styles.small} data-testid="resubmitted">
                      原报 <del className={styles.old}>{formatExact(r.returned.value)}</del>
                    </div>
                  ) : null}
                  <OldToNew oldValue={r.oldValue} value={r.value} kind={r.kind} /> <span className={styles.small}>{r.unit}</span>
                  <div>
                    <Tag tone={ROW_KIND[r.kind].tone} glyph={ROW_KIND[r.kind].glyph}>
                      {ROW_KIND[r.kind].text}
                    </Tag>
                  </div>
                </td>
                <td className={tables.num} data-col="previous">
                  {c.previous ? (
                    <>
                      {formatExact(c.previous.value)}
                      <div className={tables.sub}>{c.previous.label === '上月' ? formatPeriodCn(c.previous.period) : c.previous.label}</div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className={tables.num} data-col="last-year">
                  {c.lastYear ? (
                    <>
                      {formatExact(c.lastYear.value)}
                      <div className={tables.sub}>{formatPeriodCn(c.lastYear.period)}</div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className={tables.num}>{formatSignedPercent(c.monthOnMonthPct)}</td>
                <td className={tables.num}>{formatSignedPercent(c.yearOnYearPct)}</td>
                <td className={tables.num}>
                  {c.share ? (
                    <>
                      {formatPercent(c.share.pct)}
                      {c.share.usualMinPct !== null && c.share.usualMaxPct !== null ? (
                        <div className={tables.sub}>
                          通常 {formatPercent(c.share.usualMinPct)}–{formatPercent(c.share.usualMaxPct)}
                        </div>
                      ) : null}
                      {c.share.estimated ? <div className={tables.sub}>含估算</div> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className={styles.reason}>
                  <HitsAndNote row={r} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A submission reporting returned figures again: who returned them and why, and the batch it replaces (the rows show the values before). */
export function ResubmitNotices({ report }: { report: PreviewReport }) {
  return (
    <>
      {(report.resubmits ?? []).map((r) => (
        <Notice key={r.batchId} kind="warning" title="重新报送：">
          此前的报送于{formatDateTime(r.reviewedAt)}被{r.reviewedBy ?? '审核人'}退回，审核意见：<q data-testid="earlier-comment">{r.reviewComment ?? '—'}</q>
          ；各行“原报”为退回时的数值（
          <Link className={styles.inlineLink} href={`/reporting/batches/${r.batchId}`} data-testid="replaced-batch">
            查看被退回的批次
          </Link>
          ）。
        </Notice>
      ))}
    </>
  );
}

function RejectsTable({ rejects }: { rejects: readonly RejectView[] }) {
  return (
    <div className={styles.tableScroll}>
      <table className={tables.table} aria-label="被拒绝的行" data-testid="rejects">
        <thead>
          <tr>
            <th>位置</th>
            <th>值</th>
            <th>原因</th>
          </tr>
        </thead>
        <tbody>
          {rejects.map((r, i) => (
            <tr key={i} className={styles.rejectRow} data-row={r.row}>
              <td className={tables.nowrap}>
                {position(r)}
                {r.subject ? null : <div className={tables.sub}>{r.file}</div>}
              </td>
              <td>{r.value === '' ? <span className={styles.muted}>（空）</span> : r.value}</td>
              <td className={styles.reason}>✖ {r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PreviewReportView({ report, online = false }: { report: PreviewReport; online?: boolean }) {
  const s = report.summary;
  return (
    <div className={styles.stack} data-testid="preview-report">
      <div className={styles.actionRow} aria-label="预览汇总">
        <Tag tone="neutral">读取 {s.rowsRead} 行</Tag>
        <Tag tone={ROW_KIND.new.tone} glyph={ROW_KIND.new.glyph}>
          新增 {s.new}
        </Tag>
        <Tag tone={ROW_KIND.changed.tone} glyph={ROW_KIND.changed.glyph}>
          变更 {s.changed}
        </Tag>
        <Tag tone={ROW_KIND.unchanged.tone} glyph={ROW_KIND.unchanged.glyph}>
          未变 {s.unchanged}
        </Tag>
        <Tag tone={s.rejected > 0 ? 'red' : 'neutral'} glyph="✖">
          拒绝 {s.rejected}
        </Tag>
        <Tag tone={s.warnings > 0 ? 'yellow' : 'neutral'} glyph="▲">
          核实提示 {s.warnings}
        </Tag>
        {s.needExplanation > 0 ? (
          <Tag tone="red" glyph="✎">
            待填说明 {s.needExplanation}
          </Tag>
        ) : null}
        <Tag tone="neutral">跳过 {s.skipped}</Tag>
      </div>

      {report.rejects.length > 0 ? (
        <>
          <Notice kind="error" title={`有 ${report.rejects.length} 行被拒绝，整批不能提交。`}>
            请按下表修改后重新上传或填报（其余各行也不会生效）。
          </Notice>
          <Panel title={`被拒绝的行（${report.rejects.length}）`} exportName="被拒绝的行">
            <RejectsTable rejects={report.rejects} />
          </Panel>
        </>
      ) : null}

      {s.needExplanation > 0 ? (
        <Notice kind="warning" title={`有 ${s.needExplanation} 行未通过核实性审核。`}>
          数据波动过大、疑似单位错误或占全区比重异常的行，须逐行填写说明（至少4个字）才能提交；审核人会看到同样的提示和你的说明。
        </Notice>
      ) : null}

      <Panel title={`报送数据（${report.rows.length} 行）`} exportName="报送数据">
        {report.rows.length > 0 ? <PreviewRowsTable rows={report.rows} online={online} /> : <p className={styles.muted}>没有可导入的数据行。</p>}
      </Panel>

      {report.skipped.length > 0 ? (
        <details className={styles.details}>
          <summary>未导入的行（{report.skipped.length}）：标题、表头、空值等</summary>
          <table className={tables.table} aria-label="未导入的行">
            <thead>
              <tr>
                <th>位置</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.map((sk, i) => (
                <tr key={i}>
                  <td className={tables.nowrap}>
                    {sk.sheet ? `${sk.sheet} ` : ''}第{sk.row}
                    {sk.toRow ? `–${sk.toRow}` : ''}行{sk.column ? ` ${sk.column}列` : ''}
                  </td>
                  <td>{sk.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
