'use client';
/**
 * 我的任务: what the department must report for a month (indicator × region), each task's
 * status, due date and values, the template to download, and the month's batches.
 */
import Link from 'next/link';
import { useState } from 'react';
import { BASIS_LABELS, type BatchRecord, type Period, reviewsDistrictWide, type TasksResponse, type TaskStatus } from '@planwatch/shared';
import { query } from '@/lib/client-api';
import { formatDateTime, formatExact, formatPeriodCn } from '@/lib/format';
import type { SessionUser } from '@/lib/session';
import type { DepartmentView } from '@/lib/reporting-types';
import { Panel } from '../dashboard/panel';
import { ButtonLink, Empty, Notice, Tag, kit } from '../kit/kit';
import { ErrorNote } from '../error-note';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import tables from '../dashboard/tables.module.css';
import { BatchStatusTag } from './batch-summary';
import { SOURCE_LABELS, TASK_STATUS } from './labels';
import { PeriodInput } from './period-input';
import { replaceQuery } from './url-state';
import styles from './reporting.module.css';

const STATUS_ORDER: TaskStatus[] = ['late', 'returned', 'due', 'draft', 'submitted', 'approved'];

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

  return (
    <div className={styles.stack}>
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
          <li>只在“数值”列填写本期数据（“备注”列可写说明），保存；</li>
          <li>上传文件，核对预览：新增、变更（原值 → 新值）、被拒绝的行及原因、异常波动提示；</li>
          <li>确认无误后提交审核，审核通过后数据生效。也可以不用模板，直接在线填报。</li>
        </ol>
      </Panel>

      <Panel
        title={data ? `${data.department.name} · ${formatPeriodCn(data.period)} 填报任务` : '填报任务'}
        meta={data ? <span>今天 {data.today}</span> : null}
        exportName={data ? `${data.department.name}-${data.period}-填报任务` : '填报任务'}
      >
        {tasks.error ? (
          <ErrorNote title="任务加载失败" error={tasks.error} />
        ) : !data ? (
          <Skeleton lines={5} />
        ) : data.tasks.length === 0 ? (
          <Empty>本期没有需要本部门填报的指标。</Empty>
        ) : (
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
                    <th>状态</th>
                    <th className={tables.num}>已审核值</th>
                    <th className={tables.num}>待审核/草稿值</th>
                    <th>单位</th>
                    <th>审核意见</th>
                    <th data-xlsx-skip>查看</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((t) => (
                    <tr key={`${t.indicatorCode}-${t.regionCode}`} data-status={t.status === 'late' ? 'red' : t.status === 'returned' ? 'yellow' : undefined}>
                      <td>
                        {t.indicatorName}
                        <div className={tables.sub}>{t.indicatorCode}</div>
                      </td>
                      <td className={tables.nowrap}>{t.regionName}</td>
                      <td>{BASIS_LABELS[t.usualBasis]}</td>
                      <td className={tables.nowrap}>{t.dueDate}</td>
                      <td>
                        <TaskStatusTag status={t.status} overdue={t.overdue} />
                      </td>
                      <td className={tables.num}>{formatExact(t.approvedValue)}</td>
                      <td className={tables.num}>{formatExact(t.pendingValue)}</td>
                      <td>{t.unit}</td>
                      <td>{t.reviewComment ?? '—'}</td>
                      <td className={tables.nowrap} data-xlsx-skip>
                        <Link href={`/reporting/history${query({ indicator: t.indicatorCode, region: t.regionCode, period: data.period })}`}>修订记录</Link>
                        {t.batchId ? (
                          <>
                            {' · '}
                            <Link href={`/reporting/batches/${t.batchId}`}>批次</Link>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Panel>

      <Panel title="本期报送批次" exportName="报送批次">
        {batches.error ? (
          <ErrorNote title="批次加载失败" error={batches.error} />
        ) : !batches.data ? (
          <Skeleton lines={3} />
        ) : batches.data.length === 0 ? (
          <Empty>本期还没有报送批次。</Empty>
        ) : (
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
              {batches.data.map((b) => (
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
        )}
      </Panel>
      {user.role === 'viewer' ? <Notice kind="info">查看账号只能浏览填报任务，不能填报或审核。</Notice> : null}
    </div>
  );
}
