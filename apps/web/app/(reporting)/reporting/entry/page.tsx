import Link from 'next/link';
import { pathWith, periodParam, reportingPeriod, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';
import { EntryView } from '@/ui/reporting/entry-view';

export const metadata = { title: '在线填报' };

export default async function EntryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/reporting/entry', q));
  return (
    <>
      <PageHeader title="在线填报" crumbs={<Link href="/reporting">我的任务</Link>} subtitle="与填报模板相同的指标和地区，直接在页面上填写；校验和预览与上传文件完全相同。" />
      {user.role === 'reporter' ? (
        <EntryView initialPeriod={periodParam(q.period) ?? reportingPeriod()} />
      ) : (
        <Notice kind="warning">只有部门填报员可以在线填报（管理员请使用上传并指定部门）。</Notice>
      )}
    </>
  );
}
