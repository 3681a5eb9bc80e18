import { describe, expect, it } from 'vitest';
import { clampToDial, kpiGaugeOption } from './kpi-gauge.option';

type Series = { id: string; data: Array<{ value: number }>; progress?: { itemStyle: { color: string } }; pointer: { show: boolean }; detail: { formatter?: () => string } };

describe('kpiGaugeOption', () => {
  it('puts completion on the arc and time progress on the needle (worked example: 47.88 % vs 50 %)', () => {
    const option = kpiGaugeOption({ completionPct: 47.88, timeProgressPct: 50, status: 'yellow', theme: 'dark' });
    const [arc, needle] = option.series as Series[];
    expect(arc!.id).toBe('completion');
    expect(arc!.data[0]!.value).toBe(47.88);
    expect(arc!.detail.formatter!()).toBe('47.9%');
    expect(needle!.data[0]!.value).toBe(50);
    expect(needle!.pointer.show).toBe(true);
  });

  it('colours the arc by status (the card also shows icon and text)', () => {
    const red = kpiGaugeOption({ completionPct: 10, timeProgressPct: 50, status: 'red', theme: 'light' });
    const green = kpiGaugeOption({ completionPct: 60, timeProgressPct: 50, status: 'green', theme: 'light' });
    const color = (o: typeof red) => (o.series as Series[])[0]!.progress!.itemStyle.color;
    expect(color(red)).not.toBe(color(green));
  });

  it('keeps an over-achiever on the dial but shows the real figure', () => {
    const option = kpiGaugeOption({ completionPct: 130.5, timeProgressPct: 50, status: 'green', theme: 'dark' });
    const [arc] = option.series as Series[];
    expect(arc!.data[0]!.value).toBe(100);
    expect(arc!.detail.formatter!()).toBe('130.5%');
  });

  it('shows a dash and no needle without data', () => {
    const option = kpiGaugeOption({ completionPct: null, timeProgressPct: null, status: 'no_data', theme: 'dark' });
    const [arc, needle] = option.series as Series[];
    expect(arc!.data[0]!.value).toBe(0);
    expect(arc!.detail.formatter!()).toBe('—');
    expect(needle!.pointer.show).toBe(false);
  });

  it('clampToDial handles NaN and negatives', () => {
    expect(clampToDial(Number.NaN)).toBe(0);
    expect(clampToDial(-3)).toBe(0);
  });
});
