'use client';
/** The wall screen's long-running behaviour: scaling, refresh, rotation, a clock. */
import { useEffect, useState, type RefObject } from 'react';
import { useRefreshed, type Loader, type Refreshed } from '../refresh';
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

export type ScreenState = Refreshed<ScreenData>;

const loadScreen: Loader<ScreenData> = (previous, signal) => loadScreenData(clientGet, previous, signal);

/** The screen's data, refreshed every `refreshSec` (ui/refresh.ts): stale data stays on screen. */
export function useScreenData(initial: ScreenData, initialOk: boolean, refreshSec: number): ScreenState {
  return useRefreshed(initial, initialOk, refreshSec, loadScreen);
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
