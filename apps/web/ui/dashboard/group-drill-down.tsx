/**
 * What the drill-down pages of one 产业链 and one 乡镇园区 have in common: the tab title, the
 * header with status, composite score and flags, the indicator table and the key projects.
 * Each page adds its own panels (the chain's graph, the town's plan facts). Server only.
 */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import type { GroupDetail, Period, PlanResponse } from '@planwatch/shared';
import { api, isNotFound } from '@/lib/api';
import { getPlan } from '@/lib/queries';
import { dataAsOfText } from '@/lib/format';
import { withPeriod } from '@/lib/period-link';
import { FlagMarks } from '../flags';
import { StatusBadge } from '../status-badge';
import { ErrorNote } from '../error-note';
import { AsOf, PageHeader, Panel } from './panel';
import { IndicatorTable, ProjectsTable } from './tables';
// The stack the other dashboard pages lay their panels out in, so these pages space alike.
import pages from '@/app/(dashboard)/pages.module.css';

type GroupKind = 'chain' | 'region';

/** The tab title: the group's name in the plan, else the section's name (also when the plan fails). */
export async function groupMetadata(section: string, code: string, groupsIn: (plan: PlanResponse) => Array<{ code: string; name: string }>) {
  try {
    const plan = await getPlan();
    return { title: groupsIn(plan).find((g) => g.code === code)?.name ?? section };
  } catch {
    return { title: section };
  }
}

/**
 * Loads the group (an unknown code becomes the 404 page, any other failure an error note under
 * the section's header), heads the page with it and stacks the panels `children` draws from it.
 * `period`: the 监测期 the page was opened for (none: the latest month); the crumb back to the
 * overview keeps it.
 */
export async function GroupDrillDown({
  section,
  load,
  period,
  children,
}: {
  section: string;
  load: () => Promise<GroupDetail>;
  period?: Period;
  children: (detail: GroupDetail) => ReactNode;
}) {
  let detail: GroupDetail;
  try {
    detail = await load();
  } catch (error) {
    if (isNotFound(error)) notFound();
    return (
      <>
        <PageHeader title={section} crumbs={<Link href={withPeriod('/overview', period)}>总览</Link>} />
        <ErrorNote error={error} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href={withPeriod('/overview', period)}>总览</Link>
            {` / ${section}`}
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
      <div className={pages.stack}>{children(detail)}</div>
    </>
  );
}

/** `regionCode`: the indicator links open that region's figures; `period`: as of that 监测期. */
export function GroupIndicatorsPanel({ detail, regionCode, period }: { detail: GroupDetail; regionCode?: string; period?: Period }) {
  return (
    <Panel title="指标完成情况" meta={<AsOf>{dataAsOfText(detail.dataAsOf)}</AsOf>}>
      <IndicatorTable indicators={detail.indicators} regionCode={regionCode} period={period} />
    </Panel>
  );
}

/** The group's key projects, without the column the group already implies (its links keep `period`). */
export async function GroupProjectsPanel({ title, kind, code, period }: { title: string; kind: GroupKind; code: string; period?: Period }) {
  try {
    const projects = await api.projects({ [kind]: code });
    return (
      <Panel title={title} meta={<Link href={`/projects?${kind}=${code}`}>筛选查看 →</Link>}>
        <ProjectsTable projects={projects} hide={[kind]} period={period} />
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}
