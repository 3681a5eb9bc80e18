/**
 * What the plan's sources say, as the drill-down pages show it: quotes with their document,
 * figures a source published (已公布) and places no source names (示意). Server components.
 */
import Link from 'next/link';
import type { PlanQuoteView, PlanResponse, PublishedFigureView } from '@planwatch/shared';
import { formatDecimal, publishedPeriodText } from '@/lib/format';
import { regionName } from '@/lib/plan';
import tables from './dashboard/tables.module.css';
import { IllustrativeBadge, PublishedBadge } from './flags';
import styles from './sources.module.css';

/** 「words」 — 《document》, and the note on how the words become the value. */
export function SourceQuote({ quote, sourceTitle, note }: { quote: string; sourceTitle: string; note?: string | null }) {
  return (
    <span className={styles.quote}>
      <q>{quote}</q>
      <cite>《{sourceTitle.replace(/^《|》$/g, '')}》</cite>
      {note ? <span className={styles.note}>{note}</span> : null}
    </span>
  );
}

/** A quote of the plan file (by source id) with its document's title. */
export function PlanQuote({ plan, quote }: { plan: Pick<PlanResponse, 'sources'>; quote: PlanQuoteView }) {
  return <SourceQuote quote={quote.quote} note={quote.note} sourceTitle={plan.sources.find((s) => s.id === quote.id)?.title ?? quote.id} />;
}

/** 示意 beside a place no source names for the entry. */
export function IllustrativePlace() {
  return <IllustrativeBadge label="示意" title="来源文件未提到这里，布局为示意" />;
}

/** A town, zone or park as a chip linking to its page, 示意 when no source names it for the entry. */
export function PlaceChip({ href, name, className, illustrative }: { href: string; name: string; className?: string; illustrative: boolean }) {
  return (
    <span className={styles.chipWrap}>
      <Link href={href} className={className}>
        {name}
      </Link>
      {illustrative ? <IllustrativePlace /> : null}
    </span>
  );
}

/** The published figures (已公布) with when they hold and the words they come from. */
export function PublishedFiguresTable({
  plan,
  figures,
  withIndicator = false,
}: {
  plan: Pick<PlanResponse, 'indicators' | 'regions' | 'plan'>;
  figures: readonly PublishedFigureView[];
  withIndicator?: boolean;
}) {
  return (
    <div className={tables.scroll}>
      <table className={tables.table} data-testid="published-figures">
        <thead>
          <tr>
            {withIndicator ? <th>指标</th> : null}
            <th>时点</th>
            <th className={tables.num}>数值</th>
            <th>来源原文</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => {
            const indicator = plan.indicators.find((i) => i.code === f.indicatorCode);
            return (
              <tr key={`${f.indicatorCode}|${f.regionCode}|${f.period}|${f.basis}`}>
                {withIndicator ? (
                  <td>
                    <Link href={`/indicators/${f.indicatorCode}`}>{indicator?.name ?? f.indicatorCode}</Link>
                    {f.regionCode !== plan.plan.region ? ` · ${regionName(plan, f.regionCode)}` : null}
                  </td>
                ) : null}
                <td className={tables.nowrap}>{publishedPeriodText(f)}</td>
                <td className={tables.num}>
                  <strong>{formatDecimal(f.value)}</strong> {indicator?.unit ?? ''} <PublishedBadge />
                </td>
                <td>
                  <SourceQuote quote={f.source.quote} sourceTitle={f.source.sourceTitle} note={f.source.note} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
