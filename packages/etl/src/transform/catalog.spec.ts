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
        { code: 'A', name: '产量', unit: '吨', kind: 'flow', nonNegative: true },
        { code: 'B', name: '产量', unit: '吨', kind: 'flow', nonNegative: true },
      ],
    });
    expect(twins.indicator({ name: '产量' })).toMatchObject({ ok: false, reason: '指标"产量"同时匹配"产量"、"产量"，请使用指标编码' });
    expect(twins.indicator({ code: 'B', name: '产量' })).toMatchObject({ ok: true, item: { code: 'B' } });
  });
});
