'use client';
/**
 * A preview as the API reported it: what is new, what changes (old → new, highlighted), what
 * is unchanged, every rejected row with its file, sheet, row, column, value and reason, the
 * warnings worth a second look, and the rows deliberately skipped.
 */
import { BASIS_LABELS, type PreviewReport, type PreviewRow } from '@planwatch/shared';
import { formatExact, formatPeriodCn } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { Notice, Tag } from '../kit/kit';
import tables from '../dashboard/tables.module.css';
import { ROW_KIND } from './labels';
import styles from './reporting.module.css';

const position = (r: { sheet?: string; row: number; column?: string }) => `${r.sheet ? `${r.sheet} ` : ''}第${r.row}行${r.column ? ` ${r.column}列` : ''}`;

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

export function PreviewRowsTable({ rows }: { rows: readonly PreviewRow[] }) {
  return (
    <div className={styles.tableScroll}>
      <table className={tables.table} aria-label="预览数据">
        <thead>
          <tr>
            <th>位置</th>
            <th>指标</th>
            <th>地区</th>
            <th>期间</th>
            <th>口径</th>
            <th className={tables.num}>数值（原值 → 新值）</th>
            <th>单位</th>
            <th>类型</th>
            <th>备注与提示</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.sheet ?? ''}-${r.row}-${r.column ?? ''}-${r.indicatorCode}-${r.regionCode}-${r.period}-${r.basis}`}
              className={r.kind === 'changed' ? styles.changedRow : r.kind === 'new' ? styles.newRow : undefined}
              data-kind={r.kind}
              data-indicator={r.indicatorCode}
              data-region={r.regionCode}
            >
              <td className={tables.nowrap}>{position(r)}</td>
              <td>{r.indicatorName}</td>
              <td className={tables.nowrap}>{r.regionName}</td>
              <td className={tables.nowrap}>{periodText(r)}</td>
              <td>{BASIS_LABELS[r.basis]}</td>
              <td className={tables.num}>
                <OldToNew oldValue={r.oldValue} value={r.value} kind={r.kind} />
              </td>
              <td>{r.unit}</td>
              <td>
                <Tag tone={ROW_KIND[r.kind].tone} glyph={ROW_KIND[r.kind].glyph}>
                  {ROW_KIND[r.kind].text}
                </Tag>
              </td>
              <td>
                {r.note ? <span>{r.note}</span> : null}
                {r.warnings.map((w) => (
                  <span key={w.kind} className={styles.warn}>
                    ▲ {w.message}
                  </span>
                ))}
                {!r.note && r.warnings.length === 0 ? <span className={styles.muted}>—</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PreviewReportView({ report }: { report: PreviewReport }) {
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
          提示 {s.warnings}
        </Tag>
        <Tag tone="neutral">跳过 {s.skipped}</Tag>
      </div>

      {report.rejects.length > 0 ? (
        <>
          <Notice kind="error" title={`有 ${report.rejects.length} 行被拒绝，整批不能提交。`}>
            请按下表修改文件后重新上传（其余各行也不会生效）。
          </Notice>
          <Panel title={`被拒绝的行（${report.rejects.length}）`} exportName="被拒绝的行">
            <div className={styles.tableScroll}>
              <table className={tables.table} aria-label="被拒绝的行" data-testid="rejects">
                <thead>
                  <tr>
                    <th>文件</th>
                    <th>工作表</th>
                    <th className={tables.num}>行</th>
                    <th>列</th>
                    <th>值</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejects.map((r, i) => (
                    <tr key={i} className={styles.rejectRow}>
                      <td className={tables.nowrap}>{r.file}</td>
                      <td className={tables.nowrap}>{r.sheet ?? '—'}</td>
                      <td className={tables.num}>{r.row}</td>
                      <td>{r.column ?? '—'}</td>
                      <td>{r.value === '' ? <span className={styles.muted}>（空）</span> : r.value}</td>
                      <td className={styles.reason}>✖ {r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
        </>
      ) : null}

      <Panel title={`预览数据（${report.rows.length} 行）`} exportName="预览数据">
        {report.rows.length > 0 ? <PreviewRowsTable rows={report.rows} /> : <p className={styles.muted}>没有可导入的数据行。</p>}
      </Panel>

      {report.warnings.length > 0 ? (
        <Panel title={`异常波动提示（${report.warnings.length}）`} exportName="异常波动提示">
          <p className={styles.small}>提示不阻止提交，但请核实后再提交；审核人会看到同样的提示。</p>
          <table className={tables.table} aria-label="异常波动提示">
            <thead>
              <tr>
                <th>位置</th>
                <th>指标 / 地区</th>
                <th>期间</th>
                <th className={tables.num}>本期值</th>
                <th>提示</th>
              </tr>
            </thead>
            <tbody>
              {report.warnings.map((w, i) => {
                const row = report.rows.find((r) => r.row === w.row && r.indicatorCode === w.indicatorCode && r.regionCode === w.regionCode);
                return (
                  <tr key={i}>
                    <td className={tables.nowrap}>{position(w)}</td>
                    <td>
                      {row ? `${row.indicatorName} / ${row.regionName}` : `${w.indicatorCode} / ${w.regionCode}`}
                    </td>
                    <td className={tables.nowrap}>{formatPeriodCn(w.period)}</td>
                    <td className={tables.num}>{formatExact(w.value)}</td>
                    <td>▲ {w.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Panel>
      ) : null}

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
              {report.skipped.map((s, i) => (
                <tr key={i}>
                  <td className={tables.nowrap}>
                    {s.sheet ? `${s.sheet} ` : ''}第{s.row}
                    {s.toRow ? `–${s.toRow}` : ''}行{s.column ? ` ${s.column}列` : ''}
                  </td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
