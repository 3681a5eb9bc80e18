import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { api, isNotFound } from '@/lib/api';
import { getPlan, getRegion } from '@/lib/queries';
import { dataAsOfText } from '@/lib/format';
import { REGION_KIND_LABELS } from '@/lib/plan';
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
    return { title: plan.regions.find((r) => r.code === code)?.name ?? '乡镇园区' };
  } catch {
    return { title: '乡镇园区' };
  }
}

async function PlanFacts({ code }: { code: string }) {
  try {
    const plan = await getPlan();
    const region = plan.regions.find((r) => r.code === code);
    if (!region) return null;
    const parent = plan.regions.find((r) => r.code === region.parentCode);
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
            <dd>{parent ? <Link href={`/regions/${parent.code}`}>{parent.name}</Link> : '—'}</dd>
          </div>
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
                  <Link href={`/chains/${c.code}`}>{c.name}</Link>
                </span>
              ))}
        </p>
        {children.length > 0 ? (
          <p className={styles.muted}>
            下辖园区/片区：
            {children.map((c, i) => (
              <span key={c.code}>
                {i > 0 ? '、' : ''}
                <Link href={`/regions/${c.code}`}>{c.name}</Link>
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

async function Projects({ code }: { code: string }) {
  try {
    const projects = await api.projects({ region: code });
    return (
      <Panel title="重点项目" meta={<Link href={`/projects?region=${code}`}>筛选查看 →</Link>}>
        <ProjectsTable projects={projects} hide={['region']} />
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

export default async function RegionPage({ params }: Props) {
  const { code } = await params;
  let detail;
  try {
    detail = await getRegion(code);
  } catch (error) {
    if (isNotFound(error)) notFound();
    return (
      <>
        <PageHeader title="乡镇园区" crumbs={<Link href="/overview">总览</Link>} />
        <ErrorNote error={error} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/overview">总览</Link> / 乡镇园区
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
        <Suspense fallback={<Skeleton lines={3} />}>
          <PlanFacts code={code} />
        </Suspense>
        <Panel title="指标完成情况" meta={<AsOf>{dataAsOfText(detail.dataAsOf)}</AsOf>}>
          <IndicatorTable indicators={detail.indicators} regionCode={code} />
        </Panel>
        <Suspense fallback={<Skeleton lines={4} />}>
          <Projects code={code} />
        </Suspense>
      </div>
    </>
  );
}
