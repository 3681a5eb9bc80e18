import { readFileSync } from 'node:fs';
import { parsePlan } from '@planwatch/shared';
import { describe, expect, it } from 'vitest';
import { TEST_CATALOG } from '../testing/catalog.js';
import { CatalogIndex } from './catalog.js';

const index = new CatalogIndex(TEST_CATALOG);
const region = (name: string): string => {
  const m = index.region({ name });
  return m.ok ? m.item.code : m.reason;
};

describe('region names with aliases', () => {
  it.each([
    ['郝家庄镇', '140404106'],
    ['郝家庄', '140404106'],
    ['长治县郝家庄镇', '140404106'],
    ['长治县郝家庄', '140404106'],
    ['上党区郝家庄镇', '140404106'],
    [' 郝 家 庄 镇 ', '140404106'],
    ['郝家庄镇\u3000', '140404106'],
    ['韩店', '140404001'],
    ['韩店街道办事处', '140404001'],
    ['西池', '140404201'],
    ['上党区', '140404'],
    ['长治县', '140404'],
    ['上党经开区', '140404401'],
    ['长治经开区', '140404406'],
    ['振兴小镇', '140404400'],
    ['荫城镇', '140404102'],
    ['荫城园区', 'P-YC-EQUIP'],
    ['１４０４０４１０６', '140404106'],
  ])('%s → %s', (name, code) => {
    expect(region(name)).toBe(code);
  });

  it('codes, including the 12-digit 统计用区划代码 and full-width digits', () => {
    for (const code of ['140404106', '140404106000', '１４０４０４１０６']) {
      const m = index.region({ code });
      expect(m.ok && m.item.name).toBe('郝家庄镇');
    }
    expect(index.region({ code: '140404000000' })).toMatchObject({ ok: true, item: { name: '上党区' } });
    expect(index.region({ code: '999' })).toEqual({ ok: false, byCode: true, value: '999', reason: '地区编码"999"不存在' });
  });

  it('a loose name matching two regions is an error, never a guess', () => {
    expect(region('荫城')).toBe('"荫城"同时匹配"荫城镇"、"先进装备制造园"，请使用地区编码');
  });

  it('an unknown name is an error', () => {
    expect(region('郝家')).toBe('地区"郝家"无法识别');
  });

  it('code and name must agree when both are given', () => {
    expect(index.region({ code: '140404106', name: '郝家庄' })).toMatchObject({ ok: true });
    expect(index.region({ code: '140404106', name: '西池乡' })).toMatchObject({ ok: false, reason: '地区编码"140404106"（郝家庄镇）与地区名称"西池乡"不一致' });
    // An ambiguous name is fine when the code settles it.
    expect(index.region({ code: '140404102', name: '荫城' })).toMatchObject({ ok: true, item: { name: '荫城镇' } });
  });
});

describe('region names against the real plan (plan/shangdang.plan.yaml)', () => {
  const plan = parsePlan(readFileSync(new URL('../../../../plan/shangdang.plan.yaml', import.meta.url), 'utf8'));
  const planIndex = new CatalogIndex({
    indicators: [],
    regions: plan.regions.map((r) => ({ code: r.code, name: r.name, kind: r.kind, aliases: r.aliases })),
  });
  const planRegion = (name: string): string => {
    const m = planIndex.region({ name });
    return m.ok ? m.item.code : m.reason;
  };

  it('the plan has the regions these cases are about', () => {
    const byCode = new Map(plan.regions.map((r) => [r.code, r]));
    expect(byCode.get('140404401')?.aliases).toContain('上党区经济技术开发区');
    expect(byCode.get('140404406')?.name).toBe('长治市经济技术开发区上党区部分');
  });

  it('"长治市经济技术开发区" is not the 上党 zone: "长治市" is only stripped before a town\'s name', () => {
    const m = planIndex.region({ name: '长治市经济技术开发区' });
    expect(m).toEqual({ ok: false, byCode: false, value: '长治市经济技术开发区', reason: '地区"长治市经济技术开发区"无法识别' });
    for (const name of [' 长治市 经济技术开发区 ', '长治市经济技术开发区\u3000', '经济技术开发区', '长治县经济技术开发区']) {
      expect(planRegion(name)).toBe(`地区"${name}"无法识别`);
    }
    // With its code, the name must still agree: it names no region, so the code alone decides.
    expect(planIndex.region({ code: '140404406', name: '长治市经济技术开发区' })).toMatchObject({ ok: true, item: { code: '140404406' } });
  });

  it.each([
    // Full names and aliases, every one under its full key.
    ['上党经济技术开发区', '140404401'],
    ['上党区经济技术开发区', '140404401'],
    ['上党经开区', '140404401'],
    ['长治市经济技术开发区上党区部分', '140404406'],
    ['长治经开区上党区部分', '140404406'],
    ['长治经开区（上党区）', '140404406'],
    ['长治经开区(上党区)', '140404406'],
    ['长治县', '140404'],
    ['长治市上党区', '140404'],
    ['振兴小镇', '140404400'],
    ['长治经开区郝家庄镇片区', 'P140404-04'],
    // Towns: the 长治县 / 上党区 prefix, a missing or other suffix.
    ['长治县郝家庄镇', '140404106'],
    ['郝家庄', '140404106'],
    ['郝家庄镇', '140404106'],
    ['郝家庄乡', '140404106'],
    ['长治县郝家庄', '140404106'],
    ['上党区郝家庄镇', '140404106'],
    ['长治市上党区郝家庄镇', '140404106'],
    ['山西省长治市长治县郝家庄镇', '140404106'],
    ['长治县西火', '140404103'],
    ['长治县西火镇', '140404103'],
    ['西火', '140404103'],
    ['上党区西火乡', '140404103'],
    ['韩店街道办事处', '140404001'],
    ['长治县韩店', '140404001'],
    ['上党区东和', '140404203'],
    // Full width and stray spaces.
    [' 长治县 郝家庄镇 ', '140404106'],
    ['长治县\u3000郝 家 庄', '140404106'],
    ['\u3000上党区 经济技术 开发区\u3000', '140404401'],
    ['长治县　西火', '140404103'],
    ['１４０４０４１０６', '140404106'],
    ['１４０４０４４０１', '140404401'],
  ])('%s → %s', (name, code) => {
    expect(planRegion(name)).toBe(code);
  });

  it('a prefix before anything but a town\'s name is not stripped', () => {
    for (const name of ['长治县上党经开区', '上党区振兴小镇片区', '长治市先进装备制造园', '长治县郝家']) {
      expect(planRegion(name)).toBe(`地区"${name}"无法识别`);
    }
  });
});

