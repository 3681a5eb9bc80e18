import { describe, expect, it } from 'vitest';
import { parseScreenConfig, SCREEN_DEFAULTS } from '../ui/screen/config';

describe('parseScreenConfig', () => {
  it('reads the playlist and timings from the URL', () => {
    expect(parseScreenConfig({ pages: 'overview,chains,projects', interval: '30', refresh: '20' })).toEqual({
      pages: ['overview', 'chains', 'projects'],
      intervalSec: 30,
      refreshSec: 20,
    });
  });

  it('falls back to the defaults and ignores unknown pages', () => {
    expect(parseScreenConfig({})).toEqual(SCREEN_DEFAULTS);
    expect(parseScreenConfig({ pages: 'nope,projects，projects' }).pages).toEqual(['projects']);
  });

  it('clamps timings to sane bounds', () => {
    const c = parseScreenConfig({ interval: '1', refresh: 'abc' });
    expect(c.intervalSec).toBe(5);
    expect(c.refreshSec).toBe(SCREEN_DEFAULTS.refreshSec);
    expect(parseScreenConfig({ refresh: '999999' }).refreshSec).toBe(3600);
  });
});
