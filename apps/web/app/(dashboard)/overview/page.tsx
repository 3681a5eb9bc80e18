import Link from 'next/link';
import { Suspense } from 'react';
import { isPeriod, lateTownsText, type Period } from '@planwatch/shared';
import { getOverview, getPlan } from '@/lib/queries';
import { COUNTY_OUTLINE } from '@/lib/county-outline';
import { dataAsOfText, formatPeriodCn } from '@/lib/format';
import { indicatorHref } from '@/lib/period-link';
import { AsOf, PageHeader, Panel } from '@/ui/dashboard/panel';
import { KpiCard, ProjectsCard } from '@/ui/dashboard/kpi-cards';
import { GroupTable } from '@/ui/dashboard/tables';
import { ChainStatusChart, RegionMap } from '@/ui/dashboard/charts';
import { mapNumbering } from '@/ui/charts/town-map.option';
import { SampleBadge } from '@/ui/flags';
import { Skeleton } from '@/ui/skeleton';
import { ErrorNote } from '@/ui/error-note';
import styles from '../pages.module.css';

export const metadata = { title: '总览' };

function latest(periods: Array<Period | null>): Period | null {
  return periods.filter((p): p is Period => !!p).sort().at(-1) ?? null;
}

async function Headline({ period }: { period?: Period }) {
  try {
    const o = await getOverview(period);
    return (
      <div className={styles.cards}>
        {o.headline.map((k) => (
          <KpiCard key={k.code} kpi={k} period={period} />
        ))}
        <ProjectsCard summary={o.projects} />
      </div>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

async function Chains({ period }: { period?: Period }) {
  try {
    const o = await getOverview(period);
    const groups = [...o.chains, ...o.services];
    return (
      <Panel title="产业链与服务业" meta={<AsOf>{dataAsOfText(latest(groups.map((g) => g.dataAsOf)))}</AsOf>}>
        <ChainStatusChart groups={groups} linkBase="/chains" period={period} />
        <GroupTable groups={groups} linkBase="/chains" period={period} />
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

async function Regions({ period }: { period?: Period }) {
  try {
    const [o, plan] = await Promise.all([getOverview(period), getPlan()]);
    return (
      <Panel title="乡镇与园区" meta={<AsOf>{dataAsOfText(latest(o.regions.map((g) => g.dataAsOf)))}</AsOf>}>
        <div className={styles.split}>
          <div>
            <RegionMap plan={{ regions: plan.regions }} regions={o.regions} outline={COUNTY_OUTLINE} period={period} />
            <p className={styles.caption}>示意图：编号对应右表，位置为示意，非行政边界；县界为长治县（2018年更名上党区）。点击编号查看详情。</p>
          </div>
          <GroupTable groups={o.regions} linkBase="/regions" numbers={mapNumbering(plan.regions)} compact period={period} />
        </div>
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

async function Freshness({ period }: { period?: Period }) {
  try {
    const [o, plan] = await Promise.all([getOverview(period), getPlan().catch(() => null)]);
    const entry = (code: string) => o.freshness.indicators.find((f) => f.indicatorCode === code);
    const indicatorName = (code: string) => entry(code)?.indicatorName ?? plan?.indicators.find((i) => i.code === code)?.name ?? code;
    const regionName = (code: string) => plan?.regions.find((r) => r.code === code)?.name ?? code;
    // A district sum waiting for some towns: name them.
    const missingTowns = (code: string) => lateTownsText(entry(code)?.lateRegions ?? [], regionName);
    const late = o.freshness.lateDepartments;
    return (
      <Panel title="数据报送情况" meta={<AsOf>生成于 {new Date(o.generatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</AsOf>}>
        {late.length === 0 ? (
          <p className={styles.muted}>各部门均已按期报送。</p>
        ) : (
          <ul className={styles.lateList}>
            {late.map((d) => (
              <li key={d.code}>
                <strong>{d.name}</strong> {formatPeriodCn(d.expectedPeriod)}数据逾期未报：
                {d.indicators.map((code, i) => (
                  <span key={code}>
                    {i > 0 ? '、' : ''}
                    <Link href={indicatorHref(code, { period })}>{indicatorName(code)}</Link>
                    {missingTowns(code)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

async function Heading({ period }: { period?: Period }) {
  try {
    const o = await getOverview(period);
    return (
      <PageHeader
        title="总览"
        subtitle={`监测期 ${formatPeriodCn(o.period)} · 规划版本 ${o.planVersion ?? '—'}`}
        marks={o.sample ? <SampleBadge prominent /> : null}
      />
    );
  } catch {
    return <PageHeader title="总览" />;
  }
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).period;
  const period = typeof raw === 'string' && isPeriod(raw) ? raw : undefined;
  return (
    <>
      <div className={styles.headRow}>
        <Suspense fallback={<PageHeader title="总览" />}>
          <Heading period={period} />
        </Suspense>
        <form className={styles.periodForm} method="get">
          <label>
            监测期 <input type="month" name="period" defaultValue={period} />
          </label>
          <button type="submit">查看</button>
          {period ? <Link href="/overview">最新</Link> : null}
        </form>
      </div>
      <div className={styles.stack}>
        <Suspense fallback={<Skeleton lines={5} height={220} />}>
          <Headline period={period} />
        </Suspense>
        <Suspense fallback={<Skeleton lines={8} height={300} />}>
          <Chains period={period} />
        </Suspense>
        <Suspense fallback={<Skeleton lines={8} height={300} />}>
          <Regions period={period} />
        </Suspense>
        <Suspense fallback={<Skeleton lines={3} />}>
          <Freshness period={period} />
        </Suspense>
      </div>
    </>
  );
}
