import { Suspense } from 'react';
import { PROJECT_STAGES, PROJECT_STAGE_LABELS, type ProjectStage } from '@planwatch/shared';
import { api } from '@/lib/api';
import { getOverview, getPlan } from '@/lib/queries';
import type { ProjectFilters } from '@/lib/endpoints';
import { dataAsOfText } from '@/lib/format';
import { AsOf, PageHeader, Panel } from '@/ui/dashboard/panel';
import { ProjectsCard } from '@/ui/dashboard/kpi-cards';
import { ProjectsTable } from '@/ui/dashboard/tables';
import { Skeleton } from '@/ui/skeleton';
import { SampleBadge } from '@/ui/flags';
import { ErrorNote } from '@/ui/error-note';
import styles from '../pages.module.css';

export const metadata = { title: '重点项目' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);

function parseFilters(q: Search): ProjectFilters {
  const stage = one(q.stage);
  const stalled = one(q.stalled);
  return {
    chain: one(q.chain),
    region: one(q.region),
    stage: stage && (PROJECT_STAGES as readonly string[]).includes(stage) ? (stage as ProjectStage) : undefined,
    stalled: stalled === 'true' ? true : stalled === 'false' ? false : undefined,
  };
}

async function Filters({ filters }: { filters: ProjectFilters }) {
  const plan = await getPlan().catch(() => null);
  return (
    <form className={styles.filters} method="get">
      <label>
        产业链
        <select name="chain" defaultValue={filters.chain ?? ''}>
          <option value="">全部</option>
          {plan?.chains.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        乡镇/园区
        <select name="region" defaultValue={filters.region ?? ''}>
          <option value="">全部</option>
          {plan?.regions
            .filter((r) => r.kind !== 'district')
            .map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        阶段
        <select name="stage" defaultValue={filters.stage ?? ''}>
          <option value="">全部</option>
          {PROJECT_STAGES.map((s) => (
            <option key={s} value={s}>
              {PROJECT_STAGE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        进展
        <select name="stalled" defaultValue={filters.stalled === undefined ? '' : String(filters.stalled)}>
          <option value="">全部</option>
          <option value="true">仅停滞项目</option>
          <option value="false">仅正常推进</option>
        </select>
      </label>
      <button type="submit">筛选</button>
      <a href="/projects">清除</a>
    </form>
  );
}

async function Summary() {
  try {
    const o = await getOverview();
    return (
      <div className={styles.cards}>
        <ProjectsCard summary={o.projects} />
      </div>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

async function List({ filters }: { filters: ProjectFilters }) {
  try {
    const projects = await api.projects(filters);
    const asOf = projects.map((p) => p.lastProgress).filter(Boolean).sort().at(-1) ?? null;
    return (
      <Panel
        title={`项目清单（${projects.length} 个）`}
        meta={
          <>
            {projects.some((p) => p.sample) ? <SampleBadge /> : null}
            <AsOf>{dataAsOfText(asOf)}</AsOf>
          </>
        }
      >
        <ProjectsTable projects={projects} />
      </Panel>
    );
  } catch (error) {
    return <ErrorNote error={error} />;
  }
}

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const filters = parseFilters(await searchParams);
  return (
    <>
      <PageHeader title="重点项目" subtitle="谋划 → 签约 → 开工 → 投产/竣工；停滞项目以红色标出并注明原因" />
      <div className={styles.stack}>
        <Suspense fallback={<Skeleton lines={4} height={160} />}>
          <Summary />
        </Suspense>
        <Panel title="筛选">
          <Suspense fallback={<Skeleton lines={1} />}>
            <Filters filters={filters} />
          </Suspense>
        </Panel>
        <Suspense key={JSON.stringify(filters)} fallback={<Skeleton lines={10} height={300} />}>
          <List filters={filters} />
        </Suspense>
      </div>
    </>
  );
}
