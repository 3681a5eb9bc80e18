/** Colours and type sizes for charts, per theme. Pure data. */
import type { ChartTheme } from './types';

export interface ChartPalette {
  text: string;
  textMuted: string;
  axis: string;
  grid: string;
  background: string;
  /** This year / main series. */
  primary: string;
  /** Last year / comparison. */
  comparison: string;
  accent: string;
  target: string;
  trajectory: string;
  projection: string;
  /** Figures a source published (已公布). */
  published: string;
  track: string;
  mapFill: string;
  mapBorder: string;
  fontFamily: string;
  /** Base font size in CSS pixels of the chart's own box. */
  fontSize: number;
}

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const PALETTES: Record<ChartTheme, ChartPalette> = {
  dark: {
    text: '#e6f0ff',
    textMuted: '#9fb3d1',
    axis: '#5b7196',
    grid: 'rgba(120, 150, 200, 0.18)',
    background: '#0b1730',
    primary: '#38bdf8',
    comparison: '#64748b',
    accent: '#fbbf24',
    target: '#f472b6',
    trajectory: '#a78bfa',
    projection: '#fbbf24',
    published: '#34d399',
    track: 'rgba(148, 163, 184, 0.22)',
    mapFill: 'rgba(56, 189, 248, 0.10)',
    mapBorder: '#38bdf8',
    fontFamily: FONT,
    fontSize: 18,
  },
  light: {
    text: '#0f172a',
    textMuted: '#475569',
    axis: '#94a3b8',
    grid: '#e2e8f0',
    background: '#ffffff',
    primary: '#2563eb',
    comparison: '#94a3b8',
    accent: '#d97706',
    target: '#db2777',
    trajectory: '#7c3aed',
    projection: '#d97706',
    published: '#047857',
    track: '#e2e8f0',
    mapFill: '#eff6ff',
    mapBorder: '#2563eb',
    fontFamily: FONT,
    fontSize: 13,
  },
};
