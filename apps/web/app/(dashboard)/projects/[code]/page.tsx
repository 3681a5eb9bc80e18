import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { PROJECT_STAGE_LABELS, type PlanProjectFact, type ProjectDetailResponse } from '@planwatch/shared';
import { api, isNotFound } from '@/lib/api';
import { dataAsOfText, formatDecimal, formatExact, formatPercent, formatPeriodCn } from '@/lib/format';
import { AsOf, PageHeader, Panel } from '@/ui/dashboard/panel';
import { ProjectProgress } from '@/ui/dashboard/charts';
import { IllustrativeBadge, PublishedBadge, SampleBadge } from '@/ui/flags';
import { SourceQuote } from '@/ui/sources';
import { StatusBadge } from '@/ui/status-badge';
import { ErrorNote } from '@/ui/error-note';
import styles from '../../pages.module.css';
import tables from '@/ui/dashboard/tables.module.css';

type Props = { params: Promise<{ code: string }> };

const FACT_LABELS: Record<PlanProjectFact, string> = {
  name: '名称',
  chain: '产业链',
  region: '所在乡镇',
  park: '园区',
  enterprise: '业主单位',
  totalInvestment: '总投资',
  stage: '阶段',
  milestones: '节点',
};

/** 据来源 (with the words) for a fact a source states, 示意 for one it does not. */
function FactMark({ project, fact }: { project: ProjectDetailResponse; fact: PlanProjectFact }) {
  const citation = project.provenance?.citations.find((c) => c.facts.includes(fact));
  return citation ? (
    <PublishedBadge label="据来源" title={`「${citation.quote}」——${citation.sourceTitle}`} />
  ) : (
    <IllustrativeBadge label="示意" title="来源文件未给出，为示意" />
  );
}

/** A date or amount no source gives: always 示意. */
function Illustrative() {
  return <IllustrativeBadge label="示意" title="来源文件未给出，为示意" />;
}

/** What the sources say of the project: its stage as of their year, dated milestones, the words for each fact. */
function SourcesPanel({ project }: { project: ProjectDetailResponse }) {
  const provenance = project.provenance;
  if (!provenance) {
    return (
      <Panel title="来源记载">
        <p className={styles.muted}>示例项目：来源文件未提到该项目，名称、地点、金额与日期均为示意。</p>
      </Panel>
    );
  }
  const title = provenance.stageYear === null ? '来源记载' : `来源记载（截至${provenance.stageYear}年）`;
  const facts: ReactNode[] = [];
  if (provenance.stage) {
    facts.push(
      <div key="stage">
        <dt>来源所载阶段</dt>
        <dd>
          {PROJECT_STAGE_LABELS[provenance.stage]} <PublishedBadge label="据来源" title="来源文件所载的项目阶段" />
        </dd>
      </div>,
    );
  }
  for (const m of provenance.milestones) {
    facts.push(
      <div key={m.period}>
        <dt>{formatPeriodCn(m.period)}</dt>
        <dd>
          {m.label} <PublishedBadge label="据来源" title="来源文件所载的项目节点" />
        </dd>
      </div>,
    );
  }
  return (
    <Panel title={title} meta={<span>据来源 = 来源文件原文所载；示意 = 来源未给出</span>}>
      {facts.length > 0 ? <dl className={styles.facts}>{facts}</dl> : <p className={styles.muted}>来源文件未载明项目阶段。</p>}
      <ul className={styles.quotes}>
        {provenance.citations.map((c) => (
          <li key={c.quote}>
            {c.facts.map((f) => FACT_LABELS[f]).join('、')}：<SourceQuote quote={c.quote} sourceTitle={c.sourceTitle} note={c.note} />
          </li>
        ))}
      </ul>
    </Panel>
  );
}

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
            {p.chainCode ? <Link href={`/chains/${p.chainCode}`}>{p.chainName}</Link> : '跨产业链'} <FactMark project={p} fact="chain" /> ·{' '}
            <Link href={`/regions/${p.regionCode}`}>{p.regionName}</Link> <FactMark project={p} fact="region" /> · {p.enterprise ?? '业主单位未填'}
            {p.enterprise ? <FactMark project={p} fact="enterprise" /> : null}
          </>
        }
      />
      {p.stalled && p.stalledReason ? <p className={styles.sentence}>停滞原因：{p.stalledReason}</p> : null}
      <div className={styles.stack}>
        <SourcesPanel project={p} />
        <Panel title="项目进度" meta={<AsOf>{dataAsOfText(p.lastProgress)}</AsOf>}>
          <ol className={styles.filters} aria-label="项目阶段" style={{ listStyle: 'none', padding: 0, margin: '0 0 14px' }}>
            {stages.map((s, i) => (
              <li key={s}>
                <StatusBadge status={i <= reached ? 'green' : 'no_data'} size="sm" label={`${PROJECT_STAGE_LABELS[s]}${i < stages.length - 1 ? ' →' : ''}`} />
              </li>
            ))}
            <li>
              {p.provenance?.stage === p.stage ? (
                <PublishedBadge label={`阶段据来源（${p.provenance.stageYear ?? ''}年）`} title="来源文件所载的项目阶段" />
              ) : (
                <IllustrativeBadge label="当前阶段为示意" title="来源文件未载明项目现在的阶段，示例数据为示意" />
              )}
            </li>
          </ol>
          <dl className={styles.facts}>
            <div>
              <dt>
                总投资 <FactMark project={p} fact="totalInvestment" />
              </dt>
              <dd>{formatDecimal(p.totalInvestment)} 万元</dd>
            </div>
            <div>
              <dt>
                年度计划投资 <Illustrative />
              </dt>
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
              <dt>
                计划开工 <Illustrative />
              </dt>
              <dd>{formatPeriodCn(p.plannedStart)}</dd>
            </div>
            <div>
              <dt>
                实际开工 <Illustrative />
              </dt>
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
            {/* No links inside: the box takes focus so the keyboard can scroll it. */}
            <div className={`${styles.tableScroll} ${tables.scroll}`} tabIndex={0} role="region" aria-label="进度明细表">
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
