import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorProgress } from '../api/contracts.js';
import { briefingCutoff, chineseNumber, noteRevisions, withNextSteps } from './build-briefing.js';
import { columnShares, documentDate, figureStatement, ytdSpan } from './briefing-text.js';
import type { BriefingDocument } from './briefing.types.js';

const names = new Map([['140404103', '西火镇']]);
const name = (code: string) => names.get(code) ?? code;

const coal = (overrides: Partial<IndicatorProgress> = {}): IndicatorProgress => ({
  code: 'coal_output',
  name: '原煤产量',
  unit: '万吨',
  kind: 'flow',
  frequency: 'monthly',
  direction: 'higher_is_better',
  chainCode: 'green_coal',
  departmentCode: 'energy',
  departmentName: '能源局',
  regionCode: '140404',
  period: '2026-10',
  dataAsOf: '2026-09',
  value: '1890.53',
  annualTarget: '3300',
  expected: '1782',
  timeProgressPct: 75,
  judgement: 'whole',
  likeForLike: null,
  completionPct: 57.29,
  gapPp: -17.71,
  status: 'red',
  score: 76.4,
  projection: null,
  lastYearValue: '1739.2',
  yoyPct: 8.7,
  flags: { sample: false, illustrativeTarget: false, incomplete: false, provisional: false },
  missingRegions: [],
  sentence: '',
  ...overrides,
});

describe('a figure in full, as a 通报 states it', () => {
  it('gives the period, the value, the target, completion, the 序时 gap and 同比', () => {
    expect(figureStatement(coal(), name)).toBe('原煤产量2026年1—9月累计1,890.5万吨，年度目标3,300万吨，完成57.3%，落后序时进度17.7个百分点，同比增长8.7%。');
  });

  it('says like for like when towns are missing, and names them', () => {
    const likeForLike = coal({
      judgement: 'like_for_like',
      likeForLike: { regions: [], excludedRegions: ['140404103'], share: '0.72', target: '2376', label: '同口径（不含西火镇）' },
      flags: { sample: false, illustrativeTarget: false, incomplete: true, provisional: false },
      missingRegions: ['140404103'],
      completionPct: 79.57,
      gapPp: 4.57,
      status: 'green',
    });
    expect(figureStatement(likeForLike, name)).toBe(
      '原煤产量2026年1—9月累计1,890.5万吨，为已报乡镇汇总（不含西火镇），年度目标3,300万吨，同口径完成79.6%，超过序时进度4.6个百分点，同口径同比增长8.7%。',
    );
    const pending = coal({ judgement: 'pending', status: 'pending', completionPct: null, gapPp: null, yoyPct: null, flags: likeForLike.flags, missingRegions: ['140404103'] });
    expect(figureStatement(pending, name)).toBe('原煤产量2026年1—9月累计1,890.5万吨，为已报乡镇汇总（西火镇未报），待补报后评价。');
  });

  it('states a stock against its plan value, and a missing figure as missing', () => {
    const mines = coal({ code: 'mines', name: '智能化煤矿', unit: '座', kind: 'stock', value: '3', expected: '2.75', completionPct: 109.09, gapPp: 9.09, status: 'green', yoyPct: 50 });
    expect(figureStatement(mines, name)).toBe('智能化煤矿截至2026年9月为3座，计划值2.75座，达到计划值的109.1%，同比增长50.0%。');
    expect(figureStatement(coal({ value: null, dataAsOf: null }), name)).toBe('原煤产量2026年10月暂无已审核数据。');
  });

  it('writes periods and dates as 公文 do', () => {
    expect(ytdSpan('2026-01')).toBe('2026年1月');
    expect(ytdSpan('2026-10')).toBe('2026年1—10月');
    // GB/T 9704-2012: Arabic numerals, the year in full, no leading zeros.
    expect(documentDate('2026-11-05')).toBe('2026年11月5日');
    expect([1, 9, 10, 11, 19, 20, 25].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十五']);
  });
});

describe('a month’s briefing over time', () => {
  const document = {
    sections: [
      { heading: '八、数据质量', blocks: [{ kind: 'paragraph', text: '1. 应报数据均已按期报送。' }] },
      { heading: '九、下步工作', blocks: [{ kind: 'paragraph', text: '（一）请能源局于2026年12月10日前分析原煤产量滞后原因。' }] },
    ],
    figures: [{ indicatorCode: 'coal_output', name: '原煤产量', unit: '万吨', dataAsOf: '2026-09', value: '1890.53' }],
    nextSteps: [],
  } as unknown as BriefingDocument;

  it('is final at 09:00 China time on day 11 of the next month, when the scheduled archive freezes it', () => {
    expect(briefingCutoff('2026-10').toISOString()).toBe('2026-11-11T01:00:00.000Z');
    expect(briefingCutoff('2026-12').toISOString()).toBe('2027-01-11T01:00:00.000Z');
  });

  it('notes a revision of a figure it stated, and only a revision of the same month', () => {
    expect(noteRevisions(document, [{ indicatorCode: 'coal_output', name: '原煤产量', unit: '万吨', dataAsOf: '2026-09', value: '1890.53' }])).toBe(document);
    expect(noteRevisions(document, [{ indicatorCode: 'coal_output', name: '原煤产量', unit: '万吨', dataAsOf: '2026-10', value: '2100' }])).toBe(document);
    const revised = noteRevisions(document, [{ indicatorCode: 'coal_output', name: '原煤产量', unit: '万吨', dataAsOf: '2026-09', value: '1900' }]);
    expect(revised.sections[0]!.blocks.at(-1)).toEqual({ kind: 'paragraph', text: '定稿后数据修订（不改变上文数字）：原煤产量2026年9月数据由1,890.5万吨修订为1,900万吨。' });
    expect(revised.figures).toEqual(document.figures);
  });

  it('takes the office’s own 下步工作 in place of the generated ones', () => {
    const edited = withNextSteps(document, [{ owners: ['西火镇'], action: '补报原煤产量8月数据', due: '本通报印发后5个工作日内' }]);
    expect(edited.sections[1]!.blocks).toEqual([{ kind: 'paragraph', text: '（一）请西火镇于本通报印发后5个工作日内补报原煤产量8月数据。' }]);
    expect(edited.sections[0]).toEqual(document.sections[0]);
  });
});

describe('how a printed table shares its width', () => {
  it('adds up to the whole line, gives numbers what they need and the text the rest (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ header: fc.string({ minLength: 1, maxLength: 8 }), numeric: fc.boolean() }), { minLength: 1, maxLength: 9 }),
        fc.array(fc.string({ maxLength: 60 }), { minLength: 1, maxLength: 5 }),
        (columns, texts) => {
          const rows = texts.map((text, r) => columns.map((c, i) => (c.numeric ? r * 10 + i : text)));
          const shares = columnShares({ columns: columns.map((c) => ({ header: c.header })), rows }, 48);
          expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
          for (const share of shares) expect(share).toBeGreaterThan(0);
        },
      ),
    );
  });
});
