import Link from 'next/link';
import { BASES, type Basis } from '@planwatch/shared';
import { one, pathWith, periodParam, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';
import { HistoryView } from '@/ui/reporting/history-view';

export const metadata = { title: '修订记录' };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  await requireUser(pathWith('/reporting/history', q));
  const indicator = one(q.indicator);
  const region = one(q.region);
  const period = periodParam(q.period);
  const basisText = one(q.basis);
  const basis = basisText && (BASES as readonly string[]).includes(basisText) ? (basisText as Basis) : null;
  return (
    <>
      <PageHeader
        title="修订记录"
        crumbs={indicator ? <Link href={`/indicators/${encodeURIComponent(indicator)}`}>指标</Link> : <Link href="/overview">总览</Link>}
        subtitle="一个数据的所有版本：谁在何时填报、由谁审核、原值 → 新值、修改原因和来源批次。"
      />
      {indicator && region && period ? (
        <HistoryView indicator={indicator} region={region} period={period} basis={basis} />
      ) : (
        <Notice kind="warning">缺少参数：需要 indicator（指标编码）、region（地区编码）和 period（YYYY-MM）。请从指标页面的数据明细表进入。</Notice>
      )}
    </>
  );
}
