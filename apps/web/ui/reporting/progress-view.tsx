'use client';
/**
 * 报送进度: departments × indicators for a month, each cell what the department's figures of that
 * indicator are (未报 / 已报 / 已退回 / 已审核 / 逾期), the figures still owed, and 催报 — a
 * reminder into the department's 部门通知, once a day.
 */
import { useState } from 'react';
import { type Period, type ReminderResult, type ReportingProgress, reviewsDistrictWide } from '@planwatch/shared';
import { apiRequest, errorMessage, query } from '@/lib/client-api';
import { formatDateTime, formatPeriodCn } from '@/lib/format';
import type { SessionUser } from '@/lib/session';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { Button, Notice, Tag, kit } from '../kit/kit';
import { useApi } from '../use-api';
import { PROGRESS_CELL } from './labels';
import { PeriodInput } from './period-input';
import { replaceQuery } from './url-state';
import styles from './reporting.module.css';

export function ProgressView({ user, initialPeriod }: { user: SessionUser; initialPeriod: Period }) {
  const [period, setPeriod] = useState<Period>(initialPeriod);
  const progress = useApi<ReportingProgress>(`/api/reporting/progress${query({ period })}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ kind: 'success' | 'info' | 'error'; text: string } | null>(null);
  const mayUrge = user.role === 'admin' || reviewsDistrictWide(user);

  const urge = async (department: string, name: string) => {
    setBusy(department);
    setResult(null);
    try {
      const sent = await apiRequest<ReminderResult>('/api/reporting/reminders', { method: 'POST', json: { department, period } });
      setResult(sent.sent ? { kind: 'success', text: `已向${name}催报（${sent.outstanding}项未报），通知已送达其部门通知。` } : { kind: 'info', text: `今天已向${name}催报过，不再重复发送。` });
      progress.reload();
    } catch (e) {
      setResult({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  const data = progress.data;
  return (
    <div className={styles.stack}>
      <Panel title="期间">
        <div className={kit.toolbar}>
          <PeriodInput
            value={period}
            onChange={(p) => {
              setPeriod(p);
              replaceQuery({ period: p });
            }}
          />
          {data ? (
            <div className={styles.legend} aria-label="图例与汇总">
              {(['approved', 'submitted', 'returned', 'missing', 'late'] as const).map((s) => (
                <Tag key={s} tone={PROGRESS_CELL[s].tone} glyph={PROGRESS_CELL[s].glyph}>
                  {PROGRESS_CELL[s].text} {data.totals[s]}
                </Tag>
              ))}
            </div>
          ) : null}
        </div>
      </Panel>
      {result ? <Notice kind={result.kind}>{result.text}</Notice> : null}
      <Panel
        title={data ? `${formatPeriodCn(data.period)} 报送进度（截止 ${data.dueDate}，今天 ${data.today}）` : '报送进度'}
        exportName={data ? `报送进度-${data.period}` : '报送进度'}
      >
        <Loaded data={data} error={progress.error} failure="报送进度加载失败" lines={8} empty={(data) => (data.rows.length === 0 ? '本期没有应报的数据。' : null)}>
          {(data) => (
            <div className={styles.matrixScroll}>
              <table className={styles.matrix} aria-label="报送进度" data-testid="progress-matrix">
                <thead>
                  <tr>
                    <th className={styles.rowHead} scope="col">
                      报送单位
                    </th>
                    {data.indicators.map((i) => (
                      <th key={i.code} className={styles.colHead} scope="col" title={`${i.name}（${i.unit}）`}>
                        {i.name}
                      </th>
                    ))}
                    <th scope="col" className={styles.owedCol}>
                      未报
                    </th>
                    <th scope="col" className={styles.urgeCol} data-xlsx-skip>
                      催报
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.departmentCode} data-department={row.departmentCode}>
                      <th className={styles.rowHead} scope="row">
                        {row.departmentName}
                      </th>
                      {data.indicators.map((i) => {
                        const cell = row.cells.find((c) => c.indicatorCode === i.code);
                        if (!cell) return <td key={i.code} aria-label="不报送" />;
                        const label = PROGRESS_CELL[cell.status];
                        return (
                          <td key={i.code} className={styles[`cell_${cell.status}`]} data-status={cell.status} title={`${row.departmentName} · ${i.name}：${label.text}（${cell.figures}项）`}>
                            <span aria-hidden>{label.glyph}</span> {label.text}
                            {cell.figures > 1 ? <span className={styles.small}> {cell.figures}</span> : null}
                          </td>
                        );
                      })}
                      <td className={styles.owedCol}>{row.outstanding > 0 ? <strong>{row.outstanding}</strong> : '—'}</td>
                      <td className={styles.urgeCol} data-xlsx-skip>
                        {mayUrge && row.outstanding > 0 ? (
                          <Button size="sm" onClick={() => urge(row.departmentCode, row.departmentName)} disabled={busy !== null}>
                            {busy === row.departmentCode ? '发送中…' : '催报'}
                          </Button>
                        ) : null}
                        {row.remindedAt ? <div className={styles.small}>上次催报 {formatDateTime(row.remindedAt)}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
    </div>
  );
}
