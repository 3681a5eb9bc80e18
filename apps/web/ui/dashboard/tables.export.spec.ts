import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { project } from '../../test/fixtures';
import { ProjectsTable } from './tables';


describe('tables export what was reported, not what the page rounded', () => {
  it('carries every digit of the investment figures for 导出XLSX', () => {
    const html = renderToStaticMarkup(createElement(ProjectsTable, { projects: [project] }));
    for (const exact of ['12345.67', '3000.5', '1234.567']) expect(html).toContain(`data-xlsx="${exact}"`);
  });
});
