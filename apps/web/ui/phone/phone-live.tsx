'use client';
/**
 * The phone home's live part: it starts from the panels the server rendered (its children),
 * refreshes the data itself, and on a failed refresh keeps the figures and says how old they
 * are. The panels' code (phone-panels.tsx) loads only when a refresh brings new data, so the
 * first visit hydrates little more than this.
 */
import { createContext, lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react';
import { minutesBetween, staleText } from '@/lib/staleness';
import { useNow, useRefreshed, type Loader } from '../refresh';
import { clientGet } from '../screen/client-get';
import { loadPhoneData, type PhoneData } from './phone-data';
import styles from './phone.module.css';

/** Seconds between refreshes: figures change monthly, alerts and 督办 within the day. */
const REFRESH_SEC = 120;

const PhonePanels = lazy(() => import('./phone-panels').then((m) => ({ default: m.PhonePanels })));

const FreshnessContext = createContext<{ lastOkAt: number | null; stale: boolean }>({ lastOkAt: null, stale: false });

const timeText = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);

/** When the figures were last loaded, or how old they are when the last refresh failed. */
export function Freshness() {
  const { lastOkAt, stale } = useContext(FreshnessContext);
  const now = useNow(30_000);
  if (stale) {
    return (
      <p className={styles.stale} role="status" data-testid="phone-stale">
        ▲ {lastOkAt === null || now === null ? '数据服务连接中，稍后自动重试' : `${staleText(minutesBetween(lastOkAt, now))}（上次更新 ${timeText(lastOkAt)}），显示的是上次的数据`}
      </p>
    );
  }
  return lastOkAt !== null && now !== null ? <p className={styles.fresh}>更新于 {timeText(lastOkAt)}，每 {REFRESH_SEC / 60} 分钟自动刷新</p> : null;
}

export function PhoneLive({
  initial,
  initialOk,
  signedIn,
  refreshFirst,
  children,
}: {
  initial: PhoneData;
  initialOk: boolean;
  signedIn: boolean;
  refreshFirst: boolean;
  /** The panels for `initial`, rendered by the server. */
  children: ReactNode;
}) {
  const load: Loader<PhoneData> = (previous, signal) => loadPhoneData(clientGet, previous, signedIn, signal);
  const { data, lastOkAt, stale, generation } = useRefreshed(initial, initialOk, REFRESH_SEC, load, refreshFirst);
  // Set once the page's script runs (it refreshes itself from then on): the benchmark's "usable".
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return (
    <FreshnessContext value={{ lastOkAt, stale }}>
      <div className={styles.page} data-testid="phone-home" data-generation={generation} data-stale={stale ? 'true' : 'false'} data-live={live ? 'true' : 'false'}>
        {/* A failed refresh hands back the same data: the server's panels stay. */}
        {data === initial ? (
          children
        ) : (
          <Suspense fallback={children}>
            <PhonePanels data={data} />
          </Suspense>
        )}
      </div>
    </FreshnessContext>
  );
}
