import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { isPeriod, normalizeDecimalString, type IndicatorDetailResponse, type Period, type PlanResponse, type PublishedFigureView } from '@planwatch/shared';
import { isNotFound } from '@/lib/api';
import { getIndicator, getPlan } from '@/lib/queries';
import { indicatorHref, withPeriod } from '@/lib/period-link';
import { dataAsOfText, formatDecimal, formatExact, formatPercent, formatPeriodCn, formatPp, formatSignedPercent } from '@/lib/format';
import { AsOf, PageHeader, Panel } from '@/ui/dashboard/panel';
import { IndicatorTrend, PlanTrajectory } from '@/ui/dashboard/charts';
import { FlagMarks, IllustrativeBadge, PublishedBadge } from '@/ui/flags';
import { IllustrativePlace, PlanQuote, PublishedFiguresTable } from '@/ui/sources';
import { StatusBadge } from '@/ui/status-badge';
import { trackLabel } from '@/ui/status';
import { ErrorNote } from '@/ui/error-note';
import styles from '../../pages.module.css';

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ code: string }>; searchParams: Promise<Search> };

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const period = (v: string | string[] | undefined): Period | undefined => {
  const s = one(v);
  return s && isPeriod(s) ? s : undefined;
};

export async function generateMetadata({ params }: Props) {
  const { code } = await params;
  try {
    const plan = await getPlan();
    return { title: plan.indicators.find((i) => i.code === code)?.name ?? '指标' };
  } catch {
    return { title: '指标' };
  }
}

/** The figure's revision history (signed-in users; /reporting/history asks anyone else to log in). */
function HistoryLink({ detail, period }: { detail: IndicatorDetailResponse; period: Period }) {
  const q = new URLSearchParams({ indicator: detail.indicator.code, region: detail.indicator.regionCode, period });
  return (
    <Link href={`/reporting/history?${q.toString()}`} prefetch={false} title="查看该数据的所有版本：谁在何时填报、审核，原值 → 新值">
      修订记录
    </Link>
  );
}

/** The published figure (已公布) a row shows, if its value is the published one. */
function publishedAt(published: readonly PublishedFigureView[], period: Period, value: string | null): PublishedFigureView | undefined {
  return published.find((f) => f.period === period && value !== null && normalizeDecimalString(f.value) === normalizeDecimalString(value));
}

function PublishedNote({ figure }: { figure: PublishedFigureView | undefined }) {
  return figure ? <PublishedBadge title={`「${figure.source.quote}」——${figure.source.sourceTitle}`} /> : null;
}

