'use client';
/** What can be done with a batch: submit or discard a preview; approve or return a submission. */
import { hasExplanation, type BatchRecord, type PreviewReport, type PreviewRow } from '@planwatch/shared';
import { useState } from 'react';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { formatExact, formatPeriodCn } from '@/lib/format';
import { Button, Notice, kit } from '../kit/kit';
import styles from './reporting.module.css';

/** Moves the batch on (`action` is the last segment of the API path) and hands the updated batch to `onDone`. */
function useBatchTransition<Action extends string>(batch: BatchRecord, onDone: (batch: BatchRecord) => void) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);

  const post = async (action: Action, body: Record<string, unknown>) => {
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

/** Rows the reporter settles as it submits: each hit's 说明, each changed figure's 修改原因. */
interface RowInput {
  note: string;
  reason: string;
}

const rowKey = (r: Pick<PreviewRow, 'indicatorCode' | 'regionCode' | 'period' | 'basis'>) => `${r.indicatorCode}|${r.regionCode}|${r.period}|${r.basis}`;

export function SubmitActions({ batch, report, onDone }: { batch: BatchRecord; report: PreviewReport | null; onDone: (batch: BatchRecord) => void }) {
  const rows = report?.rows ?? [];
  const settled = rows.filter((r) => r.needsExplanation || r.checks.length > 0 || r.kind === 'changed');
  const [inputs, setInputs] = useState<Record<string, RowInput>>(() =>
    Object.fromEntries(settled.map((r) => [rowKey(r), { note: r.note ?? '', reason: r.reason ?? report?.reason ?? '' }])),
  );
  const { busy, error, post } = useBatchTransition<'submit' | 'discard'>(batch, onDone);
  const blocked = batch.rowsRejected > 0 || (report !== null && !report.submittable);
  const set = (key: string, field: keyof RowInput, text: string) => setInputs((all) => ({ ...all, [key]: { ...all[key]!, [field]: text } }));
  const missing = settled.filter((r) => (r.needsExplanation && !hasExplanation(inputs[rowKey(r)]?.note)) || (r.kind === 'changed' && !inputs[rowKey(r)]?.reason.trim()));

  const submit = () =>
    post('submit', {
      rows: settled.map((r) => ({
        indicator: r.indicatorCode,
        region: r.regionCode,
        period: r.period,
        basis: r.basis,
        note: inputs[rowKey(r)]!.note.trim(),
        ...(r.kind === 'changed' ? { reason: inputs[rowKey(r)]!.reason.trim() } : {}),
      })),
    });

  return (
    <div className={styles.actions} data-testid="submit-actions">
      {blocked ? (
        <Notice kind="error">
          {batch.rowsRejected > 0 ? `有 ${batch.rowsRejected} 行被拒绝，整批不能提交：请修改后重新上传。` : '预览中没有新增或变更的数据，无需提交。'}
        </Notice>
      ) : (
        <Notice kind="info">确认无误后提交审核；审核通过前，数据不会生效。未通过核实性审核的行须填写说明，修改已审核通过的数据须填写修改原因。</Notice>
      )}
      {!blocked && settled.length > 0 ? (
        <ul className={styles.noteList} aria-label="逐行说明">
          {settled.map((r) => {
            const key = rowKey(r);
            return (
              <li key={key} data-indicator={r.indicatorCode} data-region={r.regionCode}>
                <div>
                  <strong>
                    {r.indicatorName} / {r.regionName}
                  </strong>
                  <div className={styles.small}>
                    {formatPeriodCn(r.period)} · {formatExact(r.value)} {r.unit}
                  </div>
                  {r.checks.map((h) => (
                    <div key={h.rule} className={h.level === 'hard' ? styles.hardHit : styles.softHit}>
                      ▲ {h.message}
                    </div>
                  ))}
                </div>
                <div className={styles.actions}>
                  <label className={kit.field}>
                    <span>说明{r.needsExplanation ? '（必填，至少4个字）' : '（可选）'}</span>
                    <textarea
                      className={kit.input}
                      name={`note-${key}`}
                      maxLength={500}
                      value={inputs[key]!.note}
                      placeholder="例如：新矿井11月投产，产量已与企业月报核实"
                      onChange={(e) => set(key, 'note', e.target.value)}
                    />
                  </label>
                  {r.kind === 'changed' ? (
                    <label className={kit.field}>
                      <span>修改原因（必填）</span>
                      <input className={kit.input} name={`reason-${key}`} maxLength={500} value={inputs[key]!.reason} placeholder="例如：按企业核定数更正" onChange={(e) => set(key, 'reason', e.target.value)} />
                    </label>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div className={styles.actionRow}>
        <Button variant="primary" onClick={submit} disabled={blocked || busy !== null}>
          {busy === 'submit' ? '正在提交…' : '提交审核'}
        </Button>
        <Button variant="danger" onClick={() => post('discard', {})} disabled={busy !== null}>
          {busy === 'discard' ? '正在作废…' : '作废本次预览'}
        </Button>
        {!blocked && missing.length > 0 ? <span className={styles.small}>还有 {missing.length} 行须填写说明或修改原因</span> : null}
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
