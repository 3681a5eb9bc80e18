import Link from 'next/link';
import { Suspense } from 'react';
import type { Period } from '@planwatch/shared';
import { getPlan, getRegion } from '@/lib/queries';
import { REGION_KIND_LABELS } from '@/lib/plan';
import { periodParam, type SearchParams } from '@/lib/page-params';
import { withPeriod } from '@/lib/period-link';
import { GroupDrillDown, GroupIndicatorsPanel, GroupProjectsPanel, groupMetadata } from '@/ui/dashboard/group-drill-down';
import { Panel } from '@/ui/dashboard/panel';
import { Skeleton } from '@/ui/skeleton';
import { ErrorNote } from '@/ui/error-note';
import { IllustrativePlace } from '@/ui/sources';
import styles from '../../pages.module.css';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props) {
  const { code } = await params;
  return groupMetadata('乡镇园区', code, (plan) => plan.regions);
}

async function PlanFacts({ code, period }: { code: string; period?: Period }) {
  try {
    const plan = await getPlan();
    const region = plan.regions.find((r) => r.code === code);
    if (!region) return null;
    const parent = plan.regions.find((r) => r.code === region.parentCode);
    const town = plan.regions.find((r) => r.code === region.townCode);
    const children = plan.regions.filter((r) => r.parentCode === code);
    const chains = plan.chains.filter((c) => c.regionCodes.includes(code));
    return (
      <Panel title="规划定位">
        <dl className={styles.facts}>
          <div>
            <dt>区划代码</dt>
            <dd>{region.code}</dd>
          </div>
          <div>
            <dt>类型</dt>
            <dd>{REGION_KIND_LABELS[region.kind]}</dd>
          </div>
          <div>
            <dt>上级</dt>
            <dd>
              {parent ? <Link href={withPeriod(`/regions/${parent.code}`, period)}>{parent.name}</Link> : '—'}
              {parent && region.illustrativePlaces.includes(parent.code) ? <> <IllustrativePlace /></> : null}
            </dd>
          </div>
          {region.kind === 'park' ? (
            <div>
              <dt>所在乡镇</dt>
              <dd>
                {town ? <Link href={withPeriod(`/regions/${town.code}`, period)}>{town.name}</Link> : '来源未给出'}
                {town && region.illustrativePlaces.includes(town.code) ? <> <IllustrativePlace /></> : null}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>别名</dt>
            <dd style={{ fontSize: 14, fontWeight: 400 }}>{region.aliases.join('、') || '—'}</dd>
          </div>
        </dl>
        <p className={styles.muted} style={{ marginTop: 12 }}>
          布局产业链：
          {chains.length === 0
            ? '—'
            : chains.map((c, i) => (
                <span key={c.code}>
                  {i > 0 ? '、' : ''}
                  <Link href={withPeriod(`/chains/${c.code}`, period)}>{c.name}</Link>
                  {c.illustrativePlaces.includes(code) ? <> <IllustrativePlace /></> : null}
                </span>
              ))}
          {' · '}
          <Link href={`/supervision/new?region=${encodeURIComponent(region.code)}`}>➜ 督办本乡镇</Link>
        </p>
        {children.length > 0 ? (
          <p className={styles.muted}>
            下辖园区/片区：
            {children.map((c, i) => (
              <span key={c.code}>
                {i > 0 ? '、' : ''}
                <Link href={withPeriod(`/regions/${c.code}`, period)}>{c.name}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

export default async function RegionPage({ params, searchParams }: Props) {
  const { code } = await params;
  // The 监测期 the overview was showing (validated like the overview's); none: the latest month.
  const period = periodParam((await searchParams).period);
  return (
    <GroupDrillDown section="乡镇园区" period={period} load={() => getRegion(code, period)}>
      {(detail) => (
        <>
          <Suspense fallback={<Skeleton lines={3} />}>
            <PlanFacts code={code} period={period} />
          </Suspense>
          <GroupIndicatorsPanel detail={detail} regionCode={code} period={period} />
          <Suspense fallback={<Skeleton lines={4} />}>
            <GroupProjectsPanel title="重点项目" kind="region" code={code} period={period} />
          </Suspense>
        </>
      )}
    </GroupDrillDown>
  );
}
