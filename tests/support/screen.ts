/**
 * The wall screen's overview page is rendered with data when its charts have canvases and its
 * panels say what their data is as of (数据截至). Runs in the page (passed to waitForFunction).
 */
export const SCREEN_RENDERED = (minCharts: number): boolean =>
  document.querySelectorAll('#pw-stage canvas').length >= minCharts && (document.querySelector('#pw-stage')?.textContent ?? '').includes('数据截至');
