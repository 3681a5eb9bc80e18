'use client';
/** 立项督办: from an alert (owner and subject come from it) or by hand for an indicator, town or project. */
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { AlertListResponse, SupervisionDetail } from '@planwatch/shared';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { Panel } from '../dashboard/panel';
import { Button, DepartmentOptions, kit, Notice } from '../kit/kit';
import styles from './supervision.module.css';

export type OpenTarget =
  | { kind: 'alert'; alertId: string; label: string; departmentCode: string | null }
  | { kind: 'indicator'; indicatorCode: string; regionCode: string; label: string; departmentCode: string | null }
  | { kind: 'region'; regionCode: string; label: string; departmentCode: string | null };

export function OpenSupervisionForm({ target, departments }: { target: OpenTarget; departments: Array<{ code: string; name: string }> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const request = String(form.get('request') ?? '').trim();
    const departmentCode = String(form.get('departmentCode') ?? '') || undefined;
    const workingDays = Number(form.get('workingDays'));
    const title = String(form.get('title') ?? '').trim() || undefined;
    const subject = target.kind === 'alert' ? undefined : target.kind === 'indicator' ? { kind: 'indicator', indicatorCode: target.indicatorCode, regionCode: target.regionCode } : { kind: 'region', regionCode: target.regionCode };
    setBusy(true);
    setError(null);
    try {
      const opened = await apiRequest<SupervisionDetail>('/api/supervision', {
        method: 'POST',
        json: { ...(target.kind === 'alert' ? { alertId: target.alertId } : { subject }), request, departmentCode, workingDays, title },
      });
      router.push(`/supervision/${opened.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Panel title="立项督办">
      <form className={styles.form} onSubmit={submit} aria-label="立项督办">
        <p>
          督办对象：<strong>{target.label}</strong>
        </p>
        <label className={kit.field}>
          <span>标题（可选）</span>
          <input className={kit.input} name="title" maxLength={200} placeholder={target.label} />
        </label>
        <label className={kit.field}>
          <span>督办要求</span>
          <textarea className={kit.input} name="request" required maxLength={2000} defaultValue="请分析滞后原因，提出整改措施和完成时限。" />
        </label>
        <label className={kit.field}>
          <span>承办部门</span>
          <select className={kit.input} name="departmentCode" defaultValue={target.departmentCode ?? ''} required>
            <option value="" disabled>
              请选择
            </option>
            <DepartmentOptions departments={departments} />
          </select>
        </label>
        <label className={kit.field}>
          <span>办理时限（工作日，按法定节假日和调休计算）</span>
          <input className={kit.input} type="number" name="workingDays" min={1} max={60} defaultValue={5} required />
        </label>
        {error ? <span role="alert" className={styles.error}>✖ {error}</span> : null}
        <div className={styles.actions}>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? '提交中…' : '开督办'}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

/**
 * 立项 from an alert: the alert is read with the signed-in user's session (who owns an alert is
 * not public), then the form opens with its subject and owner department.
 */
export function OpenFromAlertForm({ alertId, departments }: { alertId: string; departments: Array<{ code: string; name: string }> }) {
  const [target, setTarget] = useState<OpenTarget | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiRequest<AlertListResponse>('/api/alerts?limit=500&state=firing,acknowledged')
      .then((list) => {
        const alert = list.items.find((a) => a.id === alertId);
        if (alert) setTarget({ kind: 'alert', alertId, label: alert.title, departmentCode: alert.departmentCode });
        else setError(`预警${alertId}不存在或已解除，无法据此立项督办。`);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [alertId]);
  if (error) return <Notice kind="warning">{error}</Notice>;
  if (!target) return <p aria-busy="true">正在读取预警…</p>;
  return <OpenSupervisionForm target={target} departments={departments} />;
}
