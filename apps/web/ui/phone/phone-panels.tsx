/**
 * The leaders' phone home's panels: the headline indicators with their status, the chains'
 * traffic lights, the red alerts and the overdue 督办, each a tap from its page. No client
 * code of their own: the server renders them for the first paint (hydration only attaches
 * to them), and the browser loads this module only when a refresh brings new figures
 * (phone-live.tsx). No charts: on a phone over a weak network the page is text.
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { GroupProgress, IndicatorProgress, Period, PublicAlertView, AlertView } from '@planwatch/shared';
import { dataAsOfText, formatDecimal, formatPercent, formatPeriodCn, formatPp } from '@/lib/format';
import { indicatorHref, withPeriod } from '@/lib/period-link';
import { SampleBadge } from '../flags';
import { StatusBadge, StatusIcon } from '../status-badge';
import { isFullAlert, type PhoneData, type PhoneSupervision } from './phone-data';
import { Freshness } from './phone-live';
import styles from './phone.module.css';

function KpiTile({ kpi, period }: { kpi: IndicatorProgress; period: Period }) {
  return (
    <li>
      <Link href={indicatorHref(kpi.code, { period })} className={styles.tile} data-status={kpi.status}>
        <span className={styles.tileHead}>
          <strong>{kpi.name}</strong>
          <StatusBadge status={kpi.status} size="sm" />
        </span>
        <span className={styles.value}>
          <b className="num">{formatDecimal(kpi.value)}</b> {kpi.unit}
        </span>
        <span className={styles.line}>
          {kpi.likeForLike ? '同口径' : ''}完成 {formatPercent(kpi.completionPct)} · 序时 {formatPercent(kpi.timeProgressPct)} · {kpi.gapPp === null ? '序时差 —' : formatPp(kpi.gapPp)}
        </span>
      </Link>
    </li>
  );
}

function ChainLight({ group, period }: { group: GroupProgress; period: Period }) {
  const c = group.statusCounts;
  return (
    <li>
      <Link href={withPeriod(`/chains/${group.code}`, period)} className={styles.light} data-status={group.status}>
        <span className={styles.lamp} data-status={group.status}>
          <StatusIcon status={group.status} size={26} />
        </span>
        <span className={styles.lightName}>
          <strong>{group.name}</strong>
          <StatusBadge status={group.status} size="sm" />
        </span>
        <span className={styles.counts} aria-label={`超序时${c.green}项，略滞后${c.yellow}项，严重滞后${c.red}项`}>
          ✔{c.green} ▲{c.yellow} ✖{c.red}
        </span>
      </Link>
    </li>
  );
}

/** Signed in: the alert's own page; otherwise what it is about (public), since the alert asks to sign in. */
function alertHref(alert: PublicAlertView | AlertView): string {
  if (isFullAlert(alert)) return `/alerts/${encodeURIComponent(alert.id)}`;
  const s = alert.subject;
  if (s.kind === 'indicator') return indicatorHref(s.indicatorCode, { region: s.regionCode });
  if (s.kind === 'project') return `/projects/${encodeURIComponent(s.projectCode)}`;
  return '/alerts?state=firing&severity=red';
}

/** A red item a tap from its page. */
function RedTile({ href, title, line }: { href: string; title: string; line?: ReactNode }) {
  return (
    <li>
      <Link href={href} className={styles.tile} data-status="red">
        <strong>{title}</strong>
        {line ? <span className={styles.line}>{line}</span> : null}
      </Link>
    </li>
  );
}

/** The last tile of a list: the whole list on its page. */
function MoreTile({ href, children }: { href: string; children: ReactNode }) {
  return (
    <li>
      <Link href={href} className={styles.more}>
        {children}
      </Link>
    </li>
  );
}

function Alerts({ alerts }: { alerts: PhoneData['alerts'] }) {
  if (!alerts) return <p className={styles.muted}>预警服务暂不可用。</p>;
  if (alerts.items.length === 0) return <p className={styles.muted}>没有红色预警。</p>;
  return (
    <ul className={styles.tiles}>
      {alerts.items.map((a, i) => (
        <RedTile key={isFullAlert(a) ? a.id : i} href={alertHref(a)} title={a.title} line={isFullAlert(a) ? `${a.departmentName ?? '—'} · ${formatPeriodCn(a.period)}` : undefined} />
      ))}
      {alerts.total > alerts.items.length ? <MoreTile href="/alerts?state=firing&severity=red">全部 {alerts.total} 条红色预警 →</MoreTile> : null}
    </ul>
  );
}

