'use client';
/**
 * Pages that keep themselves current: the wall screen and the phone home. Both start from the
 * data the server rendered, refresh it in the browser, and on a failed refresh keep the last
 * figures on show and say how old they are.
 */
import { useEffect, useRef, useState } from 'react';

export interface Refreshed<T> {
  data: T;
  /** When the data last loaded (ms since epoch); null if never. */
  lastOkAt: number | null;
  /** The last refresh failed: what is shown is the last data. */
  stale: boolean;
  /** Increments on every successful refresh (for tests and the benchmark). */
  generation: number;
}

/** A load from the previous data: what failed keeps its previous value; `failed` when the core could not load. */
export type Loader<T> = (previous: T, signal: AbortSignal) => Promise<{ data: T; failed: boolean }>;

/**
 * Refreshes every `refreshSec` (sooner, every 15 s at most, while the API is unreachable) with
 * one timer chain: never two requests at once, nothing left running after unmount. Previous
 * data stays on show while loading and when loading fails. A page brought back to the front (a
 * phone unlocked, a chat app switched back to) refreshes at once.
 */
export function useRefreshed<T>(
  initial: T,
  initialOk: boolean,
  refreshSec: number,
  load: Loader<T>,
  /** Refresh at once although the first data loaded (the server could show only part of it). */
  refreshFirst = false,
): Refreshed<T> {
  const [state, setState] = useState<Refreshed<T>>(() => ({
    data: initial,
    lastOkAt: initialOk ? Date.now() : null,
    stale: !initialOk,
    generation: initialOk ? 1 : 0,
  }));
  const dataRef = useRef(initial);
  const staleRef = useRef(!initialOk);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const retryMs = Math.min(refreshSec, 15) * 1000;

    const tick = async () => {
      timer = undefined;
      controller = new AbortController();
      try {
        const result = await loadRef.current(dataRef.current, controller.signal);
        if (cancelled) return;
        // The resource-timing buffer would otherwise fill up with one entry per request over
        // days of unattended running (it is capped, but nothing here reads it).
        if (typeof performance !== 'undefined' && typeof performance.clearResourceTimings === 'function') performance.clearResourceTimings();
        dataRef.current = result.data;
        staleRef.current = result.failed;
        setState((prev) => ({
          data: result.data,
          lastOkAt: result.failed ? prev.lastOkAt : Date.now(),
          stale: result.failed,
          generation: result.failed ? prev.generation : prev.generation + 1,
        }));
      } catch {
        if (cancelled) return;
        staleRef.current = true;
        setState((prev) => ({ ...prev, stale: true }));
      } finally {
        controller = undefined;
        if (!cancelled) timer = setTimeout(tick, staleRef.current ? retryMs : refreshSec * 1000);
      }
    };
    const onVisible = () => {
      // Only between loads: a load under way finishes and schedules the next itself.
      if (document.visibilityState !== 'visible' || timer === undefined) return;
      clearTimeout(timer);
      void tick();
    };
    timer = setTimeout(tick, refreshFirst ? 0 : staleRef.current ? 1000 : refreshSec * 1000);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refreshSec, refreshFirst]);

  return state;
}

/** The current time, updated every `everyMs`; null until mounted (no hydration mismatch). */
export function useNow(everyMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
