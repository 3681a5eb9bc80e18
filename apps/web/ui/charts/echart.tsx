'use client';
/**
 * The one ECharts wrapper. Registers only the chart types and components the app uses (tree
 * shaken through `echarts/core`), resizes with its container, disposes on unmount, and
 * updates in place (`notMerge: false, lazyUpdate: true`) so refreshes never flicker. Series,
 * geo, title and y axes carry ids and are replace-merged (UPDATE_OPTIONS): those that
 * disappear from the option disappear from the chart, the others update in place.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { UPDATE_OPTIONS } from './echart-update';
import type { ChartMap, ChartOption } from './types';
import styles from './echart.module.css';

echarts.use([
  BarChart,
  LineChart,
  GaugeChart,
  MapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  GeoComponent,
  CanvasRenderer,
]);

/** Maps are registered once per GeoJSON object (registerMap is global to echarts). */
const registered = new Map<string, object>();
function ensureMaps(maps: readonly ChartMap[] | undefined): void {
  for (const map of maps ?? []) {
    if (registered.get(map.name) === map.geoJSON) continue;
    echarts.registerMap(map.name, map.geoJSON as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.set(map.name, map.geoJSON);
  }
}

export interface EChartClickParams {
  seriesId?: string;
  name: string;
  data: unknown;
}

export interface EChartProps {
  option: ChartOption;
  /** Maps the option refers to (registered before it is set). */
  maps?: readonly ChartMap[];
  /** Accessible description of what the chart shows. */
  ariaLabel: string;
  className?: string;
  style?: CSSProperties;
  /**
   * Canvas pixels per CSS pixel. The wall screen passes devicePixelRatio × its scale so charts
   * stay sharp when the 1920×1080 stage is scaled up to 4K. Changing it re-creates the chart.
   */
  pixelRatio?: number;
  /** Offer a PNG download button (off on the wall screen). File name without extension. */
  exportName?: string;
  /** Background of the exported PNG. */
  exportBackground?: string;
  onClick?: (params: EChartClickParams) => void;
}

export function EChart({ option, maps, ariaLabel, className, style, pixelRatio, exportName, exportBackground, onClick }: EChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  const optionRef = useRef(option);
  const mapsRef = useRef(maps);
  const [ready, setReady] = useState(false);

  clickRef.current = onClick;
  optionRef.current = option;
  mapsRef.current = maps;

  // Create (and re-create only when the pixel ratio changes), observe size, dispose.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = echarts.init(host, undefined, {
      renderer: 'canvas',
      devicePixelRatio: pixelRatio ?? (typeof window === 'undefined' ? 1 : window.devicePixelRatio),
      locale: 'ZH',
    });
    chartRef.current = chart;
    ensureMaps(mapsRef.current);
    chart.setOption(optionRef.current);
    chart.on('click', (params) => {
      const p = params as { seriesId?: string; name?: string; data?: unknown };
      clickRef.current?.({ seriesId: p.seriesId, name: p.name ?? '', data: p.data });
    });

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!chart.isDisposed()) chart.resize();
      });
    });
    observer.observe(host);
    setReady(true);

    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.off('click');
      chart.dispose();
      chartRef.current = null;
      setReady(false);
    };
  }, [pixelRatio]);

  // Update in place when the option (or its maps) change.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || chart.isDisposed() || !ready) return;
    ensureMaps(maps);
    chart.setOption(option, UPDATE_OPTIONS);
  }, [option, maps, ready]);

  const exportPng = () => {
    const chart = chartRef.current;
    if (!chart || !exportName) return;
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: exportBackground ?? '#ffffff' });
    const link = document.createElement('a');
    link.href = url;
    link.download = `${exportName}.png`;
    link.click();
  };

  return (
    <div className={`${styles.wrap} ${className ?? ''}`} style={style}>
      <div ref={hostRef} className={styles.host} role="img" aria-label={ariaLabel} />
      {exportName ? (
        <button type="button" className={styles.export} onClick={exportPng} title="导出为PNG图片">
          导出PNG
        </button>
      ) : null}
    </div>
  );
}
