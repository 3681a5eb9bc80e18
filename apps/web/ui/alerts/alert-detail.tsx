'use client';
/**
 * One alert, as a message links to it: what is wrong, whose it is, its lifecycle, and what the
 * signed-in user may do (确认, 解除, 开督办), with a link to the figure or project it is about.
 */
import Link from 'next/link';
import { useState } from 'react';
import { ALERT_TYPE_LABELS, type AlertListResponse, type AlertView } from '@planwatch/shared';
import { query } from '@/lib/client-api';
import { formatDateTime, formatPeriodCn } from '@/lib/format';
import { indicatorHref } from '@/lib/period-link';
import type { SessionUser } from '@/lib/session';
import { Panel } from '../dashboard/panel';
import { ErrorNote } from '../error-note';
import { Empty } from '../kit/kit';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import { AlertStateTag, SeverityBadge } from './alert-badges';
import { AlertActions, AlertHandling, mayOpenSupervision } from './alerts-view';
import styles from './alerts.module.css';

/** The page of what the alert is about, as of the alert's month. */
function subjectLink(alert: AlertView): { href: string; label: string } | null {
  const s = alert.subject;
  if (s.kind === 'indicator') return { href: indicatorHref(s.indicatorCode, { region: s.regionCode, period: alert.period }), label: '查看该指标' };
  if (s.kind === 'project') return { href: `/projects/${encodeURIComponent(s.projectCode)}`, label: '查看该项目' };
  return null;
}

export function AlertDetailView({ id, user }: { id: string; user: SessionUser }) {
  const found = useApi<AlertListResponse>(`/api/alerts${query({ id, state: 'firing,acknowledged,resolved', limit: 1 })}`);
  const [changed, setChanged] = useState<AlertView | null>(null);
  if (found.error) return <ErrorNote title="预警加载失败" error={found.error} />;
  if (!found.data) return <Skeleton lines={6} />;
  const alert = changed ?? found.data.items[0];
  if (!alert) return <Empty>预警 #{id} 不存在，或不属于本部门。</Empty>;
  const subject = subjectLink(alert);
  return (
    <div className={styles.stack} data-testid="alert-detail" data-alert={alert.id} data-state={alert.state}>
      <Panel
        title={alert.title}
        meta={
          <>
            <SeverityBadge severity={alert.severity} />
            <AlertStateTag state={alert.state} />
          </>
        }
      >
        <p className={styles.detailMessage}>{alert.message}</p>
        <dl className={styles.facts}>
          <dt>类型</dt>
          <dd>{ALERT_TYPE_LABELS[alert.type] ?? alert.type}</dd>
          <dt>责任单位</dt>
          <dd>{alert.departmentName ?? alert.departmentCode ?? '—'}</dd>
          <dt>期别</dt>
          <dd>{formatPeriodCn(alert.period)}</dd>
          <dt>触发时间</dt>
          <dd>{formatDateTime(alert.firedAt)}</dd>
          <dt>最近评估</dt>
          <dd>{formatDateTime(alert.lastEvaluatedAt)}</dd>
        </dl>
        <AlertHandling alert={alert} />
      </Panel>
      <Panel title="处理">
        <AlertActions alert={alert} user={user} onChanged={setChanged} />
        <p className={styles.links}>
          {subject ? <Link href={subject.href}>{subject.label} →</Link> : null}
          {mayOpenSupervision(user, alert) ? <Link href={`/supervision/new?alert=${encodeURIComponent(alert.id)}`}>开督办 →</Link> : null}
          <Link href="/alerts">全部预警 →</Link>
        </p>
      </Panel>
    </div>
  );
}