/** A row per period, newest first, each ending in the link to that figure's revision history. */
function PeriodTable({ detail, head, rows }: { detail: IndicatorDetailResponse; head: ReactNode; rows: Array<{ key: string; label: string; period: Period; cells: ReactNode }> }) {
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>期别</th>
            {head}
            <th data-xlsx-skip>修订</th>
          </tr>
        </thead>
        <tbody>
          {[...rows].reverse().map((row) => (
            <tr key={row.key}>
              <td>{row.label}</td>
              {row.cells}
              <td data-xlsx-skip>
                <HistoryLink detail={detail} period={row.period} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DataTable({ detail, published }: { detail: IndicatorDetailResponse; published: readonly PublishedFigureView[] }) {
  const unit = detail.indicator.unit;
  if (detail.indicator.kind !== 'flow') {
    return (
      <PeriodTable
        detail={detail}
        head={
          <>
            <th className={styles.num}>数值（{unit}）</th>
            <th>说明</th>
          </>
        }
        rows={detail.values.map((r) => ({
          key: r.period,
          label: formatPeriodCn(r.period),
          period: r.period,
          cells: (
            <>
              <td className={styles.num}>{formatExact(r.value)}</td>
              <td>{publishedAt(published, r.period, r.value) ? <PublishedNote figure={publishedAt(published, r.period, r.value)} /> : '—'}</td>
            </>
          ),
        }))}
      />
    );
  }
  const ytd = new Map(detail.ytd.map((p) => [p.period, p.value]));
  return (
    <PeriodTable
      detail={detail}
      head={
        <>
          <th className={styles.num}>当月（{unit}）</th>
          <th className={styles.num}>累计（{unit}）</th>
          <th>说明</th>
        </>
      }
      rows={detail.monthly.map((s) => ({
        key: `${s.from}-${s.to}`,
        label: s.from === s.to ? formatPeriodCn(s.to) : `${formatPeriodCn(s.from)}–${Number(s.to.slice(5))}月`,
        period: s.to,
        cells: (
          <>
            <td className={styles.num}>{formatExact(s.value)}</td>
            <td className={styles.num}>{formatExact(ytd.get(s.to) ?? null)}</td>
            <td>
              {[s.from !== s.to ? '跨月合并报送' : '', s.derived ? '由累计数推算' : ''].filter(Boolean).join('；') || (publishedAt(published, s.to, ytd.get(s.to) ?? null) ? '' : '—')}
              <PublishedNote figure={publishedAt(published, s.to, ytd.get(s.to) ?? null)} />
            </td>
          </>
        ),
      }))}
    />
  );
}

/** The words a plan target quotes (the value of an illustrative one, when a source gives it without the year). */
function TargetSource({ plan, indicator, region, year }: { plan: PlanResponse | null; indicator: string; region: string; year: number }) {
  const source = plan?.targets.find((t) => t.indicatorCode === indicator && t.regionCode === region && t.year === year)?.source;
  return source && plan ? (
    <div>
      <PlanQuote plan={plan} quote={source} />
    </div>
  ) : null;
}

export default async function IndicatorPage({ params, searchParams }: Props) {
  const { code } = await params;
  const q = await searchParams;
  const region = one(q.region);
  // The month the page is as of (from the overview's 监测期); the page's own links keep it.
  const to = period(q.to);
  let detail: IndicatorDetailResponse;
  let plan;
  try {
    plan = await getPlan().catch(() => null);
    const from = period(q.from) ?? (plan ? (`${plan.plan.baseYear}-01` as Period) : undefined);
    detail = await getIndicator(code, region, from, to);
  } catch (error) {
    if (isNotFound(error)) notFound();
    return (
      <>
        <PageHeader title="指标" crumbs={<Link href={withPeriod('/overview', to)}>总览</Link>} />
        <ErrorNote error={error} />
      </>
    );
  }
  const i = detail.indicator;
  const chain = plan?.chains.find((c) => c.code === i.chainCode);
  const regionName = plan?.regions.find((r) => r.code === i.regionCode)?.name ?? i.regionCode;
  const published = plan?.published.filter((f) => f.indicatorCode === i.code && f.regionCode === i.regionCode) ?? [];
  const illustrativePlaces = plan?.indicators.find((x) => x.code === i.code)?.illustrativePlaces ?? [];
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href={withPeriod('/overview', to)}>总览</Link>
            {chain ? (
              <>
                {' / '}
                <Link href={withPeriod(`/chains/${chain.code}`, to)}>{chain.name}</Link>
              </>
            ) : null}
            {' / 指标'}
          </>
        }
        title={`${i.name}${region ? ` · ${regionName}` : ''}`}
        marks={
          <>
            <StatusBadge status={i.status} size="md" />
            <FlagMarks flags={i.flags} missing={i.missingRegions.map((code) => plan?.regions.find((r) => r.code === code)?.name ?? code)} />
          </>
        }
        subtitle={`${i.unit} · ${i.kind === 'flow' ? '流量（累计）' : i.kind === 'stock' ? '存量（时点）' : '比率'} · ${i.frequency === 'monthly' ? '月报' : i.frequency === 'quarterly' ? '季报' : '年报'} · ${i.direction === 'lower_is_better' ? '越低越好' : '越高越好'} · 责任单位 ${i.departmentName}`}
      />
      <p className={styles.sentence}>
        {i.sentence}{' '}
        <Link href={`/supervision/new?indicator=${encodeURIComponent(i.code)}&region=${encodeURIComponent(i.regionCode)}`}>➜ 督办</Link>
      </p>
      <div className={styles.stack}>
        <Panel title="本期进度" meta={<AsOf>{dataAsOfText(i.dataAsOf)}</AsOf>}>
          <dl className={styles.facts}>
            <div>
              <dt>{i.kind === 'flow' ? '累计值' : '最新值'}</dt>
              <dd>
                {formatDecimal(i.value)} {i.unit}
              </dd>
            </div>
            <div>
              <dt>年度目标 {i.flags.illustrativeTarget ? <IllustrativeBadge /> : null}</dt>
              <dd>{i.annualTarget === null ? '—' : `${formatDecimal(i.annualTarget)} ${i.unit}`}</dd>
            </div>
            {i.likeForLike ? (
              <div data-judgement="like_for_like">
                <dt>{i.likeForLike.label}目标</dt>
                <dd title={`已报乡镇占目标份额${formatPercent(Number(i.likeForLike.share) * 100)}`}>
                  {formatDecimal(i.likeForLike.target)} {i.unit}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>
                {i.kind === 'flow' ? '年度完成率' : '应达值'}
                {i.likeForLike ? '（同口径）' : ''}
              </dt>
              <dd>{i.kind === 'flow' ? formatPercent(i.completionPct, 2) : i.expected === null ? '—' : `${formatDecimal(i.expected)} ${i.unit}`}</dd>
            </div>
            <div>
              <dt>序时进度</dt>
              <dd>{formatPercent(i.timeProgressPct, 2)}</dd>
            </div>
            <div>
              <dt>序时差</dt>
              <dd>{formatPp(i.gapPp, 2)}</dd>
            </div>
            <div>
              <dt>年末预测</dt>
              <dd>
                {i.projection ? (
                  <>
                    {formatDecimal(i.projection.value)} {i.unit}（{formatPercent(i.projection.completionPct, 2)}）
                    {i.projection.shortfall ? <StatusBadge status="yellow" size="sm" label="预测不达标" /> : null}
                  </>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>上年同期{i.likeForLike ? '（同口径）' : ''}</dt>
              <dd>{i.lastYearValue === null ? '—' : `${formatDecimal(i.lastYearValue)} ${i.unit}`}</dd>
            </div>
            <div>
              <dt>同比</dt>
              <dd>{formatSignedPercent(i.yoyPct, 2)}</dd>
            </div>
          </dl>
        </Panel>

        {published.length > 0 && plan ? (
          <Panel title="已公布数据（来源原文）" meta={<span>来源文件公布的实际数，不是示例数据</span>}>
            <PublishedFiguresTable plan={plan} figures={published} />
          </Panel>
        ) : null}

        <Panel title="年内走势（与上年同期对比）" meta={<AsOf>{dataAsOfText(i.dataAsOf)}</AsOf>}>
          <IndicatorTrend detail={detail} />
        </Panel>

        <div className={styles.twoCol}>
          <Panel title="规划轨迹（2021 → 2025 → 2035）" meta={<AsOf>{dataAsOfText(i.dataAsOf)}</AsOf>}>
            <PlanTrajectory detail={detail} published={published} />
          </Panel>
          <Panel title="规划目标进度">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>目标年</th>
                  <th className={styles.num}>目标值</th>
                  <th className={styles.num}>基期值</th>
                  <th className={styles.num}>进度</th>
                  <th className={styles.num}>达成率</th>
                  <th className={styles.num}>所需年均增速</th>
                  <th>轨迹</th>
                </tr>
              </thead>
              <tbody>
                {detail.planProgress.map((g) => (
                  <tr key={g.targetYear}>
                    <td>
                      {g.targetYear}年 {g.illustrative ? <IllustrativeBadge /> : null}
                    </td>
                    <td className={styles.num}>{formatDecimal(g.target)}</td>
                    <td className={styles.num}>{formatDecimal(g.baseline)}</td>
                    <td className={styles.num}>{formatPercent(g.progressPct)}</td>
                    <td className={styles.num}>{formatPercent(g.attainmentPct)}</td>
                    <td className={styles.num}>{formatPercent(g.requiredGrowthPct)}</td>
                    <td>
                      <StatusBadge status={g.onTrack === null ? 'no_data' : g.onTrack ? 'green' : 'yellow'} size="sm" label={trackLabel(g.onTrack, i.direction)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 style={{ fontSize: 14, margin: '16px 0 6px' }}>年度目标</h3>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>年份</th>
                  <th className={styles.num}>目标值（{i.unit}）</th>
                  <th>说明</th>
                </tr>
              </thead>
              <tbody>
                {detail.annualTargets.map((t) => (
                  <tr key={t.year}>
                    <td>{t.year}</td>
                    <td className={styles.num}>{formatExact(t.value)}</td>
                    <td>
                      {[t.baseline ? '基期实际' : '', t.derived ? '由规划轨迹推得' : '', t.illustrative ? '示意目标' : ''].filter(Boolean).join('；') || '规划目标'}
                      <TargetSource plan={plan} indicator={i.code} region={i.regionCode} year={t.year} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
        </div>

        <div className={styles.twoCol}>
          <Panel title={`数据明细（${formatPeriodCn(detail.from)} – ${formatPeriodCn(detail.to)}）`} meta={<AsOf>{dataAsOfText(i.dataAsOf)}</AsOf>}>
            <DataTable detail={detail} published={published} />
          </Panel>
          <Panel title="分乡镇/园区">
            {detail.regions.length === 0 ? (
              <p className={styles.muted}>该指标仅报送全区数据。</p>
            ) : (
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th>乡镇/园区</th>
                    <th className={styles.num}>数值（{i.unit}）</th>
                    <th>数据截至</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.regions.map((r) => (
                    <tr key={r.code}>
                      <td>
                        <Link href={indicatorHref(i.code, { region: r.code, period: to })}>{r.name}</Link>
                        {illustrativePlaces.includes(r.code) ? <> <IllustrativePlace /></> : null}
                      </td>
                      <td className={styles.num}>{formatExact(r.value)}</td>
                      <td>{formatPeriodCn(r.dataAsOf)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {region ? (
              <p style={{ marginTop: 10 }}>
                <Link href={indicatorHref(i.code, { period: to })}>← 返回全区</Link>
              </p>
            ) : null}
          </Panel>
        </div>
      </div>
    </>
  );
}
