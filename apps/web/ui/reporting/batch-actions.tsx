'use client';
/** What can be done with a batch: submit or discard a preview; approve or return a submission. */
import type { BatchRecord, PreviewReport } from '@planwatch/shared';
import { useState } from 'react';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { Button, Notice, kit } from '../kit/kit';
import styles from './reporting.module.css';

/** Moves the batch on (`action` is the last segment of the API path) and hands the updated batch to `onDone`. */
function useBatchTransition<Action extends string>(batch: BatchRecord, onDone: (batch: BatchRecord) => void) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);

  const post = async (action: Action, body: Record<string, string | undefined>) => {
    setBusy(action);
    setError(null);
    try {
      onDone(await apiRequest<BatchRecord>(`/api/reporting/submissions/${batch.id}/${action}`, { method: 'POST', json: body }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return { busy, error, setError, post };
}

export function SubmitActions({ batch, report, onDone }: { batch: BatchRecord; report: PreviewReport | null; onDone: (batch: BatchRecord) => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, post } = useBatchTransition<'submit' | 'discard'>(batch, onDone);
  const needsReason = !!report?.reasonRequired && !report.reason;
  const blocked = batch.rowsRejected > 0 || (report !== null && !report.submittable);

  const act = (action: 'submit' | 'discard') => post(action, action === 'submit' ? { reason: reason.trim() || undefined } : {});

  return (
    <div className={styles.actions} data-testid="submit-actions">
      {blocked ? (
        <Notice kind="error">
          {batch.rowsRejected > 0 ? `有 ${batch.rowsRejected} 行被拒绝，整批不能提交：请修改后重新上传。` : '预览中没有新增或变更的数据，无需提交。'}
        </Notice>
      ) : (
        <Notice kind="info">
          确认预览无误后提交审核；审核通过前，数据不会生效。
          {report?.reasonRequired ? ' 本次修改了已审核通过的数据，须填写修改原因。' : ''}
        </Notice>
      )}
      {!blocked && report?.reasonRequired ? (
        <label className={kit.field}>
          <span>修改原因{needsReason ? '（必填）' : ''}</span>
          <textarea
            className={kit.input}
            name="reason"
            maxLength={500}
            value={reason}
            placeholder={report.reason ? `上传时已填写：${report.reason}` : '例如：统计口径调整，按核定数更正'}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div className={styles.actionRow}>
        <Button variant="primary" onClick={() => act('submit')} disabled={blocked || busy !== null || (needsReason && reason.trim() === '')}>
          {busy === 'submit' ? '正在提交…' : '提交审核'}
        </Button>
        <Button variant="danger" onClick={() => act('discard')} disabled={busy !== null}>
          {busy === 'discard' ? '正在作废…' : '作废本次预览'}
        </Button>
      </div>
    </div>
  );
}

export function ReviewActions({ batch, onDone }: { batch: BatchRecord; onDone: (batch: BatchRecord) => void }) {
  const [comment, setComment] = useState('');
  const { busy, error, setError, post } = useBatchTransition<'approve' | 'return'>(batch, onDone);

  const act = async (action: 'approve' | 'return') => {
    if (action === 'return' && comment.trim() === '') {
      setError('退回时须填写审核意见，说明需要修改什么。');
      return;
    }
    await post(action, action === 'approve' ? (comment.trim() ? { comment: comment.trim() } : {}) : { comment: comment.trim() });
  };

  return (
    <div className={styles.actions} data-testid="review-actions">
      <label className={kit.field}>
        <span>审核意见（退回时必填）</span>
        <textarea className={kit.input} name="comment" maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="例如：数据已核实" />
      </label>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div className={styles.actionRow}>
        <Button variant="primary" onClick={() => act('approve')} disabled={busy !== null}>
          {busy === 'approve' ? '正在通过…' : '✔ 审核通过'}
        </Button>
        <Button variant="danger" onClick={() => act('return')} disabled={busy !== null}>
          {busy === 'return' ? '正在退回…' : '↩ 退回修改'}
        </Button>
      </div>
    </div>
  );
}
