import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PROJECT_STAGE_LABELS, type ProjectDetailResponse } from '@planwatch/shared';
import { api, isNotFound } from '@/lib/api';
import { dataAsOfText, formatDecimal, formatExact, formatPercent, formatPeriodCn } from '@/lib/format';
import { AsOf, PageHeader, Panel } from '@/ui/dashboard/panel';
import { ProjectProgress } from '@/ui/dashboard/charts';
import { SampleBadge } from '@/ui/flags';
import { StatusBadge } from '@/ui/status-badge';
import { ErrorNote } from '@/ui/error-note';
import styles from '../../pages.module.css';

type Props = { params: Promise<{ code: string }> };

export default async function ProjectPage({ params }: Props) {
  const { code } = await params;
  let p: ProjectDetailResponse;
  try {
    p = await api.project(code);
  } catch (error) {
    if (isNotFound(error)) notFound();
    return (
      <>
        <PageHeader title="重点项目" crumbs={<Link href="/projects">重点项目</Link>} />
        <ErrorNote error={error} />
      </>
    );
  }
  const stages = ['planning', 'signed', 'started', 'completed'] as const;
  const reached = stages.indexOf(p.stage);
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/projects">重点项目</Link> / {p.code}
          </>
        }
        title={p.name}
        marks={
          <>
            {p.stalled ? (
              <StatusBadge status="red" size="md" label="停滞" />
            ) : p.startedOnTime === false ? (
              <StatusBadge status="yellow" size="md" label="未按期开工" />
            ) : (
              <StatusBadge status="green" size="md" label="正常推进" />
            )}
            {p.sample ? <SampleBadge /> : null}
          </>
        }
        subtitle={
          <>
            {p.chainCode ? <Link href={`/chains/${p.chainCode}`}>{p.chainName}</Link> : '跨产业链'} ·{' '}
            <Link href={`/regions/${p.regionCode}`}>{p.regionName}</Link> · {p.enterprise ?? '业主单位未填'}
          </>
        }
      />
      {p.stalled && p.stalledReason ? <p className={styles.sentence}>停滞原因：{p.stalledReason}</p> : null}
      <div className={styles.stack}>
        <Panel title="项目进度" meta={<AsOf>{dataAsOfText(p.lastProgress)}</AsOf>}>
          <ol className={styles.filters} aria-label="项目阶段" style={{ listStyle: 'none', padding: 0, margin: '0 0 14px' }}>
            {stages.map((s, i) => (
              <li key={s}>
                <StatusBadge status={i <= reached ? 'green' : 'no_data'} size="sm" label={`${PROJECT_STAGE_LABELS[s]}${i < stages.length - 1 ? ' →' : ''}`} />
              </li>
            ))}
          </ol>
          <dl className={styles.facts}>
            <div>
              <dt>总投资</dt>
              <dd>{formatDecimal(p.totalInvestment)} 万元</dd>
            </div>
            <div>
              <dt>年度计划投资</dt>
              <dd>{formatDecimal(p.annualPlanInvestment)} 万元</dd>
            </div>
            <div>
              <dt>本年完成</dt>
              <dd>{formatDecimal(p.completedThisYear)} 万元</dd>
            </div>
            <div>
              <dt>年度完成率</dt>
              <dd>{formatPercent(p.investmentCompletionPct)}</dd>
            </div>
            <div>
              <dt>累计完成</dt>
              <dd>{formatDecimal(p.completedTotal)} 万元</dd>
            </div>
            <div>
              <dt>计划开工</dt>
              <dd>{formatPeriodCn(p.plannedStart)}</dd>
            </div>
            <div>
              <dt>实际开工</dt>
              <dd>{formatPeriodCn(p.actualStart)}</dd>
            </div>
            <div>
              <dt>最近进展</dt>
              <dd>{formatPeriodCn(p.lastProgress)}</dd>
            </div>
          </dl>
        </Panel>
        <div className={styles.twoCol}>
          <Panel title="月度完成投资" meta={<AsOf>{dataAsOfText(p.lastProgress)}</AsOf>}>
            {p.progress.length === 0 ? <p className={styles.muted}>尚无进度填报。</p> : <ProjectProgress project={p} />}
          </Panel>
          <Panel title="进度明细">
            <div className={styles.tableScroll}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th>期别</th>
                    <th className={styles.num}>完成投资（万元）</th>
                    <th>阶段</th>
                  </tr>
                </thead>
                <tbody>
                  {[...p.progress].reverse().map((r) => (
                    <tr key={r.period}>
                      <td>{formatPeriodCn(r.period)}</td>
                      <td className={styles.num}>{formatExact(r.investment)}</td>
                      <td>{PROJECT_STAGE_LABELS[r.stage]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
        </div>
      </div>
    </>
  );
}
