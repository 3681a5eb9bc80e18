/**
 * How the EChart wrapper applies a changed option to a live chart. Pure data, no echarts
 * runtime, so the rule can be tested without a browser.
 *
 * A normal merge keeps every component the new option leaves out, so a chart that changes
 * shape would keep drawing the old parts: the town map switching from the schematic (county
 * outline `geo`, caption `title`) to the township GeoJSON (neither) kept the outline, and the
 * indicator trend switching from 当月 (two value axes) to 累计 (one) kept the second axis. The
 * component types listed here are therefore replaced by what the new option has: a component
 * that disappears from the option disappears from the chart. Those with the same `id` are
 * still merged into the existing component, so a refresh of the same chart (the wall screen's
 * polling) updates series, outline and axes in place and animates instead of redrawing. That is
 * why option builders give an `id` to every series and to every component of these types.
 */
import type { SetOptionOpts } from 'echarts/core';

/** The component types option builders vary between calls (see the *.option.ts builders). */
export const REPLACED_COMPONENTS = ['series', 'geo', 'title', 'yAxis'] as const;

/** setOption options for updates after the first: in place, one redraw per frame. */
export const UPDATE_OPTIONS: SetOptionOpts = { notMerge: false, lazyUpdate: true, replaceMerge: [...REPLACED_COMPONENTS] };