describe('region matching rules', () => {
  const regions = (list: [string, string, string[]][]): CatalogIndex =>
    new CatalogIndex({ indicators: [], regions: list.map(([code, name, aliases]) => ({ code, name, kind: 'town', aliases })) });

  it('a full name or alias wins over a prefix-stripped form', () => {
    // "长治县南村" is region B's own alias; stripped, "南村" would be A's town name without its suffix.
    const index = regions([
      ['A', '南村镇', []],
      ['B', '长治县南村', []],
    ]);
    expect(index.region({ name: '长治县南村' })).toMatchObject({ ok: true, item: { code: 'B' } });
    expect(index.region({ name: '上党区南村' })).toMatchObject({ ok: true, item: { code: 'A' } });
  });

  it('a prefix-stripped town name shared by two regions is an error naming both', () => {
    const index = regions([
      ['A', '南村镇', []],
      ['B', '南村乡', ['长治县南村乡']],
    ]);
    expect(index.region({ name: '长治县南村' })).toEqual({
      ok: false,
      byCode: false,
      value: '长治县南村',
      reason: '"长治县南村"同时匹配"南村镇"、"南村乡"，请使用地区编码',
    });
    // The exact name settles it.
    expect(index.region({ name: '长治县南村乡' })).toMatchObject({ ok: true, item: { code: 'B' } });
    expect(index.region({ name: '南村镇' })).toMatchObject({ ok: true, item: { code: 'A' } });
  });

  it('two regions under one full alias is an error, whichever the rule', () => {
    const index = regions([
      ['A', '甲开发区', ['开发区']],
      ['B', '乙开发区', ['开发区']],
    ]);
    expect(index.region({ name: '开发区' })).toMatchObject({ ok: false, reason: '"开发区"同时匹配"甲开发区"、"乙开发区"，请使用地区编码' });
    expect(index.region({ name: '长治市开发区' })).toMatchObject({ ok: false, reason: '地区"长治市开发区"无法识别' });
  });
});

describe('indicators by code or name', () => {
  it('exact after normalising: width, spaces, case, "其中：", numbering, a trailing unit', () => {
    for (const name of ['原煤产量', ' 原 煤 产 量 ', '其中：原煤产量', '1、原煤产量', '（一）原煤产量', '原煤产量（万吨）', '原煤']) {
      expect(index.indicator({ name })).toMatchObject({ ok: true, item: { code: 'COAL_OUTPUT' } });
    }
    expect(index.indicator({ name: '原煤产量(吨)' })).toMatchObject({ ok: true, unitHint: '吨' });
    expect(index.indicator({ code: 'coal_output' })).toMatchObject({ ok: true, item: { code: 'COAL_OUTPUT' } });
  });

  it('unknown, ambiguous, contradictory', () => {
    expect(index.indicator({ name: '原煤产' })).toMatchObject({ ok: false, reason: '指标"原煤产"无法识别' });
    expect(index.indicator({ code: 'NOPE' })).toMatchObject({ ok: false, reason: '指标编码"NOPE"不存在' });
    expect(index.indicator({ code: 'FAI', name: '原煤产量' })).toMatchObject({ ok: false, reason: '指标编码"FAI"（固定资产投资）与指标名称"原煤产量"不一致' });
    const twins = new CatalogIndex({
      regions: [],
      indicators: [
        { code: 'A', name: '产量', unit: '吨', kind: 'flow', nonNegative: true, regionCodes: [] },
        { code: 'B', name: '产量', unit: '吨', kind: 'flow', nonNegative: true, regionCodes: [] },
      ],
    });
    expect(twins.indicator({ name: '产量' })).toMatchObject({ ok: false, reason: '指标"产量"同时匹配"产量"、"产量"，请使用指标编码' });
    expect(twins.indicator({ code: 'B', name: '产量' })).toMatchObject({ ok: true, item: { code: 'B' } });
  });
});
