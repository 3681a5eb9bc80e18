'use client';
/**
 * 红黑榜: a month's ranking of towns and of departments (score, rank and the four parts, each
 * table exportable as XLSX), the 红榜 and 黑榜, and each unit's score over the year.
 */
import { useMemo, useState } from 'react';
import { RANKING_GROUP_LABELS, RANKING_GROUPS, RANKING_PART_LABELS, RANKING_PARTS, type RankingGroup, type RankingResponse } from '@planwatch/shared';
import { query } from '@/lib/client-api';
import { EChart } from '../charts/echart';
import { rankingTrendOption } from '../charts/ranking-trend.option';
import { Panel } from '../dashboard/panel';
import tables from '../dashboard/tables.module.css';
import { ErrorNote } from '../error-note';
import { Empty, Tag, kit } from '../kit/kit';
import { Skeleton } from '../skeleton';
import { useApi } from '../use-api';
import styles from '../supervision/supervision.module.css';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(1));

function Trend({ ranking, group }: { ranking: RankingResponse; group: RankingGroup }) {
  const option = useMemo(() => rankingTrendOption(ranking, group), [ranking, group]);
  return (
    <div style={{ height: 340 }}>
      <EChart option={option} ariaLabel={`${RANKING_GROUP_LABELS[group]}红黑榜得分走势`} exportName={`红黑榜走势-${RANKING_GROUP_LABELS[group]}`} />
    </div>
  );
}

export function RankingView({ years }: { years: number[] }) {
  const [year, setYear] = useState(years[0]!);
  const ranking = useApi<RankingResponse>(`/api/ranking${query({ year })}`);
  const [picked, setPicked] = useState<string | null>(null);
  if (ranking.error) return <ErrorNote title="红黑榜加载失败" error={ranking.error} />;
  const data = ranking.data;
  const month = data ? (data.months.find((m) => m.month === picked) ?? data.months.at(-1)) : undefined;
  const w = data?.config.weights;
  return (
    <div className={styles.stack} data-testid="ranking">
      <Panel title="选择">
        <div className={kit.row}>
          <label className={kit.field}>
            <span>年度</span>
            <select className={kit.input} value={year} onChange={(e) => (setYear(Number(e.target.value)), setPicked(null))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}年
                </option>
              ))}
            </select>
          </label>
          {data ? (
            <label className={kit.field}>
              <span>月份</span>
              <select className={kit.input} value={month?.month ?? ''} onChange={(e) => setPicked(e.target.value)}>
                {data.months.map((m) => (
                  <option key={m.month} value={m.month}>
                    {Number(m.month.slice(5))}月
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        {w ? (
          <p className={styles.muted}>
            得分为各项的加权平均（规划文件 ranking 节）：{RANKING_PARTS.map((p) => `${RANKING_PART_LABELS[p]} ${w[p]}`).join('、')}；缺项不计。
          </p>
        ) : null}
      </Panel>
      {!data || !month ? (
        <Skeleton lines={8} />
      ) : (
        RANKING_GROUPS.map((group) => {
          const g = month.groups[group];
          return (
            <div key={group} className={styles.stack}>
              <Panel title={`${RANKING_GROUP_LABELS[group]} · ${month.month.slice(0, 4)}年${Number(month.month.slice(5))}月`} exportName={`红黑榜-${RANKING_GROUP_LABELS[group]}-${month.month}`}>
                <p>
                  {g.red.map((e) => (
                    <Tag key={e.code} tone="red" glyph="★">
                      红榜 {e.name} {score(e.score)}
                    </Tag>
                  ))}{' '}
                  {g.black.map((e) => (
                    <Tag key={e.code} tone="neutral" glyph="▼">
                      黑榜 {e.name} {score(e.score)}
                    </Tag>
                  ))}
                </p>
                {g.units.length === 0 ? (
                  <Empty>本月没有可排名的单位。</Empty>
                ) : (
                  <div className={tables.scroll}>
                    <table className={tables.table} aria-label={`${RANKING_GROUP_LABELS[group]}排名`} data-testid={`ranking-${group}`}>
                      <thead>
                        <tr>
                          <th>名次</th>
                          <th>单位</th>
                          <th>得分</th>
                          {RANKING_PARTS.filter((p) => group === 'towns' || p !== 'progress').map((p) => (
                            <th key={p}>{RANKING_PART_LABELS[p]}</th>
                          ))}
                          <th>应报/按时</th>
                          <th>逾期天数</th>
                          <th>督办数</th>
                        </tr>
                      </thead>
                      <tbody>
                        {g.units.map((u) => (
                          <tr key={u.code} data-unit={u.code}>
                            <td className={tables.nowrap}>{u.rank ?? '—'}</td>
                            <td className={tables.nowrap}>{u.name}</td>
                            <td className={tables.nowrap}>
                              <strong>{score(u.score)}</strong>
                            </td>
                            {RANKING_PARTS.filter((p) => group === 'towns' || p !== 'progress').map((p) => (
                              <td key={p} className={tables.nowrap}>
                                {score(u.parts[p])}
                              </td>
                            ))}
                            <td className={tables.nowrap}>
                              {u.facts.figuresDue}/{u.facts.figuresOnTime}
                            </td>
                            <td className={tables.nowrap}>{u.facts.daysLate}</td>
                            <td className={tables.nowrap}>{u.facts.supervisionsDue}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Panel>
              <Panel title={`${RANKING_GROUP_LABELS[group]} · ${data.year}年得分走势`}>
                <Trend ranking={data} group={group} />
              </Panel>
            </div>
          );
        })
      )}
    </div>
  );
}
