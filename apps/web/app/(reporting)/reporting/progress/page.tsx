import { reviewsDistrictWide } from '@planwatch/shared';
import { pathWith, periodParam, reportingPeriod, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';
import { ProgressView } from '@/ui/reporting/progress-view';

export const metadata = { title: '报送进度' };

export default async function ProgressPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/reporting/progress', q));
  const allowed = user.role === 'admin' || user.role === 'viewer' || reviewsDistrictWide(user);
  return (
    <>
      <PageHeader title="报送进度" subtitle="全区各部门、乡镇、园区一个月的报送情况：未报、已报、已退回、已审核、逾期；可向未报单位催报。" />
      {allowed ? <ProgressView user={user} initialPeriod={periodParam(q.period) ?? reportingPeriod()} /> : <Notice kind="warning">报送进度仅统计局、发改局、领导和管理员可以查看。</Notice>}
    </>
  );
}
