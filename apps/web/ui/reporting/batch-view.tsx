'use client';
/** One batch: its facts, its preview (or rows), and the actions its state and the user's role allow. */
import Link from 'next/link';
import { useState } from 'react';
import { type BatchRecord, canManageBatch, canReview } from '@planwatch/shared';
import type { SessionUser } from '@/lib/session';
import { previewOf } from '@/lib/reporting-types';
import { Panel } from '../dashboard/panel';
import { Notice } from '../kit/kit';
import { ErrorNote } from '../error-note';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import { ReviewActions, SubmitActions } from './batch-actions';
import { BatchFacts, BatchRowsFromTasks } from './batch-summary';
import { PreviewReportView, ResubmitNotices } from './preview-report';
import styles from './reporting.module.css';

const DONE_TEXT: Partial<Record<BatchRecord['status'], string>> = {
  submitted: '已提交审核。审核通过后数据生效，大屏与各页面随之更新。',
  discarded: '本次预览已作废，其中的数据不会生效。',
  approved: '已审核通过，数据已生效。',
  returned: '已退回填报部门。',
};

export function BatchView({ id, user }: { id: string; user: SessionUser }) {
  const { data: batch, error, loading, setData } = useApi<BatchRecord>(`/api/reporting/submissions/${id}`);
  const [done, setDone] = useState<string | null>(null);

  if (loading && !batch) return <Skeleton lines={6} />;
  if (error) return <ErrorNote title="批次加载失败" error={error} />;
  if (!batch) return null;

  const report = previewOf(batch);
  const mayManage = canManageBatch(user, batch);
  const mayReview = canReview(user, batch);
  const onDone = (updated: BatchRecord) => {
    setData({ ...updated, report: updated.report ?? batch.report });
    setDone(DONE_TEXT[updated.status] ?? null);
  };

  return (
    <div className={styles.stack}>
      {done ? (
        <Notice kind="success" title={done}>
          {batch.status === 'submitted' || batch.status === 'discarded' ? <Link href={`/reporting${batch.period ? `?period=${batch.period}` : ''}`}>返回我的任务</Link> : null}
        </Notice>
      ) : null}
      {batch.status === 'returned' && batch.reviewComment ? (
        <Notice kind="warning" title="该批次已被退回：">
          {batch.reviewComment}。请修改后重新上传或<Link href={`/reporting/entry${batch.period ? `?period=${batch.period}` : ''}`}>在线填报</Link>。
        </Notice>
      ) : null}
      <Panel title="批次信息">
        <BatchFacts batch={batch} />
      </Panel>
      {report ? (
        <>
          {report.reason ? (
            <Notice kind="info" title="修改原因：">
              {report.reason}
            </Notice>
          ) : null}
          {report.replaced && report.replaced.length > 0 ? (
            <Notice kind="info" title="本次填报替换了之前的预览：">
              {report.replaced.map((id, i) => (
                <span key={id}>
                  {i > 0 ? '、' : ''}
                  <Link href={`/reporting/batches/${id}`}>批次{id.slice(0, 8)}</Link>
                </span>
              ))}
              （其数据均已包含在本次填报中，原预览已作废）
            </Notice>
          ) : null}
          <ResubmitNotices report={report} />
          {report.splitInto && report.splitInto.length > 0 ? (
            <Notice kind="info" title="按审核单位分送：">
              本次报送的数据分属不同审核单位，已分别提交：本批次由{batch.reviewerDepartmentName ?? '—'}审核；其余见
              {report.splitInto.map((p, i) => (
                <span key={p.batchId}>
                  {i > 0 ? '、' : ''}
                  <Link href={`/reporting/batches/${p.batchId}`}>批次{p.batchId.slice(0, 8)}（{p.figures}项）</Link>
                </span>
              ))}
              。
            </Notice>
          ) : null}
          <PreviewReportView report={report} online={batch.source === 'online'} />
        </>
      ) : (
        <Panel title="批次数据">
          <BatchRowsFromTasks batch={batch} />
        </Panel>
      )}
      {batch.status === 'preview' && mayManage ? (
        <Panel title="提交审核" id="submit">
          <SubmitActions batch={batch} report={report} onDone={onDone} />
        </Panel>
      ) : null}
      {batch.status === 'submitted' && mayReview ? (
        <Panel title="审核" id="review">
          <ReviewActions batch={batch} onDone={onDone} />
        </Panel>
      ) : null}
    </div>
  );
}
