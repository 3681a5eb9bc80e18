import Link from 'next/link';
import type { Period } from '@planwatch/shared';
import { get } from '@/lib/api';
import { formatDateTime, formatPeriodCn } from '@/lib/format';
import { periodParam, type SearchParams } from '@/lib/page-params';
import { PageHeader, Panel } from '@/ui/dashboard/panel';
import { BriefingFrame } from '@/ui/briefing/briefing-frame';
import { ErrorNote } from '@/ui/error-note';
import { SampleBadge } from '@/ui/flags';
import styles from '../pages.module.css';

export const metadata = { title: '月度通报' };

interface BriefingHead {
  period: Period;
  periodLabel: string;
  generatedAt: string;
  sample: boolean;
  illustrativeTargets: boolean;
}

interface ArchiveEntry {
  period: Period;
  format: 'html' | 'xlsx';
  generatedAt: string;
}

const monthly = (period: Period, format: 'html' | 'xlsx') => `/api/briefings/monthly?period=${period}&format=${format}`;

/** 月度通报: public like the figures it summarises. The HTML is the API's; this page frames it. */
export default async function BriefingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const asked = periodParam(q.period);
  let head: BriefingHead;
  try {
    head = await get<BriefingHead>({ path: `/api/briefings/monthly?format=json${asked ? `&period=${asked}` : ''}`, label: 'GET /api/briefings/monthly' });
  } catch (error) {
    return (
      <>
        <PageHeader title="月度通报" />
        <ErrorNote title="通报生成失败" error={error} />
      </>
    );
  }
  const archive = await get<ArchiveEntry[]>({ path: '/api/briefings/archive', label: 'GET /api/briefings/archive' }).catch(() => [] as ArchiveEntry[]);
  const archived = [...new Set(archive.map((a) => a.period))].sort().reverse();
  return (
    <>
      <PageHeader
        title={`月度通报 · ${head.periodLabel}`}
        marks={head.sample ? <SampleBadge /> : null}
        subtitle={`按已审核数据生成于 ${formatDateTime(head.generatedAt)}；数据更新后重新打开即为最新。`}
      />
      <div className={styles.stack}>
        <Panel title="期别与下载">
          <div className={styles.headRow}>
            <form className={styles.periodForm} method="get" action="/briefing">
              <label htmlFor="briefing-period">通报月份</label>
              <input id="briefing-period" type="month" name="period" defaultValue={head.period} min="2021-01" />
              <button type="submit">查看</button>
            </form>
            <div className={styles.periodForm}>
              <a href={monthly(head.period, 'xlsx')} download>
                ⤓ 下载 XLSX
              </a>
              <span aria-hidden>·</span>
              <a href={monthly(head.period, 'html')} target="_blank" rel="noreferrer">
                打印版（新窗口）↗
              </a>
            </div>
          </div>
          {archived.length > 0 ? (
            <p className={styles.caption}>
              已归档：
              {archived.map((p, i) => (
                <span key={p}>
                  {i > 0 ? '、' : ''}
                  <Link href={`/briefing?period=${p}`}>{formatPeriodCn(p)}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </Panel>
        <BriefingFrame src={monthly(head.period, 'html')} title={`${head.periodLabel}月度通报`} />
      </div>
    </>
  );
}
