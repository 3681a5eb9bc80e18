'use client';
/**
 * 审核: the submissions this reviewer's department is the 审核单位 of, each as a card a reviewer
 * can judge by: every row with 上月, 上年同期, 环比, 同比, its share of the district, the check
 * hits with the clerk's 说明, and — for a submission reporting returned figures again — the
 * earlier comment and what changed; then 通过 / 退回 (with a comment).
 */
import type { BatchRecord } from '@planwatch/shared';
import Link from 'next/link';
import { useState } from 'react';
import { query } from '@/lib/client-api';
import { formatDateTime, formatPeriodCn } from '@/lib/format';
import { previewOf } from '@/lib/reporting-types';
import { Notice, Tag } from '../kit/kit';
import { ErrorNote } from '../error-note';
import { Loaded } from '../loaded';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import { ReviewActions } from './batch-actions';
import { BatchRowsFromTasks, BatchStatusTag } from './batch-summary';
import { SOURCE_LABELS } from './labels';
import { PreviewRowsTable, ResubmitNotices } from './preview-report';
import styles from './reporting.module.css';

function ReviewCard({ summary, onDone }: { summary: BatchRecord; onDone: (batch: BatchRecord) => void }) {
  const { data: batch, error } = useApi<BatchRecord>(`/api/reporting/submissions/${summary.id}`);
  const shown = batch ?? summary;
  const report = batch ? previewOf(batch) : null;
  return (
    <article className={styles.reviewCard} data-testid="review-card" data-batch={summary.id}>
      <header className={styles.reviewHead}>
        <div>
          <h2>
            {shown.departmentName ?? shown.departmentCode ?? '—'} · {formatPeriodCn(shown.period)}
          </h2>
          <div className={styles.small}>
            {SOURCE_LABELS[shown.source]}
            {shown.fileName ? ` · ${shown.fileName}` : ''} · {shown.createdBy?.username ?? '系统'} 提交于 {formatDateTime(shown.submittedAt ?? shown.createdAt)} ·{' '}
            <Link href={`/reporting/batches/${shown.id}`}>批次详情</Link>
          </div>
        </div>
        <div className={styles.actionRow}>
          {report ? (
            <>
              <Tag tone="blue" glyph="＋">
                新增 {report.summary.new}
              </Tag>
              <Tag tone="yellow" glyph="↻">
                变更 {report.summary.changed}
              </Tag>
              {report.summary.warnings > 0 ? (
                <Tag tone="yellow" glyph="▲">
                  核实提示 {report.summary.warnings}
                </Tag>
              ) : null}
              {report.resubmits?.length ? (
                <Tag tone="yellow" glyph="↩">
                  重新报送
                </Tag>
              ) : null}
            </>
          ) : null}
          <BatchStatusTag status={shown.status} />
        </div>
      </header>
      <div className={styles.reviewBody}>
        {error ? <ErrorNote title="批次加载失败" error={error} /> : null}
        {report ? <ResubmitNotices report={report} /> : null}
        {!batch ? <Skeleton lines={3} /> : report ? <PreviewRowsTable rows={report.rows.filter((r) => r.kind !== 'unchanged')} online={shown.source === 'online'} /> : <BatchRowsFromTasks batch={batch} />}
        <ReviewActions batch={shown} onDone={onDone} />
      </div>
    </article>
  );
}

export function ReviewView() {
  const queue = useApi<BatchRecord[]>(`/api/reporting/submissions${query({ status: 'submitted', reviewable: true, limit: 100 })}`);
  const [decided, setDecided] = useState<BatchRecord[]>([]);
  const open = (queue.data ?? []).filter((b) => !decided.some((d) => d.id === b.id));

  return (
    <div className={styles.stack}>
      {decided.map((b) => (
        <Notice key={b.id} kind={b.status === 'approved' ? 'success' : 'warning'} title={b.status === 'approved' ? '已审核通过：' : '已退回：'}>
          {b.departmentName} · {formatPeriodCn(b.period)}（{SOURCE_LABELS[b.source]}
          {b.fileName ? ` ${b.fileName}` : ''}）{b.status === 'approved' ? '，数据已生效。' : `，意见：${b.reviewComment ?? ''}`}
        </Notice>
      ))}
      <Loaded data={queue.data} error={queue.error} failure="审核队列加载失败" lines={5} empty={() => (open.length === 0 ? '没有待审核的报送。' : null)}>
        {() => (
          <>
            <p className={styles.muted}>
              待审核 <b>{open.length}</b> 批，按提交时间排列。变更的数据以“原值 → 新值”标出。
            </p>
            {open.map((b) => (
              <ReviewCard key={b.id} summary={b} onDone={(updated) => setDecided((d) => [updated, ...d])} />
            ))}
          </>
        )}
      </Loaded>
    </div>
  );
}
