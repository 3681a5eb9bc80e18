'use client';
/** The facts of a batch (who, when, what), and its rows when it has no preview report. */
import type { BatchRecord, TasksResponse } from '@planwatch/shared';
import Link from 'next/link';
import { formatExact, formatDateTime, formatPeriodCn } from '@/lib/format';
import { query } from '@/lib/client-api';
import { Tag } from '../kit/kit';
import { useApi } from '../use-api';
import tables from '../dashboard/tables.module.css';
import { BATCH_STATUS, SOURCE_LABELS } from './labels';
import styles from './reporting.module.css';

export function BatchStatusTag({ status }: { status: BatchRecord['status'] }) {
  const s = BATCH_STATUS[status];
  return (
    <Tag tone={s.tone} glyph={s.glyph}>
      {s.text}
    </Tag>
  );
}

export function BatchFacts({ batch }: { batch: BatchRecord }) {
  return (
    <dl className={styles.meta}>
      <div>
        <dt>状态</dt>
        <dd>
          <BatchStatusTag status={batch.status} />
        </dd>
      </div>
      <div>
        <dt>部门</dt>
        <dd>{batch.departmentName ?? batch.departmentCode ?? '—'}</dd>
      </div>
      <div>
        <dt>期间</dt>
        <dd>{formatPeriodCn(batch.period)}</dd>
      </div>
      <div>
        <dt>来源</dt>
        <dd>
          {SOURCE_LABELS[batch.source]}
          {batch.fileName ? (
            <>
              {' · '}
              {batch.fileSha256 ? <a href={`/api/reporting/submissions/${batch.id}/file`}>{batch.fileName}</a> : batch.fileName}
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>数据行</dt>
        <dd>
          {batch.rowsTotal} 行{batch.rowsRejected > 0 ? `，拒绝 ${batch.rowsRejected} 行` : ''}
          {batch.pendingRows > 0 ? `，待生效 ${batch.pendingRows} 行` : ''}
        </dd>
      </div>
      <div>
        <dt>填报</dt>
        <dd>
          {batch.createdBy?.username ?? '系统'} · {formatDateTime(batch.createdAt)}
        </dd>
      </div>
      <div>
        <dt>提交</dt>
        <dd>{formatDateTime(batch.submittedAt)}</dd>
      </div>
      <div>
        <dt>审核</dt>
        <dd>{batch.reviewedAt ? `${batch.reviewedBy?.username ?? '—'} · ${formatDateTime(batch.reviewedAt)}` : '—'}</dd>
      </div>
      {batch.reviewComment ? (
        <div>
          <dt>审核意见</dt>
          <dd>{batch.reviewComment}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * Rows of a batch that has no preview report (figures loaded as sample data): read from the
 * department's reporting calendar for the period — approved value → value in this batch.
 */
export function BatchRowsFromTasks({ batch }: { batch: BatchRecord }) {
  const path = batch.period && batch.departmentCode ? `/api/reporting/tasks${query({ period: batch.period, department: batch.departmentCode })}` : null;
  const { data, error, loading } = useApi<TasksResponse>(path);
  if (!path) return <p className={styles.muted}>该批次没有逐行预览。</p>;
  if (loading) return <p className={styles.muted}>正在读取该批次的数据…</p>;
  if (error) return <p className={styles.muted}>无法读取该批次的数据：{error.message}</p>;
  const rows = (data?.tasks ?? []).filter((t) => t.batchId === batch.id);
  if (rows.length === 0) return <p className={styles.muted}>该批次没有逐行预览（示例数据批次）。</p>;
  return (
    <table className={tables.table} aria-label="批次数据">
      <thead>
        <tr>
          <th>指标</th>
          <th>地区</th>
          <th className={tables.num}>数值（原值 → 新值）</th>
          <th>单位</th>
          <th>修订记录</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={`${t.indicatorCode}-${t.regionCode}`} className={t.approvedValue !== null ? styles.changedRow : styles.newRow}>
            <td>{t.indicatorName}</td>
            <td>{t.regionName}</td>
            <td className={tables.num}>
              {t.approvedValue !== null ? (
                <>
                  <del className={styles.old}>{formatExact(t.approvedValue)}</del>
                  <span className={styles.arrow} aria-hidden>
                    →
                  </span>
                  <ins className={styles.new}>{formatExact(t.pendingValue)}</ins>
                </>
              ) : (
                formatExact(t.pendingValue)
              )}
            </td>
            <td>{t.unit}</td>
            <td>
              <Link href={`/reporting/history${query({ indicator: t.indicatorCode, region: t.regionCode, period: batch.period })}`}>查看</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
