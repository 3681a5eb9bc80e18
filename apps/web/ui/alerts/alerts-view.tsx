'use client';
/**
 * 预警: alerts in the user's scope by state (预警中 / 已确认 / 已解除) and severity, with
 * 确认 (a comment is required: what the department is doing about it) and 解除 (a reviewer's or
 * a leader's of a department it concerns, or an administrator's, with the reason; everyone
 * concerned sees who and why); and the
 * department's inbox of notifications (alerts, returned submissions, 催报).
 */
import Link from 'next/link';
import { useState } from 'react';
import {
  ALERT_TYPE_LABELS,
  ALERT_TYPES,
  canCloseAlert,
  type AlertListResponse,
  type AlertState,
  type AlertType,
  type AlertView,
  type InboxResponse,
  type Severity,
} from '@planwatch/shared';
import { apiRequest, errorMessage, query } from '@/lib/client-api';
import { formatDateTime, formatPeriodCn } from '@/lib/format';
import type { SessionUser } from '@/lib/session';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { Button, Notice, Tag, kit } from '../kit/kit';
import { useApi } from '../use-api';
import { replaceQuery } from '../reporting/url-state';
import tables from '../dashboard/tables.module.css';
import { AlertStateTag, SeverityBadge } from './alert-badges';
import styles from './alerts.module.css';

export type StateFilter = 'active' | AlertState | 'all';
const TABS: Array<{ id: StateFilter; label: string; states: string | undefined }> = [
  { id: 'active', label: '待处理', states: 'firing,acknowledged' },
  { id: 'firing', label: '预警中', states: 'firing' },
  { id: 'acknowledged', label: '已确认', states: 'acknowledged' },
  { id: 'resolved', label: '已解除', states: 'resolved' },
  { id: 'all', label: '全部', states: undefined },
];
const PAGE = 100;

