import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FigureHistory, FigureVersion } from '@planwatch/shared';
import { describe, expect, it, vi } from 'vitest';

const history: FigureHistory = {
  indicator: { code: 'coal_output', name: '原煤产量', unit: '万吨' },
  region: { code: '140404103', name: '西火镇' },
  period: '2026-10',
  basis: 'month',
  versions: [],
};

vi.mock('../use-api', () => ({
  useApi: () => ({ data: history, error: null, loading: false, reload: () => undefined, setData: () => undefined }),
}));

const { HistoryView } = await import('./history-view');

const version = (revision: number, source: string): FigureVersion => ({
  id: `v${revision}`,
  revision,
  version: revision,
  status: 'superseded',
  basis: 'month',
  spanStart: null,
  value: String(80 + revision),
  previousValue: null,
  supersedesId: null,
  reason: null,
  note: null,
  sample: source === 'sample',
  createdBy: null,
  createdAt: '2026-11-01T01:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  batch: { id: `b-${source}`, source, status: 'loaded', departmentCode: null, reviewerDepartmentCode: null, fileName: null, fileSha256: null, reviewComment: null },
});

/** The hrefs of the rendered links (React escapes `&` in attributes). */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('修订记录 batch column', () => {
  it('links upload and online batches only; sample and data-interface versions are plain text', () => {
    history.versions = [version(1, 'sample'), version(2, 'etl'), version(3, 'upload'), version(4, 'online')];
    const html = renderToStaticMarkup(createElement(HistoryView, { indicator: 'coal_output', region: '140404103', period: '2026-10', basis: 'month' }));
    const batchLinks = hrefs(html).filter((h) => h.startsWith('/reporting/batches/'));
    expect(batchLinks).toEqual(['/reporting/batches/b-upload', '/reporting/batches/b-online']);
    expect(html).toContain('收件箱或数据接口导入');
    expect(html).toContain('示例数据');
    expect(html).not.toContain('/reporting/batches/b-etl');
  });
});

describe('修订记录 of a district sum of towns', () => {
  it('shows the towns’ versions behind the sum instead of "nothing reported"', () => {
    history.versions = [];
    history.components = [
      { region: { code: '140404103', name: '西火镇' }, versions: [version(1, 'sample'), version(2, 'online')] },
      { region: { code: '140404201', name: '西池乡' }, versions: [] },
    ];
    const html = renderToStaticMarkup(createElement(HistoryView, { indicator: 'coal_output', region: '140404', period: '2026-10', basis: null }));
    expect(html).not.toContain('该期没有任何版本');
    expect(html).toContain('全区数据为各乡镇数据之和');
    expect(html).toContain('西火镇 · 2026年10月');
    expect(html).toContain('西池乡该期尚未报送');
    expect(hrefs(html)).toContain('/reporting/batches/b-online');
    delete history.components;
  });
});
