'use client';
/**
 * 在线填报: the same rows as the template (the department's tasks for the month), typed in
 * here. A saved draft or a returned figure comes back into its box to be corrected. The API
 * validates and checks them exactly like an upload and answers with a preview batch; a row's
 * 说明 travels in its note.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { BASIS_LABELS, type BatchRecord, type Period, type ReportingTask, type TasksResponse } from '@planwatch/shared';
import { apiRequest, errorMessage, query } from '@/lib/client-api';
import { formatExact, formatPeriodCn } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { Button, ButtonLink, Notice, kit } from '../kit/kit';
import { useApi } from '../use-api';
import tables from '../dashboard/tables.module.css';
import { TaskStatusTag } from './tasks-view';
import { PeriodInput } from './period-input';
import { replaceQuery } from './url-state';
import styles from './reporting.module.css';

const keyOf = (t: Pick<ReportingTask, 'indicatorCode' | 'regionCode'>) => `${t.indicatorCode}|${t.regionCode}`;

export function EntryView({ initialPeriod }: { initialPeriod: Period }) {
  const router = useRouter();
  const [period, setPeriod] = useState<Period>(initialPeriod);
  const tasks = useApi<TasksResponse>(`/api/reporting/tasks${query({ period })}`);
  const [values, setValues] = useState<Record<string, { value: string; note: string }>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // What the department already entered and has not had approved comes back: a draft, or a figure returned to be corrected.
  useEffect(() => {
    setValues(
      Object.fromEntries(
        (tasks.data?.tasks ?? [])
          .filter((t) => (t.status === 'draft' || t.status === 'returned') && t.pendingValue !== null)
          .map((t) => [keyOf(t), { value: t.pendingValue!, note: t.pendingNote ?? '' }]),
      ),
    );
  }, [tasks.data]);

  const set = (key: string, field: 'value' | 'note', text: string) => setValues((v) => ({ ...v, [key]: { value: '', note: '', ...v[key], [field]: text } }));
  // Only "is something filled in" is checked here: what counts as a number (1,234.5, 95%, .5,
  // full-width digits…) is the server's call, the same as for an upload, and a value it cannot
  // read comes back as a rejected row on the preview (batch) page.
  const filled = (tasks.data?.tasks ?? []).filter((t) => (values[keyOf(t)]?.value ?? '').trim() !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (filled.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const rows = filled.map((t) => {
        const entry = values[keyOf(t)]!;
        return {
          indicator: t.indicatorCode,
          region: t.regionCode,
          // "2026年1-2月" where the figure covers January too.
          period: t.periodText,
          basis: t.usualBasis,
          value: entry.value.trim(),
          ...(entry.note.trim() ? { note: entry.note.trim() } : {}),
        };
      });
      const batch = await apiRequest<BatchRecord>('/api/reporting/entries', { method: 'POST', json: { period, rows } });
      router.push(`/reporting/batches/${batch.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const data = tasks.data;
  return (
    <form className={styles.stack} onSubmit={submit} aria-label="在线填报">
      <Panel title="填报期间">
        <div className={kit.toolbar}>
          <PeriodInput
            value={period}
            onChange={(p) => {
              setPeriod(p);
              replaceQuery({ period: p });
            }}
          />
          <p className={styles.small}>只填写本期有数据的行；空着的行视为未报送。数据波动较大等情况请在“说明”中写明原因（至少4个字）。提交后先显示预览，确认后再提交审核。</p>
        </div>
      </Panel>
      <Panel title={data ? `${data.department.name} · ${formatPeriodCn(data.period)}` : '填报数据'}>
        <Loaded data={data} error={tasks.error} failure="任务加载失败" lines={5} empty={(data) => (data.tasks.length === 0 ? '本期没有需要本部门填报的指标。' : null)}>
          {(data) => (
            <div className={tables.scroll}>
              <table className={tables.table} aria-label="在线填报" data-xlsx-skip>
                <thead>
                  <tr>
                    <th>指标</th>
                    <th>地区</th>
                    <th>口径</th>
                    <th>状态</th>
                    <th className={tables.num}>已审核值</th>
                    <th className={tables.num}>本期数值</th>
                    <th>单位</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  {data.tasks.map((t) => {
                    const key = keyOf(t);
                    const entry = values[key];
                    // A submitted figure cannot be reported again until it is reviewed.
                    const locked = t.status === 'submitted';
                    return (
                      <tr key={key}>
                        <td>{t.indicatorName}</td>
                        <td className={tables.nowrap}>{t.regionName}</td>
                        <td>{BASIS_LABELS[t.usualBasis]}</td>
                        <td>
                          <TaskStatusTag status={t.status} overdue={t.overdue} />
                        </td>
                        <td className={tables.num}>{formatExact(t.approvedValue)}</td>
                        <td className={tables.num}>
                          <input
                            className={`${kit.input} ${styles.entryInput}`}
                            inputMode="decimal"
                            name={`value-${key}`}
                            aria-label={`${t.indicatorName} ${t.regionName} 数值`}
                            value={entry?.value ?? ''}
                            disabled={locked}
                            title={locked ? '已提交待审核，审核完成前不能再次填报' : undefined}
                            onChange={(e) => set(key, 'value', e.target.value)}
                          />
                          {t.status === 'returned' ? <span className={styles.hint}>已退回：{t.reviewComment ?? ''}</span> : null}
                          {locked && t.pendingValue !== null ? <span className={styles.hint}>待审核 {formatExact(t.pendingValue)}</span> : null}
                        </td>
                        <td>{t.unit}</td>
                        <td>
                          <input disabled={locked} className={`${kit.input} ${styles.noteInput}`} name={`note-${key}`} aria-label={`${t.indicatorName} ${t.regionName} 说明`} maxLength={500} value={entry?.note ?? ''} onChange={(e) => set(key, 'note', e.target.value)} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
      {error ? <Notice kind="error" title="未能生成预览：">{error}</Notice> : null}
      <div className={styles.actionRow}>
        <Button type="submit" variant="primary" disabled={busy || filled.length === 0}>
          {busy ? '正在校验…' : `生成预览（${filled.length} 行）`}
        </Button>
        <ButtonLink href={`/reporting${query({ period })}`}>返回我的任务</ButtonLink>
      </div>
    </form>
  );
}
