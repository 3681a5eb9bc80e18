'use client';
/**
 * 修订记录: every version of one figure, oldest first — who, when, old → new, why, which batch; for
 * a district figure that is the sum of its towns, the towns' versions behind it.
 */
import Link from 'next/link';
import { addMonths, type Basis, BASIS_LABELS, type FigureHistory, type FigureVersion, type Period } from '@planwatch/shared';
import { query } from '@/lib/client-api';
import { formatDateTime, formatExact, formatPeriodCn } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { Empty, Tag } from '../kit/kit';
import { ErrorNote } from '../error-note';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import tables from '../dashboard/tables.module.css';
import { SOURCE_LABELS, VERSION_STATUS } from './labels';
import styles from './reporting.module.css';

/**
 * Only uploads and online entries have a reporting batch page; sample data, data-interface
 * (ETL) loads and published figures are named as plain text — the batch page would answer
 * 「报送批次…不存在」.
 */
const UNLINKED_SOURCES = { sample: SOURCE_LABELS.sample, etl: `${SOURCE_LABELS.etl}导入`, published: SOURCE_LABELS.published } as const;

/** Every version of one figure, oldest first: 1, 2, 3 … whatever its status. */
function VersionsTable({ versions, label }: { versions: readonly FigureVersion[]; label: string }) {
  return (
    <div className={tables.scroll}>
      <table className={tables.table} aria-label={label} data-testid="history">
        <thead>
          <tr>
            <th className={tables.num}>版本</th>
            <th>状态</th>
            <th>口径</th>
            <th className={tables.num}>数值（原值 → 新值）</th>
            <th>修改原因</th>
            <th>说明</th>
            <th>填报</th>
            <th>审核</th>
            <th>批次</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const s = VERSION_STATUS[v.status] ?? { text: v.status, glyph: '•', tone: 'neutral' as const };
            return (
              <tr key={v.id} className={v.status === 'approved' ? styles.newRow : undefined}>
                <td className={tables.num}>{v.version}</td>
                <td>
                  <Tag tone={s.tone} glyph={s.glyph}>
                    {s.text}
                  </Tag>
                  {v.sample ? <div className={tables.sub}>示例数据</div> : null}
                </td>
                <td>
                  {BASIS_LABELS[v.basis]}
                  {v.spanStart ? <div className={tables.sub}>自{formatPeriodCn(v.spanStart)}起合并</div> : null}
                </td>
                <td className={tables.num}>
                  {v.previousValue !== null && v.previousValue !== v.value ? (
                    <>
                      <del className={styles.old}>{formatExact(v.previousValue)}</del>
                      <span className={styles.arrow} aria-hidden>
                        →
                      </span>
                      <ins className={styles.new}>{formatExact(v.value)}</ins>
                    </>
                  ) : (
                    formatExact(v.value)
                  )}
                </td>
                <td className={styles.reason}>{v.reason ?? '—'}</td>
                <td>{v.note ?? '—'}</td>
                <td className={tables.nowrap}>
                  {v.createdBy?.username ?? '系统'}
                  <div className={tables.sub}>{formatDateTime(v.createdAt)}</div>
                </td>
                <td className={tables.nowrap}>
                  {v.decidedAt ? (
                    <>
                      {v.decidedBy?.username ?? '系统'}
                      <div className={tables.sub}>{formatDateTime(v.decidedAt)}</div>
                    </>
                  ) : (
                    '—'
                  )}
                  {v.batch.reviewComment ? <div className={tables.sub}>意见：{v.batch.reviewComment}</div> : null}
                </td>
                <td>
                  {v.batch.source === 'upload' || v.batch.source === 'online' ? (
                    <Link href={`/reporting/batches/${v.batch.id}`}>{SOURCE_LABELS[v.batch.source]}</Link>
                  ) : (
                    (UNLINKED_SOURCES[v.batch.source as keyof typeof UNLINKED_SOURCES] ?? v.batch.source)
                  )}
                  {v.batch.fileName ? <div className={tables.sub}>{v.batch.fileName}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function HistoryView({ indicator, region, period, basis }: { indicator: string; region: string; period: Period; basis: Basis | null }) {
  const { data, error } = useApi<FigureHistory>(`/api/observations/history${query({ indicator, region, period, basis })}`);
  const nav = (p: Period) => `/reporting/history${query({ indicator, region, period: p, basis })}`;
  return (
    <div className={styles.stack}>
      <div className={styles.actionRow}>
        <Link href={nav(addMonths(period, -1))}>← {formatPeriodCn(addMonths(period, -1))}</Link>
        <span className={styles.muted}>|</span>
        <Link href={nav(addMonths(period, 1))}>{formatPeriodCn(addMonths(period, 1))} →</Link>
        <span className={styles.muted}>|</span>
        <Link href={`/indicators/${encodeURIComponent(indicator)}${region ? `?region=${encodeURIComponent(region)}` : ''}`}>指标页面</Link>
      </div>
      <Panel
        title={data ? `${data.indicator.name} · ${data.region.name} · ${formatPeriodCn(data.period)}${data.basis ? `（${BASIS_LABELS[data.basis]}）` : ''}` : '修订记录'}
        meta={data ? <span>单位：{data.indicator.unit}</span> : null}
        exportName={data ? `修订记录-${data.indicator.name}-${data.region.name}-${data.period}` : '修订记录'}
      >
        {error ? (
          <ErrorNote title="修订记录加载失败" error={error} />
        ) : !data ? (
          <Skeleton lines={4} />
        ) : data.components ? (
          <p className={styles.muted}>全区数据为各乡镇数据之和，没有单独报送的版本；以下为构成该合计的各乡镇版本。</p>
        ) : data.versions.length === 0 ? (
          <Empty>该期没有任何版本（尚未填报）。</Empty>
        ) : (
          <VersionsTable versions={data.versions} label="修订记录" />
        )}
      </Panel>
      {data?.components?.map((c) => (
        <Panel key={c.region.code} title={`${c.region.name} · ${formatPeriodCn(data.period)}`} meta={<Link href={`/reporting/history${query({ indicator, region: c.region.code, period, basis })}`}>单独查看</Link>}>
          {c.versions.length === 0 ? <Empty>{c.region.name}该期尚未报送。</Empty> : <VersionsTable versions={c.versions} label={`${c.region.name}修订记录`} />}
        </Panel>
      ))}
    </div>
  );
}
