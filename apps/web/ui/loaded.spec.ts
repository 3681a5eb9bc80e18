import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Loaded } from './loaded';

const render = (props: { data: string[] | undefined; error: Error | null; empty?: (data: string[]) => ReactNode }) =>
  renderToStaticMarkup(createElement(Loaded<string[]>, { ...props, failure: '任务加载失败', lines: 2, children: (data: string[]) => createElement('ul', null, data.join('、')) }));

describe('a panel body while its data loads', () => {
  it('says what failed, even when earlier data is at hand', () => {
    const html = render({ data: ['原煤产量'], error: new Error('网络中断') });
    expect(html).toContain('role="alert"');
    expect(html).toContain('任务加载失败');
    expect(html).toContain('网络中断');
    expect(html).not.toContain('<ul>');
  });

  it('holds the place until the data arrives', () => {
    expect(render({ data: undefined, error: null })).toContain('aria-busy="true"');
  });

  it('says there is nothing to show, or shows the content drawn from the data', () => {
    const empty = (data: string[]) => (data.length === 0 ? '本期没有需要本部门填报的指标。' : null);
    expect(render({ data: [], error: null, empty })).toContain('本期没有需要本部门填报的指标。');
    expect(render({ data: ['原煤产量', '煤炭销量'], error: null, empty })).toBe('<ul>原煤产量、煤炭销量</ul>');
  });
});
