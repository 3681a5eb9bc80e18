import { notFound } from 'next/navigation';
import type { AlertListResponse } from '@planwatch/shared';
import { api, get } from '@/lib/api';
import { regionName } from '@/lib/plan';
import { one, pathWith, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { Notice } from '@/ui/kit/kit';
import { PageHeader } from '@/ui/dashboard/panel';
import { OpenSupervisionForm, type OpenTarget } from '@/ui/supervision/open-form';

export const metadata = { title: '立项督办' };

export default async function OpenSupervisionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/supervision/new', q));
  const plan = await api.plan();
  const departments = plan.departments.map((d) => ({ code: d.code, name: d.name }));
  const alertId = one(q.alert);
  const indicator = one(q.indicator);
  const region = one(q.region);
  let target: OpenTarget;
  if (alertId) {
    const alerts = await get<AlertListResponse>({ path: '/api/alerts?limit=500', label: 'GET /api/alerts' });
    const alert = alerts.items.find((a) => a.id === alertId);
    if (!alert) notFound();
    target = { kind: 'alert', alertId, label: alert.title, departmentCode: alert.departmentCode };
  } else if (indicator) {
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
  const mayOpen = user.role === 'admin' || user.role === 'viewer';
  return (
    <>
      <PageHeader title="立项督办" subtitle="承办部门签收后在办理期限前反馈；期限按工作日计算，节假日和调休按国务院办公厅的安排。" />
      {mayOpen ? <OpenSupervisionForm target={target} departments={departments} /> : <Notice kind="warning">只有区领导和管理员可以立项督办。</Notice>}
    </>
  );
}
