import { one, pathWith, periodParam, reportingPeriod, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { TasksView } from '@/ui/reporting/tasks-view';

export const metadata = { title: '我的任务' };

export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/reporting', q));
  return (
    <>
      <PageHeader title="我的任务" subtitle="本部门每月应报的指标、截止日期和填报状态；下载模板、上传或在线填报。" />
      <TasksView user={user} initialPeriod={periodParam(q.period) ?? reportingPeriod()} initialDepartment={one(q.department) ?? null} />
    </>
  );
}
