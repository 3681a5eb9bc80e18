import Link from 'next/link';
import { Suspense } from 'react';
import { getOverview, getPlan } from '@/lib/queries';
import { REGION_KIND_LABELS, regionTree, type RegionNode } from '@/lib/plan';
import { dataAsOfText } from '@/lib/format';
import { Panel } from '@/ui/dashboard/panel';
import { SampleBadge } from '@/ui/flags';
import { Skeleton } from '@/ui/skeleton';
import { ErrorNote } from '@/ui/error-note';
import styles from './home.module.css';

export const metadata = { title: '首页' };

async function PlanHero() {
  try {
    const { plan, version } = await getPlan();
    const steps = [
      { year: plan.baseYear, label: '基期' },
      { year: plan.nearTermYear, label: '近期目标' },
      { year: plan.targetYear, label: '规划目标' },
      { year: plan.visionYear, label: '远景展望' },
    ];
    return (
      <>
        <h1 className={styles.title}>{plan.name}</h1>
        <p className={styles.lead}>规划版本 {version} · 区划代码 {plan.region}</p>
        <ol className={styles.timeline} aria-label="规划期限">
          {steps.map((s, i) => (
            <li key={s.year}>
              <span className={styles.year}>{s.year}</span>
              <span className={styles.stepLabel}>{s.label}</span>
              {i < steps.length - 1 ? <span className={styles.arrow} aria-hidden>→</span> : null}
            </li>
          ))}
        </ol>
      </>
    );
  } catch (error) {
    return <ErrorNote title="规划信息加载失败" error={error} />;
  }
}

async function SampleNotice() {
  try {
    const overview = await getOverview();
    return (
      <div className={styles.notice}>
        {overview.sample ? <SampleBadge prominent /> : null}
        <span>{dataAsOfText(overview.projects.dataAsOf ?? overview.headline[0]?.dataAsOf ?? null)}</span>
        {overview.sample ? <span className={styles.noticeText}>当前展示的是生成的示例数据，不是各部门实际填报的数据。</span> : null}
      </div>
    );
  } catch {
    return null; // the overview panels below say what failed
  }
}

async function ChainsWidget() {
  try {
    const plan = await getPlan();
    const names = new Map(plan.regions.map((r) => [r.code, r.name]));
    const groups = [
      { title: '六大产业链', items: plan.chains.filter((c) => c.kind === 'chain') },
      { title: '现代服务业', items: plan.chains.filter((c) => c.kind === 'service') },
      { title: '特色农业', items: plan.chains.filter((c) => c.kind === 'agriculture') },
    ].filter((g) => g.items.length > 0);
    return (
      <div className={styles.chainGroups}>
        {groups.map((g) => (
          <div key={g.title}>
            <h3 className={styles.groupTitle}>{g.title}</h3>
            <ul className={styles.chainList}>
              {g.items.map((c) => (
                <li key={c.code}>
                  <Link href={`/chains/${c.code}`} className={styles.chainName}>
                    {c.name}
                  </Link>
                  {c.summary ? <p className={styles.chainSummary}>{c.summary}</p> : null}
                  <div className={styles.chips}>
                    {c.regionCodes.map((code) => (
                      <Link key={code} href={`/regions/${code}`} className={styles.chip}>
                        {names.get(code) ?? code}
                      </Link>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    );
  } catch (error) {
    return <ErrorNote title="产业链加载失败" error={error} />;
  }
}

function TreeNode({ node }: { node: RegionNode }) {
  const r = node.region;
  return (
    <li>
      <Link href={`/regions/${r.code}`}>{r.name}</Link>
      <span className={styles.kind}>{REGION_KIND_LABELS[r.kind]}</span>
      <code className={styles.code}>{r.code}</code>
      {r.aliases.length > 0 ? <span className={styles.aliases}>又称 {r.aliases.join('、')}</span> : null}
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((c) => (
            <TreeNode key={c.region.code} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

async function RegionTreeWidget() {
  try {
    const plan = await getPlan();
    return (
      <ul className={styles.tree}>
        {regionTree(plan.regions).map((n) => (
          <TreeNode key={n.region.code} node={n} />
        ))}
      </ul>
    );
  } catch (error) {
    return <ErrorNote title="区划加载失败" error={error} />;
  }
}

async function IndicatorsWidget() {
  try {
    const plan = await getPlan();
    const chainName = new Map(plan.chains.map((c) => [c.code, c.name]));
    const byChain = new Map<string, typeof plan.indicators>();
    for (const i of plan.indicators) {
      const key = i.chainCode ?? '';
      byChain.set(key, [...(byChain.get(key) ?? []), i]);
    }
    const illustrative = plan.targets.filter((t) => t.illustrative).length;
    return (
      <>
        <div className={styles.stats}>
          <div>
            <strong className="num">{plan.indicators.length}</strong>
            <span>监测指标</span>
          </div>
          <div>
            <strong className="num">{plan.targets.length}</strong>
            <span>目标值</span>
          </div>
          <div>
            <strong className="num">{illustrative}</strong>
            <span>其中示意目标</span>
          </div>
          <div>
            <strong className="num">{plan.departments.length}</strong>
            <span>填报单位</span>
          </div>
        </div>
        <ul className={styles.indicatorGroups}>
          {[...byChain.entries()].map(([chain, list]) => (
            <li key={chain || 'cross'}>
              <span className={styles.indicatorChain}>{chain ? chainName.get(chain) ?? chain : '跨产业链'}</span>
              <span>
                {list.map((i, k) => (
                  <span key={i.code}>
                    {k > 0 ? '、' : ''}
                    <Link href={`/indicators/${i.code}`}>{i.name}</Link>
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </>
    );
  } catch (error) {
    return <ErrorNote title="指标加载失败" error={error} />;
  }
}

export default function HomePage() {
  return (
    <>
      <section className={styles.hero}>
        <Suspense fallback={<Skeleton lines={3} height={120} />}>
          <PlanHero />
        </Suspense>
        <Suspense fallback={null}>
          <SampleNotice />
        </Suspense>
        <div className={styles.entries}>
          <a href="/screen" target="_blank" rel="noreferrer" className={`${styles.entry} ${styles.entryPrimary}`}>
            <strong>大屏</strong>
            <span>会议室大屏，自动刷新与轮播</span>
          </a>
          <Link href="/m" className={styles.entry}>
            <strong>手机速览</strong>
            <span>核心指标、红绿灯、红色预警、逾期督办</span>
          </Link>
          <Link href="/overview" className={styles.entry}>
            <strong>总览</strong>
            <span>核心指标、产业链、乡镇园区</span>
          </Link>
          <Link href="/projects" className={styles.entry}>
            <strong>重点项目</strong>
            <span>投资完成、开工、停滞项目</span>
          </Link>
        </div>
      </section>
      <div className={styles.grid}>
        <Panel title="产业链与服务业" className={styles.wide}>
          <Suspense fallback={<Skeleton lines={8} />}>
            <ChainsWidget />
          </Suspense>
        </Panel>
        <Panel title="区划与园区">
          <Suspense fallback={<Skeleton lines={10} />}>
            <RegionTreeWidget />
          </Suspense>
        </Panel>
        <Panel title="监测指标">
          <Suspense fallback={<Skeleton lines={6} />}>
            <IndicatorsWidget />
          </Suspense>
        </Panel>
      </div>
    </>
  );
}
