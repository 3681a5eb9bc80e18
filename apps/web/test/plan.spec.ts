import { describe, expect, it } from 'vitest';
import { chainGraph, regionTree, shortRegionName } from '../lib/plan';

describe('plan helpers', () => {
  it('shortens long zone names for map labels', () => {
    expect(shortRegionName({ name: '荫城镇', aliases: ['荫城'] })).toBe('荫城镇');
    expect(shortRegionName({ name: '上党经济技术开发区', aliases: ['上党经开区', '上党开发区', '上党区经济技术开发区'] })).toBe('上党经开区');
    expect(shortRegionName({ name: '长治市经济技术开发区上党区部分', aliases: ['长治经开区上党区部分', '长治经济技术开发区上党区部分', '长治经开区（上党区）'] })).toBe('长治经开区');
    expect(shortRegionName({ name: '振兴乡村生态文化旅游区', aliases: ['振兴小镇', '振兴新区', '振兴乡村旅游区'] })).toBe('振兴小镇');
  });

  it('builds the region tree under the district', () => {
    const tree = regionTree([
      { code: 'd', name: '区', kind: 'district', parentCode: null, aliases: [], schematic: null },
      { code: 't', name: '镇', kind: 'town', parentCode: 'd', aliases: [], schematic: null },
      { code: 'p', name: '园', kind: 'park', parentCode: 't', aliases: [], schematic: null },
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.children[0]!.children[0]!.region.code).toBe('p');
  });

  it('reads the chain graph defensively', () => {
    const g = chainGraph({
      upstream: [{ name: '开采', enterprises: ['经坊煤矿'], regions: ['140404201', '140404103'], illustrativePlaces: ['140404103'] }],
      midstream: ['加工'],
      downstream: null,
    });
    expect(g.upstream[0]).toEqual({ name: '开采', enterprises: ['经坊煤矿'], parks: [], regions: ['140404201', '140404103'], illustrativePlaces: ['140404103'] });
    expect(g.midstream[0]!.name).toBe('加工');
    expect(g.downstream).toEqual([]);
    expect(chainGraph(undefined).upstream).toEqual([]);
  });
});
