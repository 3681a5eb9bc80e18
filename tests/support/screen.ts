/**
 * The wall screen's overview page is rendered with data when its page script runs (it keeps
 * itself current from then on), its charts are drawn (the server's SVG first frame or the
 * browser's canvas) and its panels say what their data is as of (数据截至). Runs in the page
 * (passed to waitForFunction).
 */
export const SCREEN_RENDERED = (minCharts: number): boolean =>
  document.querySelector('#pw-stage[data-live=true]') !== null &&
  document.querySelectorAll('#pw-stage [data-chart=frame] svg, #pw-stage [data-chart=live] canvas').length >= minCharts &&
  (document.querySelector('#pw-stage')?.textContent ?? '').includes('数据截至');
