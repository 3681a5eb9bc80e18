'use client';
/** 预警规则: list, enable/disable in one click, edit name, schedule, parameters, severity and scope. */
import { Fragment, useState } from 'react';
import { ALERT_TYPE_LABELS, type AlertRuleView } from '@planwatch/shared';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { formatDateTime } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { Button, Notice, Tag, kit } from '../kit/kit';
import { useApi } from '../use-api';
import { ActionOutcome, useRowAction } from './row-action';
import tables from '../dashboard/tables.module.css';
import styles from './admin.module.css';

const json = (value: unknown) => JSON.stringify(value ?? {}, null, 2);

function scopeText(scope: AlertRuleView['scope']): string {
  const parts = [
    scope.chains.length ? `产业链 ${scope.chains.join('、')}` : '',
    scope.indicators.length ? `指标 ${scope.indicators.join('、')}` : '',
    scope.regions.length ? `地区 ${scope.regions.join('、')}` : '',
    scope.departments.length ? `部门 ${scope.departments.join('、')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '全部';
}

function RuleEditor({ rule, onSaved, onCancel }: { rule: AlertRuleView; onSaved: (rule: AlertRuleView) => void; onCancel: () => void }) {
  const [name, setName] = useState(rule.name);
  const [schedule, setSchedule] = useState(rule.schedule);
  const [timezone, setTimezone] = useState(rule.timezone);
  const [params, setParams] = useState(json(rule.params));
  const [severity, setSeverity] = useState(json(rule.severity));
  const [scope, setScope] = useState(json(rule.scope));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const parse = (label: string, text: string): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('须为JSON对象');
      return value as Record<string, unknown>;
    } catch (e) {
      throw new Error(`${label}不是有效的JSON对象：${errorMessage(e)}`);
    }
  };

  const save = async () => {
    setError(null);
    let body;
    try {
      body = { name: name.trim(), schedule: schedule.trim(), timezone: timezone.trim(), params: parse('参数', params), severity: parse('级别映射', severity), scope: parse('范围', scope) };
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setBusy(true);
    try {
      onSaved(await apiRequest<AlertRuleView>(`/api/alerts/rules/${encodeURIComponent(rule.code)}`, { method: 'PATCH', json: body }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div className={styles.editGrid}>
        <label className={kit.field}>
          <span>名称</span>
          <input className={kit.input} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className={kit.field}>
          <span>计划（五段 cron）</span>
          <input className={kit.input} value={schedule} onChange={(e) => setSchedule(e.target.value)} />
        </label>
        <label className={kit.field}>
          <span>时区</span>
          <input className={kit.input} value={timezone} onChange={(e) => setTimezone(e.target.value)} />
        </label>
        <label className={kit.field}>
          <span>参数（JSON，按键合并）</span>
          <textarea className={`${kit.input} ${styles.json}`} value={params} onChange={(e) => setParams(e.target.value)} spellCheck={false} />
        </label>
        <label className={kit.field}>
          <span>级别映射（JSON）</span>
          <textarea className={`${kit.input} ${styles.json}`} value={severity} onChange={(e) => setSeverity(e.target.value)} spellCheck={false} />
        </label>
        <label className={kit.field}>
          <span>范围（JSON；空数组 = 全部）</span>
          <textarea className={`${kit.input} ${styles.json}`} value={scope} onChange={(e) => setScope(e.target.value)} spellCheck={false} />
        </label>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button variant="primary" onClick={save} disabled={busy}>
          {busy ? '正在保存…' : '保存'}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          取消
        </Button>
      </div>
    </div>
  );
}

export function RulesView() {
  const rules = useApi<AlertRuleView[]>('/api/alerts/rules');
  const [editing, setEditing] = useState<string | null>(null);
  const { busy, run, notice, setNotice, error } = useRowAction();

  const replace = (rule: AlertRuleView) => rules.setData((rules.data ?? []).map((r) => (r.code === rule.code ? rule : r)));
  const toggle = (rule: AlertRuleView) =>
    run(rule.code, async () => {
      const updated = await apiRequest<AlertRuleView>(`/api/alerts/rules/${encodeURIComponent(rule.code)}`, { method: 'PATCH', json: { enabled: !rule.enabled } });
      replace(updated);
      return `规则“${rule.name}”已${updated.enabled ? '启用' : '停用'}`;
    });

  return (
    <div className={styles.stack}>
      <ActionOutcome notice={notice} error={error} />
      <Panel title="规则列表" meta={rules.data ? <span>共 {rules.data.length} 条</span> : null} exportName="预警规则">
        <Loaded data={rules.data} error={rules.error} failure="规则加载失败" lines={5}>
          {(ruleList) => (
            <div className={tables.scroll}>
              <table className={tables.table} aria-label="预警规则">
                <thead>
                  <tr>
                    <th>规则</th>
                    <th>类型</th>
                    <th>状态</th>
                    <th>参数</th>
                    <th>级别映射</th>
                    <th>范围</th>
                    <th>计划</th>
                    <th className={tables.num}>活动预警</th>
                    <th>更新时间</th>
                    <th data-xlsx-skip>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {ruleList.map((r) => (
                    <Fragment key={r.code}>
                      <tr data-rule={r.code}>
                        <td>
                          <b>{r.name}</b>
                          <div className={styles.code}>{r.code}</div>
                        </td>
                        <td className={tables.nowrap}>{ALERT_TYPE_LABELS[r.type] ?? r.type}</td>
                        <td>
                          {r.enabled ? (
                            <Tag tone="green" glyph="✔">
                              启用
                            </Tag>
                          ) : (
                            <Tag glyph="⊘">停用</Tag>
                          )}
                        </td>
                        <td className={styles.code}>{JSON.stringify(r.params)}</td>
                        <td className={styles.code}>{JSON.stringify(r.severity)}</td>
                        <td>{scopeText(r.scope)}</td>
                        <td className={tables.nowrap}>
                          <span className={styles.code}>{r.schedule}</span>
                          <div className={tables.sub}>{r.timezone}</div>
                        </td>
                        <td className={tables.num}>{r.activeAlerts}</td>
                        <td className={tables.nowrap}>{formatDateTime(r.updatedAt)}</td>
                        <td data-xlsx-skip>
                          <div style={{ display: 'flex', gap: 6 }}>
                            <Button size="sm" onClick={() => setEditing(editing === r.code ? null : r.code)}>
                              编辑
                            </Button>
                            <Button size="sm" variant={r.enabled ? 'danger' : 'primary'} onClick={() => toggle(r)} disabled={busy === r.code}>
                              {r.enabled ? '停用' : '启用'}
                            </Button>
                          </div>
                        </td>
                      </tr>
                      {editing === r.code ? (
                        <tr className={styles.editRow} data-xlsx-skip>
                          <td colSpan={10}>
                            <RuleEditor
                              rule={r}
                              onCancel={() => setEditing(null)}
                              onSaved={(updated) => {
                                replace(updated);
                                setEditing(null);
                                setNotice(`规则“${updated.name}”已保存`);
                              }}
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
    </div>
  );
}