function Supervision({ supervision }: { supervision: PhoneSupervision | null }) {
  if (!supervision) return <p className={styles.muted}>督办服务暂不可用。</p>;
  if (supervision.kind === 'summary') {
    const s = supervision.summary;
    return (
      <>
        <p className={styles.line}>
          未办结 <b className="num">{s.open}</b> 件 · 逾期 <b className="num">{s.overdue}</b> 件 · 本月办结 <b className="num">{s.closedThisMonth}</b> 件
        </p>
        <ul className={styles.tiles}>
          {s.red.map((r) => (
            <RedTile key={`${r.title}-${r.deadline}`} href="/supervision?overdue=true" title={r.title} line={`${r.departmentName} · 期限 ${r.deadline}`} />
          ))}
          <MoreTile href="/supervision?overdue=true">登录查看逾期督办 →</MoreTile>
        </ul>
      </>
    );
  }
  if (supervision.items.length === 0) return <p className={styles.muted}>没有逾期督办。</p>;
  return (
    <ul className={styles.tiles}>
      {supervision.items.map((s) => (
        <RedTile key={s.id} href={`/supervision/${encodeURIComponent(s.id)}`} title={s.title} line={`${s.departmentName} · 期限 ${s.deadline}（已逾期）`} />
      ))}
      {supervision.total > supervision.items.length ? <MoreTile href="/supervision?overdue=true">全部 {supervision.total} 件逾期督办 →</MoreTile> : null}
    </ul>
  );
}

/** A panel headed by what it lists and how many; `ready` once its data has come. */
function CountedSection({ panel, title, count, ready, children }: { panel: string; title: string; count: number; ready: boolean; children: ReactNode }) {
  return (
    <section className={styles.section} aria-labelledby={`phone-${panel}`} data-panel={panel} data-ready={ready ? 'true' : 'false'}>
      <h2 id={`phone-${panel}`}>
        {title} <span className={styles.count}>{count}</span>
      </h2>
      {children}
    </section>
  );
}

/** Everything the phone home shows of its data. */
export function PhonePanels({ data }: { data: PhoneData }) {
  const o = data.overview;
  const alertCount = data.alerts?.total ?? 0;
  const overdueCount = data.supervision ? (data.supervision.kind === 'list' ? data.supervision.total : data.supervision.summary.overdue) : 0;
  return (
    <>
      <div className={styles.head}>
        <h1>领导速览</h1>
        {o ? (
          <p className={styles.meta}>
            监测期 {formatPeriodCn(o.period)} {o.sample ? <SampleBadge /> : null}
          </p>
        ) : null}
        <Freshness />
      </div>
      {o ? (
        <>
          <section className={styles.section} aria-labelledby="phone-kpis" data-panel="kpis" data-ready="true">
            <h2 id="phone-kpis">核心指标</h2>
            <ul className={styles.tiles}>
              {o.headline.map((k) => (
                <KpiTile key={k.code} kpi={k} period={o.period} />
              ))}
            </ul>
            <p className={styles.asOf}>{dataAsOfText(o.headline[0]?.dataAsOf ?? null)}</p>
          </section>
          <section className={styles.section} aria-labelledby="phone-chains" data-panel="chains" data-ready="true">
            <h2 id="phone-chains">产业链红绿灯</h2>
            <ul className={styles.lights}>
              {[...o.chains, ...o.services].map((g) => (
                <ChainLight key={g.code} group={g} period={o.period} />
              ))}
            </ul>
          </section>
        </>
      ) : (
        <p className={styles.muted}>正在连接数据服务，稍后自动重试…</p>
      )}
      <CountedSection panel="alerts" title="红色预警" count={alertCount} ready={data.alerts !== null}>
        <Alerts alerts={data.alerts} />
      </CountedSection>
      <CountedSection panel="supervision" title="逾期督办" count={overdueCount} ready={data.supervision !== null}>
        <Supervision supervision={data.supervision} />
      </CountedSection>
      <nav className={styles.links} aria-label="更多">
        <Link href="/overview">总览</Link>
        <Link href="/projects">重点项目</Link>
        <Link href="/briefing">月度通报</Link>
      </nav>
    </>
  );
}
