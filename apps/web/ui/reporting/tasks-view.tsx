'use client';
/**
 * 我的任务: opens on the month that is due. What needs the clerk first comes first: every figure
 * returned by its reviewer (this month's or an earlier one's), then earlier months' overdue ones,
 * each with its countdown and the reviewer's comment; then the month's own tasks (returned and
 * late on top), the figures other units report that the department watches (read-only), the
 * template, the batches.
 */
import Link from 'next/link';
import { useState } from 'react';
import { BASIS_LABELS, type BatchRecord, type Period, type ReportingTask, reviewsDistrictWide, type TasksResponse, type TaskStatus } from '@planwatch/shared';
import { query } from '@/lib/client-api';
import { formatDateTime, formatExact, formatPeriodCn } from '@/lib/format';
import type { SessionUser } from '@/lib/session';
import type { DepartmentView } from '@/lib/reporting-types';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { ButtonLink, Notice, Tag, kit } from '../kit/kit';
import { useApi } from '../use-api';
import tables from '../dashboard/tables.module.css';
import { BatchStatusTag } from './batch-summary';
import { daysLeftText, SOURCE_LABELS, TASK_STATUS } from './labels';
import { PeriodInput } from './period-input';
import { replaceQuery } from './url-state';
import styles from './reporting.module.css';

const STATUS_ORDER: TaskStatus[] = ['returned', 'late', 'draft', 'due', 'submitted', 'approved'];

/** The countdown of a figure not yet in: days left, or days overdue. */
function Countdown({ task }: { task: ReportingTask }) {
  if (task.status === 'approved' || task.status === 'submitted') return <span className={styles.muted}>—</span>;
  return <span className={`${styles.countdown} ${task.daysLeft < 0 ? styles.late : ''}`}>{daysLeftText(task.daysLeft)}</span>;
}

/** Where the clerk acts on a figure: report it, correct a returned one, open its batch. */
function TaskAction({ task, canReport }: { task: ReportingTask; canReport: boolean }) {
  const history = `/reporting/history${query({ indicator: task.indicatorCode, region: task.regionCode, period: task.period })}`;
  const act = canReport && (task.status === 'returned' || task.status === 'late' || task.status === 'due' || task.status === 'draft');
  return (
    <>
      {act ? (
        <>
          <Link href={`/reporting/entry${query({ period: task.period })}`}>{task.status === 'returned' ? '修改重报' : task.status === 'draft' ? '继续填报' : '填报'}</Link>
          {' · '}
        </>
      ) : null}
      <Link href={history}>修订记录</Link>
      {task.batchId ? (
        <>
          {' · '}
          <Link href={`/reporting/batches/${task.batchId}`}>批次</Link>
        </>
      ) : null}
    </>
  );
}

export function TaskStatusTag({ status, overdue }: { status: TaskStatus; overdue?: boolean }) {
  const s = TASK_STATUS[status];
  return (
    <Tag tone={s.tone} glyph={s.glyph} title={overdue && status !== 'late' ? '已过截止日期' : undefined}>
      {s.text}
      {overdue && status !== 'late' && status !== 'approved' ? '（已逾期）' : ''}
    </Tag>
  );
}

