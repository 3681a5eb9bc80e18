import { describe, expect, it } from 'vitest';
import { indicatorHref, withPeriod } from './period-link';

describe('withPeriod', () => {
  it('adds the period to a bare path', () => {
    expect(withPeriod('/chains/green_coal', '2025-03')).toBe('/chains/green_coal?period=2025-03');
  });

  it('leaves the link alone without a period (the page then loads the latest month)', () => {
    expect(withPeriod('/regions/140404102', undefined)).toBe('/regions/140404102');
    expect(withPeriod('/regions/140404102', null)).toBe('/regions/140404102');
    expect(withPeriod('/indicators/coal_output?region=140404102', undefined, 'to')).toBe('/indicators/coal_output?region=140404102');
  });

  it('keeps the other query parameters and the hash, and replaces an old period', () => {
    expect(withPeriod('/indicators/coal_output?region=140404102', '2025-03', 'to')).toBe('/indicators/coal_output?region=140404102&to=2025-03');
    expect(withPeriod('/overview?period=2024-12#regions', '2025-03')).toBe('/overview?period=2025-03#regions');
  });

  it('uses the parameter the target page reads', () => {
    expect(withPeriod('/indicators/coal_output', '2025-03', 'to')).toBe('/indicators/coal_output?to=2025-03');
  });
});

describe('indicatorHref', () => {
  it('maps the period to `to`, with or without a region', () => {
    expect(indicatorHref('coal_output', { period: '2025-03' })).toBe('/indicators/coal_output?to=2025-03');
    expect(indicatorHref('coal_output', { region: '140404102', period: '2025-03' })).toBe('/indicators/coal_output?region=140404102&to=2025-03');
  });

  it('is the plain link without a period', () => {
    expect(indicatorHref('coal_output')).toBe('/indicators/coal_output');
    expect(indicatorHref('coal_output', { region: '140404102' })).toBe('/indicators/coal_output?region=140404102');
  });
});
