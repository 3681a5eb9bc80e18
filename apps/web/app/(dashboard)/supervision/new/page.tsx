import { notFound } from 'next/navigation';
import { api } from '@/lib/api';
import { regionName } from '@/lib/plan';
import { one, pathWith, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { Notice } from '@/ui/kit/kit';
import { PageHeader } from '@/ui/dashboard/panel';
import { OpenFromAlertForm, OpenSupervisionForm, type OpenTarget } from '@/ui/supervision/open-form';

export const metadata = { title: '立项督办' };

export default async function OpenSupervisionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/supervision/new', q));
  const plan = await api.plan();
  const departments = plan.departments.map((d) => ({ code: d.code, name: d.name }));
  const alertId = one(q.alert);
  const indicator = one(q.indicator);
  const region = one(q.region);
  // An alert is read in the browser, with the user's session: who owns an alert is not public.
  let target: OpenTarget | null = null;
  if (!alertId) {
    if (indicator) {
      const found = plan.indicators.find((i) => i.code === indicator);
      if (!found) notFound();
      const regionCode = region ?? plan.regions[0]!.code;
      const town = plan.departments.find((d) => d.regionCode === regionCode && d.kind !== 'bureau');
      target = { kind: 'indicator', indicatorCode: indicator, regionCode, label: `${found.name}（${regionName(plan, regionCode)}）`, departmentCode: town?.code ?? found.departmentCode };
    } else if (region) {
      const town = plan.departments.find((d) => d.regionCode === region && d.kind !== 'bureau');
      target = { kind: 'region', regionCode: region, label: regionName(plan, region), departmentCode: town?.code ?? null };
    } else {
      notFound();
    }
  }
  const mayOpen = user.role === 'admin' || user.role === 'viewer';
  return (
    <>
      <PageHeader title="立项督办" subtitle="承办部门签收后在办理期限前反馈；期限按工作日计算，节假日和调休按国务院办公厅的安排。" />
      {!mayOpen ? (
        <Notice kind="warning">只有区领导和管理员可以立项督办。</Notice>
      ) : target ? (
        <OpenSupervisionForm target={target} departments={departments} />
      ) : (
        <OpenFromAlertForm alertId={alertId!} departments={departments} />
      )}
    </>
  );
}