export function TasksView({ user, initialPeriod, initialDepartment }: { user: SessionUser; initialPeriod: Period; initialDepartment: string | null }) {
  const [period, setPeriod] = useState<Period>(initialPeriod);
  const needsDepartment = !user.departmentCode || user.role === 'viewer' || reviewsDistrictWide(user);
  const [department, setDepartment] = useState<string | null>(initialDepartment ?? user.departmentCode);
  const departments = useApi<DepartmentView[]>(needsDepartment ? '/api/departments' : null);
  const effectiveDepartment = department ?? departments.data?.[0]?.code ?? null;
  const scope = { period, department: needsDepartment ? effectiveDepartment : undefined };
  const ready = !needsDepartment || effectiveDepartment !== null;
  const tasks = useApi<TasksResponse>(ready ? `/api/reporting/tasks${query(scope)}` : null);
  const batches = useApi<BatchRecord[]>(ready ? `/api/reporting/submissions${query({ ...scope, limit: 50 })}` : null);

  const changePeriod = (p: Period) => {
    setPeriod(p);
    replaceQuery({ period: p });
  };
  const changeDepartment = (code: string) => {
    setDepartment(code);
    replaceQuery({ department: code });
  };

  const canReport = user.role === 'reporter' || user.role === 'admin';
  const deptParam = needsDepartment && effectiveDepartment ? { department: effectiveDepartment } : {};
  const data = tasks.data;
  const sorted = data ? [...data.tasks].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)) : [];

  // Returned figures before overdue ones: a reviewer is waiting for them.
  const priority = data ? [...data.tasks.filter((t) => t.status === 'returned'), ...data.earlier].sort((a, b) => Number(b.status === 'returned') - Number(a.status === 'returned')) : [];
  return (
    <div className={styles.stack}>
      {priority.length > 0 ? (
        <Panel title={`请优先处理（${priority.length}）`} meta={<span>被退回修改的数据，以及之前月份逾期未报的数据</span>}>
          <div className={tables.scroll}>
            <table className={tables.table} aria-label="请优先处理" data-testid="priority-tasks">
              <thead>
                <tr>
                  <th>期间</th>
                  <th>指标 / 地区</th>
                  <th>状态</th>
                  <th>截止</th>
                  <th>审核意见</th>
                  <th data-xlsx-skip>处理</th>
                </tr>
              </thead>
              <tbody>
                {priority.map((t) => (
                  <tr key={`${t.period}-${t.indicatorCode}-${t.regionCode}`} data-status={t.status === 'late' ? 'red' : 'yellow'} data-indicator={t.indicatorCode} data-region={t.regionCode}>
                    <td className={tables.nowrap}>{formatPeriodCn(t.period)}</td>
                    <td>
                      {t.indicatorName}
                      <div className={tables.sub}>{t.regionName}</div>
                    </td>
                    <td>
                      <TaskStatusTag status={t.status} overdue={t.overdue} />
                    </td>
                    <td className={tables.nowrap}>
                      {t.dueDate}
                      <div className={tables.sub}>
                        <Countdown task={t} />
                      </div>
                    </td>
                    <td>{t.reviewComment ?? '—'}</td>
                    <td className={tables.nowrap} data-xlsx-skip>
                      <TaskAction task={t} canReport={canReport} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      ) : null}
      <Panel title="填报期间与模板">
        <div className={kit.toolbar}>
          <div className={kit.row}>
            <PeriodInput value={period} onChange={changePeriod} />
            {needsDepartment ? (
              <label className={kit.field}>
                <span>部门</span>
                <select className={kit.input} value={effectiveDepartment ?? ''} onChange={(e) => changeDepartment(e.target.value)}>
                  {(departments.data ?? []).map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <div className={kit.row}>
            {user.role === 'admin' || user.role === 'viewer' || reviewsDistrictWide(user) ? <ButtonLink href={`/reporting/progress${query({ period })}`}>▦ 报送进度</ButtonLink> : null}
            <ButtonLink href={`/api/reporting/template${query({ period, ...deptParam })}`} download>
              ⤓ 下载填报模板
            </ButtonLink>
            {canReport ? (
              <>
                <ButtonLink href={`/reporting/upload${query({ period })}`} variant="primary">
                  ⤒ 上传填报文件
                </ButtonLink>
                <ButtonLink href={`/reporting/entry${query({ period })}`}>✎ 在线填报</ButtonLink>
              </>
            ) : null}
          </div>
        </div>
        <ol className={styles.steps} style={{ marginTop: 12 }}>
          <li>下载本月填报模板（已列出本部门应报的指标和地区，附上期和上年同期数值供参考）；</li>
          <li>只在“数值”列填写本期数据，“说明”列写明情况，保存；</li>
          <li>上传文件，核对预览：新增、变更（原值 → 新值）、被拒绝的行及原因、审核提示（与上月、上年同期、占全区比重比较）；</li>
          <li>未通过核实性审核的行须填写说明，确认无误后提交审核，审核通过后数据生效。也可以不用模板，直接在线填报。</li>
        </ol>
      </Panel>

      <Panel
        title={data ? `${data.department.name} · ${formatPeriodCn(data.period)} 填报任务` : '填报任务'}
        meta={data ? <span>今天 {data.today}</span> : null}
        exportName={data ? `${data.department.name}-${data.period}-填报任务` : '填报任务'}
      >
        <Loaded data={data} error={tasks.error} failure="任务加载失败" lines={5} empty={(data) => (data.tasks.length === 0 ? '本期没有需要本部门填报的指标。' : null)}>
          {(data) => (
            <>
              <div className={kit.counts} style={{ marginBottom: 10 }} aria-label="任务状态汇总">
                {STATUS_ORDER.filter((s) => data.summary[s] > 0).map((s) => (
                  <Tag key={s} tone={TASK_STATUS[s].tone} glyph={TASK_STATUS[s].glyph}>
                    {TASK_STATUS[s].text} {data.summary[s]}
                  </Tag>
                ))}
              </div>
              <div className={tables.scroll}>
                <table className={tables.table} aria-label="填报任务" data-testid="tasks">
                  <thead>
                    <tr>
                      <th>指标</th>
                      <th>地区</th>
                      <th>口径</th>
                      <th>截止日期</th>
                      <th>剩余</th>
                      <th>状态</th>
                      <th className={tables.num}>已审核值</th>
                      <th className={tables.num}>待审核/草稿值</th>
                      <th>单位</th>
                      <th>审核单位 / 意见</th>
                      <th data-xlsx-skip>处理</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((t) => (
                      <tr key={`${t.indicatorCode}-${t.regionCode}`} data-status={t.status === 'late' ? 'red' : t.status === 'returned' ? 'yellow' : undefined} data-indicator={t.indicatorCode} data-region={t.regionCode}>
                        <td>
                          {t.indicatorName}
                          <div className={tables.sub}>{t.indicatorCode}</div>
                        </td>
                        <td className={tables.nowrap}>{t.regionName}</td>
                        <td>{BASIS_LABELS[t.usualBasis]}</td>
                        <td className={tables.nowrap}>{t.dueDate}</td>
                        <td>
                          <Countdown task={t} />
                        </td>
                        <td>
                          <TaskStatusTag status={t.status} overdue={t.overdue} />
                        </td>
                        <td className={tables.num}>{formatExact(t.approvedValue)}</td>
                        <td className={tables.num}>{formatExact(t.pendingValue)}</td>
                        <td>{t.unit}</td>
                        <td>
                          {t.reviewerName}
                          {t.reviewComment ? <div className={tables.sub}>意见：{t.reviewComment}</div> : null}
                        </td>
                        <td className={tables.nowrap} data-xlsx-skip>
                          <TaskAction task={t} canReport={canReport} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Loaded>
      </Panel>

      {data && data.watched.length > 0 ? (
        <Panel title={`由其他单位报送的相关数据（${data.watched.length}，只读）`} exportName="相关数据">
          {/* Nothing in it takes focus: the box itself does, so a keyboard can scroll it. */}
          <div className={tables.scroll} tabIndex={0} role="region" aria-label="由其他单位报送的相关数据（可横向滚动）">
            <table className={tables.table} aria-label="由其他单位报送的相关数据" data-testid="watched">
              <thead>
                <tr>
                  <th>指标</th>
                  <th>地区</th>
                  <th>进展</th>
                  <th className={tables.num}>已审核值</th>
                  <th>单位</th>
                </tr>
              </thead>
              <tbody>
                {data.watched.map((w) => (
                  <tr key={`${w.indicatorCode}-${w.regionCode}`} data-indicator={w.indicatorCode} data-region={w.regionCode}>
                    <td>{w.indicatorName}</td>
                    <td className={tables.nowrap}>{w.regionName}</td>
                    <td>
                      <TaskStatusTag status={w.status} /> <span>{w.statusText}</span>
                    </td>
                    <td className={tables.num}>{formatExact(w.approvedValue)}</td>
                    <td>{w.unit}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      ) : null}

      <Panel title="本期报送批次" exportName="报送批次">
        <Loaded data={batches.data} error={batches.error} failure="批次加载失败" lines={3} empty={(batchList) => (batchList.length === 0 ? '本期还没有报送批次。' : null)}>
          {(batchList) => (
            <div className={tables.scroll}>
              <table className={tables.table} aria-label="报送批次">
                <thead>
                  <tr>
                    <th>创建时间</th>
                    <th>来源</th>
                    <th>状态</th>
                    <th className={tables.num}>行数</th>
                    <th>审核意见</th>
                    <th data-xlsx-skip>详情</th>
                  </tr>
                </thead>
                <tbody>
                  {batchList.map((b) => (
                    <tr key={b.id}>
                      <td className={tables.nowrap}>{formatDateTime(b.createdAt)}</td>
                      <td>
                        {SOURCE_LABELS[b.source]}
                        {b.fileName ? <div className={tables.sub}>{b.fileName}</div> : null}
                      </td>
                      <td>
                        <BatchStatusTag status={b.status} />
                      </td>
                      <td className={tables.num}>{b.rowsTotal}</td>
                      <td>{b.reviewComment ?? '—'}</td>
                      <td data-xlsx-skip>
                        <Link href={`/reporting/batches/${b.id}`}>打开</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
      {user.role === 'viewer' ? <Notice kind="info">查看账号只能浏览填报任务，不能填报或审核。</Notice> : null}
    </div>
  );
}
