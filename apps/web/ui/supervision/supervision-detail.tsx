'use client';
/**
 * One 督办: what is asked, by when, the timeline of every step and reply, and the form for
 * whatever the signed-in user may do now (签收; 反馈 with an optional file; 办结 or 退回).
 */
import { useState, type FormEvent } from 'react';
import { SUPERVISION_STEP_LABELS, SUPERVISION_STATE_LABELS, type SupervisionDetail } from '@planwatch/shared';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { formatDateTime } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { ErrorNote } from '../error-note';
import { Button, Notice, kit } from '../kit/kit';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import { ColourBadge, Deadline, SupervisionStateTag } from './supervision-badges';
import styles from './supervision.module.css';

function Timeline({ detail }: { detail: SupervisionDetail }) {
  return (
    <ol className={styles.timeline} data-testid="timeline">
      {detail.steps.map((step) => (
        <li key={step.id} data-kind={step.kind} data-system={step.userName === null}>
          <div className={styles.stepHead}>
            {SUPERVISION_STEP_LABELS[step.kind]}
            {step.stateBefore && step.stateAfter && step.stateBefore !== step.stateAfter ? (
              <span className={styles.muted}>
                {' '}
                （{SUPERVISION_STATE_LABELS[step.stateBefore]} → {SUPERVISION_STATE_LABELS[step.stateAfter]}）
              </span>
            ) : null}
          </div>
          <div className={styles.muted}>
            {step.userName ?? '系统'} · {formatDateTime(step.at)}
          </div>
          {step.reply ? (
            <dl className={`${styles.facts} ${styles.stepBody}`}>
              <dt>原因分析</dt>
              <dd>{step.reply.reason}</dd>
              <dt>整改措施</dt>
              <dd>{step.reply.measures}</dd>
              <dt>预计完成</dt>
              <dd>{step.reply.expectedBy}</dd>
            </dl>
          ) : null}
          {step.comment && step.kind !== 'opened' ? <div className={styles.stepBody}>意见：{step.comment}</div> : null}
          {step.attachments.map((a) => (
            <div key={a.id} className={styles.stepBody}>
              📎{' '}
              <a href={`/api/supervision/attachments/${a.id}`} download>
                {a.fileName}
              </a>{' '}
              <span className={styles.muted}>（{Math.max(1, Math.round(a.size / 1024))} KB）</span>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

function ReplyForm({ id, onDone }: { id: string; onDone: (d: SupervisionDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (file instanceof File && file.size === 0) form.delete('file');
    setBusy(true);
    setError(null);
    try {
      onDone(await apiRequest<SupervisionDetail>(`/api/supervision/${encodeURIComponent(id)}/replies`, { method: 'POST', form }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="反馈">
      <label className={kit.field}>
        <span>原因分析</span>
        <textarea className={kit.input} name="reason" required maxLength={4000} />
      </label>
      <label className={kit.field}>
        <span>整改措施</span>
        <textarea className={kit.input} name="measures" required maxLength={4000} />
      </label>
      <label className={kit.field}>
        <span>预计完成时间</span>
        <input className={kit.input} type="date" name="expectedBy" required />
      </label>
      <label className={kit.field}>
        <span>附件（可选，.xlsx 或 .csv，如整改台账）</span>
        <input className={kit.input} type="file" name="file" accept=".xlsx,.csv" />
      </label>
      {error ? <span role="alert" className={styles.error}>✖ {error}</span> : null}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? '提交中…' : '提交反馈'}
        </Button>
      </div>
    </form>
  );
}

function DecisionForm({ id, onDone }: { id: string; onDone: (d: SupervisionDetail) => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (action: 'close' | 'return') => {
    if (action === 'return' && comment.trim() === '') {
      setError('退回时请写明退回意见');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await apiRequest<SupervisionDetail>(`/api/supervision/${encodeURIComponent(id)}/${action}`, { method: 'POST', json: comment.trim() ? { comment: comment.trim() } : {} }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.form}>
      <label className={kit.field}>
        <span>意见（退回时必填）</span>
        <textarea className={kit.input} name="comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error ? <span role="alert" className={styles.error}>✖ {error}</span> : null}
      <div className={styles.actions}>
        <Button variant="primary" onClick={() => decide('close')} disabled={busy}>
          ☑ 办结
        </Button>
        <Button onClick={() => decide('return')} disabled={busy}>
          ↩ 退回
        </Button>
      </div>
    </div>
  );
}

export function SupervisionDetailView({ id }: { id: string }) {
  const detail = useApi<SupervisionDetail>(`/api/supervision/${encodeURIComponent(id)}`);
  const [signError, setSignError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (detail.error) return <ErrorNote title="督办加载失败" error={detail.error} />;
  const d = detail.data;
  if (!d) return <Skeleton lines={8} />;
  const sign = async () => {
    setBusy(true);
    setSignError(null);
    try {
      detail.setData(await apiRequest<SupervisionDetail>(`/api/supervision/${encodeURIComponent(id)}/sign`, { method: 'POST', json: {} }));
    } catch (e) {
      setSignError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.stack} data-testid="supervision-detail" data-state={d.state}>
      <Panel title="督办事项" meta={<span>{d.sample ? '示例数据' : null}</span>}>
        <dl className={styles.facts}>
          <dt>状态</dt>
          <dd>
            <SupervisionStateTag state={d.state} /> <ColourBadge colour={d.colour} />
          </dd>
          <dt>督办对象</dt>
          <dd>
            {d.subjectLabel}
            {d.alertId ? (
              <>
                {' '}
                · <a href="/alerts?state=all">来源预警</a>
              </>
            ) : null}
          </dd>
          <dt>督办要求</dt>
          <dd className={styles.stepBody}>{d.request}</dd>
          <dt>承办部门</dt>
          <dd>{d.departmentName}</dd>
          <dt>办理期限</dt>
          <dd>
            <Deadline deadline={d.deadline} estimated={d.deadlineEstimated} overdue={d.overdue} />（{d.workingDays}个工作日）
          </dd>
          <dt>立项</dt>
          <dd>
            {d.openedByName} · {formatDateTime(d.openedAt)}
          </dd>
        </dl>
        {d.alertResolvedAt ? (
          <Notice kind="info" title="关联预警已自动解除">
            {formatDateTime(d.alertResolvedAt)}，本督办仍需反馈并办结。
          </Notice>
        ) : null}
      </Panel>
      <Panel title="办理过程">
        <Timeline detail={d} />
      </Panel>
      {d.allowed.includes('sign') ? (
        <Panel title="签收">
          <p>签收后请在办理期限前反馈原因分析、整改措施和预计完成时间。</p>
          {signError ? <span role="alert" className={styles.error}>✖ {signError}</span> : null}
          <Button variant="primary" onClick={sign} disabled={busy}>
            ✔ 签收
          </Button>
        </Panel>
      ) : null}
      {d.allowed.includes('reply') ? (
        <Panel title={d.state === 'returned' ? '重新反馈' : d.state === 'replied' ? '补充反馈' : '反馈'}>
          <ReplyForm id={d.id} onDone={detail.setData} />
        </Panel>
      ) : null}
      {d.allowed.includes('close') ? (
        <Panel title="办结或退回">
          <DecisionForm id={d.id} onDone={detail.setData} />
        </Panel>
      ) : null}
    </div>
  );
}
