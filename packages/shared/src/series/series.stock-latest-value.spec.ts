import { describe, expect, it } from 'vitest';
import { latestStock } from './aggregate.js';

describe('a stock is its latest value in time, never a sum over months', () => {
  const mines = [
    { period: '2024-09', value: '25' },
    { period: '2025-03', value: '27' },
    { period: '2024-12', value: '26' },
    { period: '2025-08', value: '30' },
  ] as const;

  it('takes the latest observation at or before asOf, whatever the input order', () => {
    expect(latestStock(mines, '2025-06')).toEqual({ period: '2025-03', value: '27' });
    expect(latestStock(mines, '2025-03')).toEqual({ period: '2025-03', value: '27' });
    expect(latestStock(mines, '2025-12')).toEqual({ period: '2025-08', value: '30' });
  });

  it('is null before the first observation', () => {
    expect(latestStock(mines, '2024-08')).toBeNull();
    expect(latestStock([], '2025-06')).toBeNull();
  });

  it('lets a later entry for the same period win', () => {
    expect(latestStock([{ period: '2025-03', value: '27' }, { period: '2025-03', value: '28.0' }], '2025-06')).toEqual({
      period: '2025-03',
      value: '28',
    });
  });
});