/** 确认 (any department the alert concerns; leaders only read) and 解除 (`canCloseAlert`), each with a comment, in place. */
export function AlertActions({ alert, user, onChanged }: { alert: AlertView; user: SessionUser; onChanged: (a: AlertView) => void }) {
  const mayAcknowledge = user.role !== 'viewer';
  const mayResolve = canCloseAlert(user, alert);
  const [mode, setMode] = useState<'ack' | 'resolve' | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (alert.state === 'resolved') return <span className={styles.handled}>—</span>;

  const send = async () => {
    if (comment.trim() === '') {
      setError(mode === 'ack' ? '确认时请写明处理情况' : '解除时请写明原因');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const path = `/api/alerts/${encodeURIComponent(alert.id)}/${mode === 'ack' ? 'acknowledge' : 'resolve'}`;
      onChanged(await apiRequest<AlertView>(path, { method: 'POST', json: { comment: comment.trim() } }));
      setMode(null);
      setComment('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (mode) {
    return (
      <div className={styles.inline}>
        <textarea
          className={kit.input}
          aria-label={mode === 'ack' ? '确认说明' : '解除说明'}
          placeholder={mode === 'ack' ? '处理情况（必填），如：已核实，正在补报' : '解除原因（必填），如：数据已更正，差距已消除'}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoFocus
        />
        {error ? <span role="alert" style={{ color: '#b91c1c', fontSize: 'var(--fs-xs)' }}>✖ {error}</span> : null}
        <div style={{ display: 'flex', gap: 6 }}>
          <Button size="sm" variant="primary" onClick={send} disabled={busy}>
            {busy ? '提交中…' : mode === 'ack' ? '确认预警' : '解除预警'}
          </Button>
          <Button size="sm" onClick={() => setMode(null)} disabled={busy}>
            取消
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className={styles.actions}>
      <div style={{ display: 'flex', gap: 6 }}>
        {mayAcknowledge && alert.state === 'firing' ? (
          <Button size="sm" onClick={() => setMode('ack')}>
            ✔ 确认
          </Button>
        ) : null}
        {mayResolve ? (
          <Button size="sm" onClick={() => setMode('resolve')}>
            ☑ 解除
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** Who acknowledged or resolved the alert, when, and what they wrote. */
export function AlertHandling({ alert }: { alert: AlertView }) {
  return (
    <>
      {alert.acknowledgedAt ? (
        <div className={styles.handled}>
          ✔ {alert.acknowledgedBy ?? '—'} 于 {formatDateTime(alert.acknowledgedAt)} 确认：{alert.ackComment ?? ''}
        </div>
      ) : null}
      {alert.resolvedAt ? (
        <div className={styles.handled}>
          ☑ {alert.resolvedBy ?? '自动'} 于 {formatDateTime(alert.resolvedAt)} 解除{alert.resolveComment ? `：${alert.resolveComment}` : ''}
        </div>
      ) : null}
    </>
  );
}

/** Administrators and leaders open a 督办 from an alert not yet resolved. */
export function mayOpenSupervision(user: SessionUser, alert: AlertView): boolean {
  return (user.role === 'admin' || user.role === 'viewer') && alert.state !== 'resolved';
}

function Inbox() {
  const inbox = useApi<InboxResponse>(`/api/alerts/inbox${query({ limit: 20 })}`);
  const [busy, setBusy] = useState(false);
  const readAll = async () => {
    setBusy(true);
    try {
      await apiRequest('/api/alerts/inbox/read-all', { method: 'POST', json: {} });
      inbox.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel
      title="部门通知"
      meta={
        inbox.data ? (
          <>
            <span>未读 {inbox.data.unread} 条</span>
            {inbox.data.unread > 0 ? (
              <Button size="sm" onClick={readAll} disabled={busy}>
                全部标为已读
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      <Loaded data={inbox.data} error={inbox.error} failure="通知加载失败" lines={3} empty={(notices) => (notices.items.length === 0 ? '本部门暂无通知。' : null)}>
        {(notices) => (
          <div>
            {notices.items.map((n) => (
              <div key={n.id} className={styles.inboxItem}>
                <div className={n.readAt ? undefined : styles.unread}>
                  {n.readAt ? null : <Tag tone="blue" glyph="●">未读</Tag>} {n.title}
                </div>
                <div className={styles.inboxBody}>{n.body}</div>
                {n.batchId ? (
                  <div>
                    <Link href={`/reporting/batches/${n.batchId}`}>查看被退回的批次</Link> · <Link href="/reporting">我的任务</Link>
                  </div>
                ) : null}
                {n.supervisionId ? (
                  <Link href={`/supervision/${encodeURIComponent(n.supervisionId)}`} className={styles.handled}>
                    ➜ 查看督办
                  </Link>
                ) : null}
                <div className={styles.handled}>{formatDateTime(n.createdAt)}</div>
              </div>
            ))}
          </div>
        )}
      </Loaded>
    </Panel>
  );
}

export function AlertsView({
  user,
  initialState,
  initialSeverity,
  initialType,
  initialFocus,
}: {
  user: SessionUser;
  initialState: StateFilter;
  initialSeverity: Severity | null;
  initialType: AlertType | null;
  /** From a message's link: one alert, or one department's alerts. */
  initialFocus: { alert: string | null; department: string | null };
}) {
  const [state, setState] = useState<StateFilter>(initialState);
  const [severity, setSeverity] = useState<Severity | null>(initialSeverity);
  const [type, setType] = useState<AlertType | null>(initialType);
  const [focus, setFocus] = useState(initialFocus);
  const [limit, setLimit] = useState(PAGE);
  const [changed, setChanged] = useState<Record<string, AlertView>>({});
  const tab = TABS.find((t) => t.id === state) ?? TABS[0]!;
  const list = useApi<AlertListResponse>(`/api/alerts${query({ state: tab.states, severity, type, id: focus.alert, department: focus.department, limit })}`);
  const counts = useApi<AlertListResponse>(`/api/alerts${query({ severity, type, id: focus.alert, department: focus.department, limit: 1 })}`);
  const clearFocus = () => {
    setFocus({ alert: null, department: null });
    replaceQuery({ state, severity, type, alert: null, department: null });
  };

  const pick = (next: { state?: StateFilter; severity?: Severity | null; type?: AlertType | null }) => {
    if (next.state !== undefined) setState(next.state);
    if (next.severity !== undefined) setSeverity(next.severity);
    if (next.type !== undefined) setType(next.type);
    setLimit(PAGE);
    setChanged({});
    replaceQuery({
      state: next.state ?? state,
      severity: next.severity === undefined ? severity : next.severity,
      type: next.type === undefined ? type : next.type,
      alert: focus.alert,
      department: focus.department,
    });
  };
  const onChanged = (a: AlertView) => {
    setChanged((c) => ({ ...c, [a.id]: a }));
    counts.reload();
  };

  const c = counts.data?.counts;
  const tabCount = (id: StateFilter) =>
    !c ? null : id === 'active' ? c.firing + c.acknowledged : id === 'all' ? c.firing + c.acknowledged + c.resolved : c[id as AlertState];
  const items = (list.data?.items ?? []).map((a) => changed[a.id] ?? a);

  return (
    <div className={styles.stack}>
      {focus.alert || focus.department ? (
        <Notice kind="info" title={focus.alert ? '只显示消息中提到的这条预警' : `只显示${focus.department}部门的预警`}>
          <Button size="sm" onClick={clearFocus}>
            显示全部预警
          </Button>
        </Notice>
      ) : null}
      <Panel title="筛选">
        <div className={kit.toolbar}>
          <div className={styles.tabs} role="group" aria-label="预警状态">
            {TABS.map((t) => (
              <button key={t.id} type="button" aria-pressed={t.id === state} onClick={() => pick({ state: t.id })}>
                {t.label}
                {tabCount(t.id) !== null ? <span className={styles.count}>{tabCount(t.id)}</span> : null}
              </button>
            ))}
          </div>
          <div className={kit.row}>
            <label className={kit.field}>
              <span>级别</span>
              <select className={kit.input} value={severity ?? ''} onChange={(e) => pick({ severity: (e.target.value || null) as Severity | null })}>
                <option value="">全部级别</option>
                <option value="red">✖ 红色预警{c ? `（${c.red}）` : ''}</option>
                <option value="yellow">▲ 黄色预警{c ? `（${c.yellow}）` : ''}</option>
              </select>
            </label>
            <label className={kit.field}>
              <span>类型</span>
              <select className={kit.input} value={type ?? ''} onChange={(e) => pick({ type: (e.target.value || null) as AlertType | null })}>
                <option value="">全部类型</option>
                {ALERT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {ALERT_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
      </Panel>

      <Panel title={`预警列表（${tab.label}）`} meta={list.data ? <span>共 {list.data.total} 条</span> : null} exportName={`预警-${tab.label}`}>
        <Loaded data={list.data} error={list.error} failure="预警加载失败" lines={6} empty={() => (items.length > 0 ? null : state === 'active' || state === 'firing' ? '没有待处理的预警。' : '没有符合条件的预警。')}>
          {(page) => (
            <>
              <div className={tables.scroll}>
                <table className={`${tables.table} ${tables.cards}`} aria-label="预警列表" data-testid="alerts">
                  <thead>
                    <tr>
                      <th>级别</th>
                      <th>状态</th>
                      <th>类型</th>
                      <th>预警内容</th>
                      <th>责任单位</th>
                      <th>期别</th>
                      <th>触发时间</th>
                      <th data-xlsx-skip>处理</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((a) => (
                      <tr key={a.id} className={styles.row} data-severity={a.severity} data-state={a.state} data-alert={a.id}>
                        <td data-card="inline">
                          <SeverityBadge severity={a.severity} />
                        </td>
                        <td data-card="inline">
                          <AlertStateTag state={a.state} />
                        </td>
                        <td className={tables.nowrap} data-card="inline">
                          {ALERT_TYPE_LABELS[a.type] ?? a.type}
                        </td>
                        <td>
                          <Link href={`/alerts/${encodeURIComponent(a.id)}`} className={styles.title}>
                            {a.title}
                          </Link>
                          <div className={styles.message}>{a.message}</div>
                          <AlertHandling alert={a} />
                        </td>
                        <td className={tables.nowrap} data-label="责任单位">
                          {a.departmentName ?? a.departmentCode ?? '—'}
                        </td>
                        <td className={tables.nowrap} data-label="期别">
                          {formatPeriodCn(a.period)}
                        </td>
                        <td className={tables.nowrap} data-label="触发时间">
                          {formatDateTime(a.firedAt)}
                        </td>
                        <td data-xlsx-skip>
                          <AlertActions alert={a} user={user} onChanged={onChanged} />
                          {mayOpenSupervision(user, a) ? (
                            <Link href={`/supervision/new?alert=${encodeURIComponent(a.id)}`} className={styles.handled}>
                              ➜ 开督办
                            </Link>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {page.total > items.length ? (
                <p style={{ marginTop: 12 }}>
                  <Button onClick={() => setLimit((l) => Math.min(500, l + PAGE))} disabled={limit >= 500}>
                    显示更多（已显示 {items.length} / {page.total}）
                  </Button>
                </p>
              ) : null}
            </>
          )}
        </Loaded>
      </Panel>
      {user.departmentCode ? <Inbox /> : <Notice kind="info">部门通知按部门投递；管理员和查看账号在此页查看全部预警。</Notice>}
    </div>
  );
}
