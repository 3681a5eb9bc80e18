import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { api, isNotFound } from '@/lib/api';
import { getChain, getPlan } from '@/lib/queries';
import { dataAsOfText } from '@/lib/format';
import { GRAPH_TIERS, chainGraph, isGraphEmpty } from '@/lib/plan';
import { AsOf, PageHeader, Panel } from '@/ui/dashboard/panel';
import { IndicatorTable, ProjectsTable } from '@/ui/dashboard/tables';
import { FlagMarks } from '@/ui/flags';
import { StatusBadge } from '@/ui/status-badge';
import { Skeleton } from '@/ui/skeleton';
import { ErrorNote } from '@/ui/error-note';
import styles from '../../pages.module.css';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props) {
  const { code } = await params;
  try {
    const plan = await getPlan();
    return { title: plan.chains.find((c) => c.code === code)?.name ?? '产业链' };
  } catch {
    return { title: '产业链' };
  }
}

async function Graph({ code }: { code: string }) {
  try {
    const plan = await getPlan();
    const chain = plan.chains.find((c) => c.code === code);
    if (!chain) return <p className={styles.muted}>规划中没有该产业链。</p>;
    const graph = chainGraph(chain.graph);
    const names = new Map(plan.regions.map((r) => [r.code, r.name]));
    return (
      <Panel title="产业链图谱" meta={<span>上游 → 中游 → 下游</span>}>
        {chain.summary ? <p className={styles.sentence}>{chain.summary}</p> : null}
        {isGraphEmpty(graph) ? (
          <p className={styles.muted}>规划文件未给出该链的图谱。</p>
        ) : (
          <div className={styles.graph}>
            {GRAPH_TIERS.map(([tier, label]) => (
              <div key={tier} className={styles.tier}>
                <div className={styles.tierTitle}>{label}</div>
                {graph[tier].length === 0 ? <p className={styles.muted}>—</p> : null}
                {graph[tier].map((node) => (
                  <div key={node.name} className={styles.node}>
                    <h4>{node.name}</h4>
                    <dl>
                      {node.enterprises.length > 0 ? (
                        <>
                          <dt>企业</dt>
                          <dd>
                            {node.enterprises.map((e) => (
                              <span key={e} className={`${styles.chip} ${styles.chipEnterprise}`}>
                                {e}
                              </span>
                            ))}
                          </dd>
                        </>
                      ) : null}
                      {node.parks.length > 0 ? (
                        <>
                          <dt>园区</dt>
                          <dd>
                            {node.parks.map((p) => (
                              <Link key={p} href={`/regions/${p}`} className={`${styles.chip} ${styles.chipPark}`}>
                                {names.get(p) ?? p}
                              </Link>
                            ))}
                          </dd>
                        </>
                      ) : null}
                      {node.regions.length > 0 ? (
                        <>
                          <dt>布局</dt>
                          <dd>
                            {node.regions.map((r) => (
                              <Link key={r} href={`/regions/${r}`} className={styles.chip}>
                                {names.get(r) ?? r}
                              </Link>
                            ))}
                          </dd>
                        </>
                      ) : null}
                    </dl>
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

async function Projects({ code }: { code: string }) {
  try {
    const projects = await api.projects({ chain: code });
    return (
      <Panel title="本链重点项目" meta={<Link href={`/projects?chain=${code}`}>筛选查看 →</Link>}>
        <ProjectsTable projects={projects} hide={['chain']} />
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

export default async function ChainPage({ params }: Props) {
  const { code } = await params;
  let detail;
  try {
    detail = await getChain(code);
  } catch (error) {
    if (isNotFound(error)) notFound();
    return (
      <>
        <PageHeader title="产业链" crumbs={<Link href="/overview">总览</Link>} />
        <ErrorNote error={error} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/overview">总览</Link> / 产业链
          </>
        }
        title={detail.name}
        marks={
          <>
            <StatusBadge status={detail.status} size="md" />
            <span className="num">综合分 {detail.composite === null ? '—' : Math.round(detail.composite)}</span>
            <FlagMarks flags={detail.flags} />
          </>
        }
        subtitle={`${detail.sentence}（${dataAsOfText(detail.dataAsOf)}）`}
      />
      <div className={styles.stack}>
        <Panel title="指标完成情况" meta={<AsOf>{dataAsOfText(detail.dataAsOf)}</AsOf>}>
          <IndicatorTable indicators={detail.indicators} />
        </Panel>
        <Suspense fallback={<Skeleton lines={6} height={200} />}>
          <Graph code={code} />
        </Suspense>
        <Suspense fallback={<Skeleton lines={4} />}>
          <Projects code={code} />
        </Suspense>
      </div>
    </>
  );
}
