'use client';
/** 督办 list: filters by state, colour, department and overdue; a department sees its own. */
import Link from 'next/link';
import { useState } from 'react';
import { SUPERVISION_COLOURS, SUPERVISION_COLOUR_LABELS, SUPERVISION_STATES, SUPERVISION_STATE_LABELS, type SupervisionColour, type SupervisionListResponse, type SupervisionState } from '@planwatch/shared';
import { query } from '@/lib/client-api';
import { formatDateTime } from '@/lib/format';
import type { SessionUser } from '@/lib/session';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import tables from '../dashboard/tables.module.css';
import { DepartmentOptions, kit } from '../kit/kit';
import { replaceQuery } from '../reporting/url-state';
import { useApi } from '../use-api';
import { ColourBadge, Deadline, SupervisionStateTag } from './supervision-badges';
import styles from './supervision.module.css';

export interface SupervisionFilters {
  state: SupervisionState | null;
  colour: SupervisionColour | null;
  department: string | null;
  overdue: boolean | null;
}

export function SupervisionList({ user, departments, initial }: { user: SessionUser; departments: Array<{ code: string; name: string }>; initial: SupervisionFilters }) {
  const [filters, setFilters] = useState<SupervisionFilters>(initial);
  const list = useApi<SupervisionListResponse>(`/api/supervision${query({ state: filters.state, colour: filters.colour, department: filters.department, overdue: filters.overdue === null ? undefined : String(filters.overdue), limit: 500 })}`);
  const seesAll = user.role === 'admin' || user.role === 'viewer';
  const pick = (next: Partial<SupervisionFilters>) => {
    const merged = { ...filters, ...next };
    setFilters(merged);
    replaceQuery({ state: merged.state, colour: merged.colour, department: merged.department, overdue: merged.overdue === null ? null : String(merged.overdue) });
  };
  const c = list.data?.counts;
  return (
    <div className={styles.stack}>
      <Panel title="筛选">
        <div className={kit.row}>
          <label className={kit.field}>
            <span>状态</span>
            <select className={kit.input} value={filters.state ?? ''} onChange={(e) => pick({ state: (e.target.value || null) as SupervisionState | null })}>
              <option value="">全部状态</option>
              {SUPERVISION_STATES.map((s) => (
                <option key={s} value={s}>
                  {SUPERVISION_STATE_LABELS[s]}
                  {c ? `（${c[s]}）` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className={kit.field}>
            <span>颜色</span>
            <select className={kit.input} value={filters.colour ?? ''} onChange={(e) => pick({ colour: (e.target.value || null) as SupervisionColour | null })}>
              <option value="">全部颜色</option>
              {SUPERVISION_COLOURS.map((colour) => (
                <option key={colour} value={colour}>
                  {SUPERVISION_COLOUR_LABELS[colour]}色{c ? `（${c[colour]}）` : ''}
                </option>
              ))}
            </select>
          </label>
          {seesAll ? (
            <label className={kit.field}>
              <span>承办部门</span>
              <select className={kit.input} value={filters.department ?? ''} onChange={(e) => pick({ department: e.target.value || null })}>
                <option value="">全部部门</option>
                <DepartmentOptions departments={departments} />
              </select>
            </label>
          ) : null}
          <label className={kit.field}>
            <span>逾期</span>
            <select className={kit.input} value={filters.overdue === null ? '' : String(filters.overdue)} onChange={(e) => pick({ overdue: e.target.value === '' ? null : e.target.value === 'true' })}>
              <option value="">不限</option>
              <option value="true">仅逾期{c ? `（${c.overdue}）` : ''}</option>
              <option value="false">未逾期</option>
            </select>
          </label>
        </div>
      </Panel>
      <Panel title="督办列表" meta={list.data ? <span>共 {list.data.total} 件</span> : null} exportName="督办列表">
        <Loaded data={list.data} error={list.error} failure="督办加载失败" lines={6} empty={(found) => (found.items.length === 0 ? '没有符合条件的督办。' : null)}>
          {(found) => (
            <div className={tables.scroll}>
              <table className={`${tables.table} ${tables.cards}`} aria-label="督办列表" data-testid="supervisions">
                <thead>
                  <tr>
                    <th>颜色</th>
                    <th>状态</th>
                    <th>督办事项</th>
                    <th>承办部门</th>
                    <th>办理期限</th>
                    <th>立项</th>
                  </tr>
                </thead>
                <tbody>
                  {found.items.map((s) => (
                    <tr key={s.id} className={styles.row} data-colour={s.colour ?? 'none'} data-state={s.state} data-supervision={s.id}>
                      <td data-card="inline">
                        <ColourBadge colour={s.colour} />
                      </td>
                      <td data-card="inline">
                        <SupervisionStateTag state={s.state} />
                      </td>
                      <td>
                        <Link href={`/supervision/${s.id}`} className={styles.title}>
                          {s.title}
                        </Link>
                        <div className={styles.muted}>{s.request}</div>
                        {s.sample ? <div className={styles.muted}>示例数据</div> : null}
                      </td>
                      <td className={tables.nowrap} data-label="承办部门">
                        {s.departmentName}
                      </td>
                      <td className={tables.nowrap} data-label="办理期限">
                        <Deadline deadline={s.deadline} estimated={s.deadlineEstimated} overdue={s.overdue} />
                      </td>
                      <td className={tables.nowrap} data-label="立项">
                        {s.openedByName}
                        <div className={styles.muted}>{formatDateTime(s.openedAt)}</div>
                      </td>
                    </tr>
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
