'use client';
/** The wall screen's long-running behaviour: scaling, refresh, rotation, a clock. */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { loadScreenData, type ScreenData } from './screen-data';
import { clientGet } from './client-get';

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

export function stageScale(width: number, height: number): number {
  return Math.min(width / STAGE_WIDTH, height / STAGE_HEIGHT);
}

/** The inline script that sets the scale before the first paint (no jump on load). */
export const STAGE_SCALE_SCRIPT = `(function(){var e=document.getElementById('pw-stage');if(e){e.style.setProperty('--s',String(Math.min(innerWidth/${STAGE_WIDTH},innerHeight/${STAGE_HEIGHT})));}})();`;

/**
 * Keeps the 1920×1080 stage scaled to the viewport. Returns the canvas pixel ratio charts
 * should use (device pixels per stage pixel, in quarter steps so small resizes do not
 * re-create charts).
 */
export function useStageScale(stageRef: RefObject<HTMLDivElement | null>): number {
  const [pixelRatio, setPixelRatio] = useState(1);
  useEffect(() => {
    let frame = 0;
    const apply = () => {
      const s = stageScale(window.innerWidth, window.innerHeight);
      stageRef.current?.style.setProperty('--s', String(s));
      const ratio = Math.min(4, Math.max(1, Math.ceil(s * (window.devicePixelRatio || 1) * 4) / 4));
      setPixelRatio((prev) => (prev === ratio ? prev : ratio));
    };
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(apply);
    };
    apply();
    window.addEventListener('resize', onResize);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', onResize);
    };
  }, [stageRef]);
  return pixelRatio;
}

export interface ScreenState {
  data: ScreenData;
  /** When the overview last loaded (ms since epoch); null if never. */
  lastOkAt: number | null;
  /** The last refresh failed: what is shown is the last data. */
  stale: boolean;
  /** Increments on every successful refresh (for tests and the benchmark). */
  generation: number;
}

/**
 * Refreshes every `refreshSec` (sooner, every 15 s at most, while the API is unreachable) with
 * one timer chain: never two requests at once, nothing left running after unmount. Previous
 * data stays on screen while loading and when loading fails.
 */
export function useScreenData(initial: ScreenData, initialOk: boolean, refreshSec: number): ScreenState {
  const [state, setState] = useState<ScreenState>(() => ({
    data: initial,
    lastOkAt: initialOk ? Date.now() : null,
    stale: !initialOk,
    generation: initialOk ? 1 : 0,
  }));
  const dataRef = useRef(initial);
  const staleRef = useRef(!initialOk);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const retryMs = Math.min(refreshSec, 15) * 1000;

    const tick = async () => {
      controller = new AbortController();
      try {
        const result = await loadScreenData(clientGet, dataRef.current, controller.signal);
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
    timer = setTimeout(tick, staleRef.current ? 1000 : refreshSec * 1000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      controller?.abort();
    };
  }, [refreshSec]);

  return state;
}

/** Index of the page on show, advancing every `intervalSec` when there are several. */
export function useRotation(count: number, intervalSec: number): number {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (count < 2) return;
    const id = setInterval(() => setIndex((i) => (i + 1) % count), intervalSec * 1000);
    return () => clearInterval(id);
  }, [count, intervalSec]);
  return count > 0 ? index % count : 0;
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
