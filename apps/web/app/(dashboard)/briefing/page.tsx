import Link from 'next/link';
import type { BriefingArchiveEntry, BriefingDocument, Period } from '@planwatch/shared';
import { get } from '@/lib/api';
import { formatDateTime, formatPeriodCn } from '@/lib/format';
import { periodParam, type SearchParams } from '@/lib/page-params';
import { currentUser } from '@/lib/session-server';
import { PageHeader, Panel } from '@/ui/dashboard/panel';
import { BriefingFrame } from '@/ui/briefing/briefing-frame';
import { NextStepsEditor } from '@/ui/briefing/next-steps-editor';
import { ErrorNote } from '@/ui/error-note';
import { SampleBadge } from '@/ui/flags';
import { ButtonLink, Tag } from '@/ui/kit/kit';
import styles from '../pages.module.css';
import briefing from '@/ui/briefing/briefing.module.css';

export const metadata = { title: '月度通报' };

const monthly = (period: Period, format: 'html' | 'xlsx' | 'docx' | 'pdf') => `/api/briefings/monthly?period=${period}&format=${format}`;

/** 月度通报: public like the figures it summarises. The documents are the API's; this page frames them. */
export default async function BriefingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const asked = periodParam(q.period);
  let head: BriefingDocument;
  try {
    head = await get<BriefingDocument>({ path: `/api/briefings/monthly?format=json${asked ? `&period=${asked}` : ''}`, label: 'GET /api/briefings/monthly' });
  } catch (error) {
    return (
      <>
        <PageHeader title="月度通报" />
        <ErrorNote title="通报生成失败" error={error} />
      </>
    );
  }
  const [archive, user] = await Promise.all([
    get<BriefingArchiveEntry[]>({ path: '/api/briefings/archive', label: 'GET /api/briefings/archive' }).catch(() => [] as BriefingArchiveEntry[]),
    currentUser(),
  ]);
  const archived = [...new Set(archive.map((a) => a.period))].sort().reverse();
  return (
    <>
      <PageHeader
        title={`月度通报 · ${head.periodLabel}`}
        marks={
          <>
            {head.final ? <Tag tone="green" glyph="✔">定稿</Tag> : <Tag tone="yellow" glyph="▲">初稿</Tag>}
            {head.sample ? <SampleBadge /> : null}
          </>
        }
        subtitle={`成文日期 ${head.date}；数据截至 ${formatDateTime(head.dataAsOf)}（北京时间）。${head.final ? '报送截止日已过，本月通报已定稿，之后的数据修订另行注明。' : '本月数据报送截止日前为初稿，数据更新后重新打开即为最新。'}`}
      />
      <div className={styles.stack}>
        <Panel title="期别与下载">
          <div className={styles.headRow}>
            <form className={styles.periodForm} method="get" action="/briefing">
              <label htmlFor="briefing-period">通报月份</label>
              <input id="briefing-period" type="month" name="period" defaultValue={head.period} min="2021-01" />
              <button type="submit">查看</button>
            </form>
            <div className={briefing.downloads}>
              <ButtonLink href={monthly(head.period, 'docx')} download variant="primary">
                ⤓ Word 公文（.docx）
              </ButtonLink>
              <ButtonLink href={monthly(head.period, 'pdf')} download>
                ⤓ PDF
              </ButtonLink>
              <ButtonLink href={monthly(head.period, 'xlsx')} download>
                ⤓ Excel（.xlsx）
              </ButtonLink>
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
        {user?.role === 'admin' ? (
          <Panel title="下步工作（发文前可修改）">
            <NextStepsEditor period={head.period} steps={head.nextSteps} />
          </Panel>
        ) : null}
        <BriefingFrame src={monthly(head.period, 'html')} title={`${head.periodLabel}月度通报`} />
      </div>
    </>
  );
}
