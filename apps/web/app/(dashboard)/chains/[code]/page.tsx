import { Suspense } from 'react';
import type { Period } from '@planwatch/shared';
import { getChain, getPlan } from '@/lib/queries';
import { GRAPH_TIERS, chainGraph, isGraphEmpty } from '@/lib/plan';
import { periodParam, type SearchParams } from '@/lib/page-params';
import { withPeriod } from '@/lib/period-link';
import { GroupDrillDown, GroupIndicatorsPanel, GroupProjectsPanel, groupMetadata } from '@/ui/dashboard/group-drill-down';
import { Panel } from '@/ui/dashboard/panel';
import { Skeleton } from '@/ui/skeleton';
import { ErrorNote } from '@/ui/error-note';
import { PlaceChip, PlanQuote, PublishedFiguresTable } from '@/ui/sources';
import styles from '../../pages.module.css';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props) {
  const { code } = await params;
  return groupMetadata('产业链', code, (plan) => plan.chains);
}

async function Graph({ code, period }: { code: string; period?: Period }) {
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
                              <PlaceChip
                                key={p}
                                href={withPeriod(`/regions/${p}`, period)}
                                name={names.get(p) ?? p}
                                className={`${styles.chip} ${styles.chipPark}`}
                                illustrative={node.illustrativePlaces.includes(p)}
                              />
                            ))}
                          </dd>
                        </>
                      ) : null}
                      {node.regions.length > 0 ? (
                        <>
                          <dt>布局</dt>
                          <dd>
                            {node.regions.map((r) => (
                              <PlaceChip key={r} href={withPeriod(`/regions/${r}`, period)} name={names.get(r) ?? r} className={styles.chip} illustrative={node.illustrativePlaces.includes(r)} />
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

/**
 * What the sources say of the chain: the figures they publish for its indicators (已公布), and
 * where they place it, with the words; places no source names are 示意.
 */
async function Sources({ code, period }: { code: string; period?: Period }) {
  try {
    const plan = await getPlan();
    const chain = plan.chains.find((c) => c.code === code);
    if (!chain) return null;
    const indicators = new Set(plan.indicators.filter((i) => i.chainCode === code).map((i) => i.code));
    const published = plan.published.filter((f) => indicators.has(f.indicatorCode));
    const names = new Map(plan.regions.map((r) => [r.code, r.name]));
    return (
      <Panel title="来源文件：已公布数据与布局" meta={<span>已公布 = 来源文件公布的实际数；示意 = 来源未给出</span>}>
        {published.length > 0 ? (
          <PublishedFiguresTable plan={plan} figures={published} withIndicator />
        ) : (
          <p className={styles.muted}>来源文件未公布本链指标的实际数；本链的数据均为填报或示例数据。</p>
        )}
        <h3 className={styles.subhead}>布局乡镇与园区</h3>
        <p className={styles.places}>
          {chain.regionCodes.length === 0
            ? '来源文件未给出布局地点。'
            : chain.regionCodes.map((r) => (
                <PlaceChip key={r} href={withPeriod(`/regions/${r}`, period)} name={names.get(r) ?? r} className={styles.chip} illustrative={chain.illustrativePlaces.includes(r)} />
              ))}
        </p>
        {chain.placeSources.length > 0 ? (
          <ul className={styles.quotes}>
            {chain.placeSources.map((q) => (
              <li key={q.quote}>
                <PlanQuote plan={plan} quote={q} />
              </li>
            ))}
          </ul>
        ) : null}
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

export default async function ChainPage({ params, searchParams }: Props) {
  const { code } = await params;
  // The 监测期 the overview was showing (validated like the overview's); none: the latest month.
  const period = periodParam((await searchParams).period);
  return (
    <GroupDrillDown section="产业链" period={period} load={() => getChain(code, period)}>
      {(detail) => (
        <>
          <GroupIndicatorsPanel detail={detail} period={period} />
          <Suspense fallback={<Skeleton lines={4} />}>
            <Sources code={code} period={period} />
          </Suspense>
          <Suspense fallback={<Skeleton lines={6} height={200} />}>
            <Graph code={code} period={period} />
          </Suspense>
          <Suspense fallback={<Skeleton lines={4} />}>
            <GroupProjectsPanel title="本链重点项目" kind="chain" code={code} period={period} />
          </Suspense>
        </>
      )}
    </GroupDrillDown>
  );
}
