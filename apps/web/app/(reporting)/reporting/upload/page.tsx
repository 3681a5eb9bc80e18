import Link from 'next/link';
import { pathWith, periodParam, reportingPeriod, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';
import { UploadView } from '@/ui/reporting/upload-view';

export const metadata = { title: '上传填报文件' };

export default async function UploadPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/reporting/upload', q));
  return (
    <>
      <PageHeader title="上传填报文件" crumbs={<Link href="/reporting">我的任务</Link>} subtitle="上传后先生成预览：新增、变更、被拒绝的行和异常波动提示一目了然，确认后再提交审核。" />
      {user.role === 'reporter' || user.role === 'admin' ? <UploadView initialPeriod={periodParam(q.period) ?? reportingPeriod()} /> : <Notice kind="warning">只有填报员可以上传填报文件。</Notice>}
    </>
  );
}
