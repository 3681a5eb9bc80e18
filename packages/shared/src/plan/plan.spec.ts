import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ALERT_TYPES } from '../domain/types.js';
import { PlanValidationError, parsePlan, type NormalizedPlan, type PlanIssue } from './index.js';

const repoFile = (relative: string) => fileURLToPath(new URL(`../../../../${relative}`, import.meta.url));
const PLAN_PATH = repoFile('plan/shangdang.plan.yaml');
const planText = readFileSync(PLAN_PATH, 'utf8');
const plan: NormalizedPlan = parsePlan(planText);
/** The source documents shipped beside the plan. */
const documents = Object.fromEntries(plan.sources.map((s) => [s.id, readFileSync(repoFile(`plan/${s.document}`), 'utf8')]));

/** Parses the real file as plain data, lets the test break it, and returns the issues. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary YAML
function issuesAfter(mutate: (raw: any) => void): PlanIssue[] {
  const raw = parseYaml(planText);
  mutate(raw);
  try {
    parsePlan(stringifyYaml(raw));
  } catch (error) {
    expect(error).toBeInstanceOf(PlanValidationError);
    return [...(error as PlanValidationError).issues];
  }
  throw new Error('expected the mutated plan to be rejected');
}
const lines = (issues: PlanIssue[]) => issues.map((i) => `${i.path}: ${i.message}`);

describe('the shipped plan file', () => {
  it('parses, with a version and the plan horizon', () => {
    expect(plan.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(plan.plan).toEqual({
      name: '长治市上党区产业布局专项规划（2021-2035年）',
      region: '140404',
      baseYear: 2021,
      nearTermYear: 2025,
      targetYear: 2035,
      visionYear: 2050,
      currentYear: 2026,
    });
    expect(plan.sources.map((s) => [s.id, s.year])).toEqual([
      ['plan2021', null],
      ['article2024', 2024],
    ]);
  });

  it('has every region of DOMAIN.md with its exact code, name and kind, plus the parks and areas the sources name', () => {
    const expected: Array<[string, string, string]> = [
      ['140404', '上党区', 'district'],
      ['140404001', '韩店街道', 'subdistrict'],
      ['140404101', '苏店镇', 'town'],
      ['140404102', '荫城镇', 'town'],
      ['140404103', '西火镇', 'town'],
      ['140404104', '八义镇', 'town'],
      ['140404106', '郝家庄镇', 'town'],
      ['140404107', '南宋镇', 'town'],
      ['140404201', '西池乡', 'township'],
      ['140404202', '北呈乡', 'township'],
      ['140404203', '东和乡', 'township'],
      ['140404400', '振兴乡村生态文化旅游区', 'special_zone'],
      ['140404401', '上党经济技术开发区', 'development_zone'],
      ['140404406', '长治市经济技术开发区上党区部分', 'development_zone'],
    ];
    for (const [code, name, kind] of expected) {
      expect(plan.regions.find((r) => r.code === code), code).toMatchObject({ name, kind, parent: code === '140404' ? null : '140404' });
    }
    const parks = plan.regions.filter((r) => r.kind === 'park');
    expect(parks.map((p) => p.name).sort()).toEqual(['先进医药健康产业园', '先进装备制造园', '现代物流园', '长治经开区郝家庄镇片区', '高铁站片区', '太行山物流园区'].sort());
    expect(parks.find((p) => p.name === '先进装备制造园')).toMatchObject({ parent: '140404401', town: '140404102' });
    expect(parks.find((p) => p.name === '长治经开区郝家庄镇片区')).toMatchObject({ parent: '140404406', town: '140404106' });
    // The sources put the logistics and medicine parks in the 上党经开区 but in no town.
    expect(parks.find((p) => p.name === '现代物流园')).toMatchObject({ parent: '140404401', town: null });
    expect(parks.find((p) => p.name === '先进医药健康产业园')).toMatchObject({ parent: '140404401', town: null });
    expect(parks.find((p) => p.name === '高铁站片区')).toMatchObject({ parent: '140404', town: null, schematic: null });
    expect(plan.regions.find((r) => r.code === '140404')?.aliases).toContain('长治县');
    expect(plan.regions.find((r) => r.code === '140404106')?.aliases).toEqual(expect.arrayContaining(['郝家庄', '长治县郝家庄镇']));
    for (const r of plan.regions.filter((x) => x.kind !== 'park')) {
      expect(r.schematic?.x, r.code).toBeGreaterThanOrEqual(0);
      expect(r.schematic?.y, r.code).toBeLessThanOrEqual(1);
    }
    const at = (code: string) => plan.regions.find((r) => r.code === code)?.schematic ?? { x: NaN, y: NaN };
    const centre = at('140404001');
    for (const north of ['140404106', '140404101']) expect(at(north).y).toBeLessThan(centre.y);
    for (const south of ['140404103', '140404107', '140404102', '140404104']) expect(at(south).y).toBeGreaterThan(centre.y);
  });

  it('names a department for every bureau task and every town and zone', () => {
    for (const code of ['energy', 'industry', 'development_reform', 'statistics', 'commerce', 'culture_tourism', 'agriculture', 'health']) {
      expect(plan.departments.find((d) => d.code === code), code).toMatchObject({ kind: 'bureau', region: '140404' });
    }
    expect(plan.departments.find((d) => d.code === 'energy')?.name).toBe('能源局');
    expect(plan.departments.find((d) => d.code === 'industry')?.name).toBe('工信局');
    expect(plan.departments.find((d) => d.code === 'development_reform')?.name).toBe('发改局');
    for (const r of plan.regions.filter((x) => !['district', 'park'].includes(x.kind))) {
      expect(plan.departments.some((d) => d.region === r.code), r.name).toBe(true);
    }
  });

  it('has the six chains in order, six services and agriculture, each with a full graph and a summary from the plan', () => {
    const chains = plan.chains.filter((c) => c.kind === 'chain').sort((a, b) => a.order - b.order);
    expect(chains.map((c) => c.code)).toEqual(['green_coal', 'digital_equipment', 'medicine', 'nev', 'pv', 'recycling']);
    expect(chains.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.chains.filter((c) => c.kind === 'service').map((c) => c.code).sort()).toEqual(
      ['culture_tourism', 'health_wellness', 'innovation_services', 'modern_commerce', 'smart_logistics', 'vocational_education'].sort(),
    );
    expect(plan.chains.filter((c) => c.kind === 'agriculture').map((c) => c.code)).toEqual(['agriculture']);
    // The four coal towns, the towns around the city core and the green-coal area of the 荫城 park.
    expect(plan.chains.find((c) => c.code === 'green_coal')?.regions.sort()).toEqual(
      ['140404102', '140404103', '140404104', '140404107', '140404201', '140404202', '140404203'].sort(),
    );
    for (const c of plan.chains) {
      expect(c.graph.upstream.length * c.graph.midstream.length * c.graph.downstream.length, c.code).toBeGreaterThan(0);
      // 职业教育 is the one service the sources place nowhere.
      if (c.code !== 'vocational_education') expect(c.regions.length, c.code).toBeGreaterThan(0);
      expect(documents.plan2021?.replace(/\s+/g, ''), c.code).toContain(c.summary.replace(/\s+/g, '').replace(/。$/, ''));
    }
    const pv = plan.chains.find((c) => c.code === 'pv');
    expect(pv?.graph.upstream.some((n) => n.name.includes('纯碱') && n.name.includes('石英砂'))).toBe(true);
    expect(pv?.graph.midstream.some((n) => n.enterprises.some((e) => e.includes('日盛达')))).toBe(true);
    const nev = plan.chains.find((c) => c.code === 'nev');
    expect(nev?.graph.midstream.some((n) => n.enterprises.includes('成功汽车制造有限公司'))).toBe(true);
  });

  it('has at least 40 indicators covering every chain, service and agriculture', () => {
    expect(plan.indicators.length).toBeGreaterThanOrEqual(40);
    for (const c of plan.chains) {
      expect(plan.indicators.some((x) => x.chain === c.code), c.code).toBe(true);
    }
    expect(new Set(plan.indicators.map((x) => x.code)).size).toBe(plan.indicators.length);
    expect(plan.indicators.filter((x) => x.regions.length > 0 && !x.districtReported).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the required indicator codes with exactly their meanings', () => {
    const expectations = {
      coal_output: { name: '原煤产量', unit: '万吨', kind: 'flow', frequency: 'monthly', department: 'energy', chain: 'green_coal' },
      pv_glass_output: { name: '光伏玻璃产量', unit: '万平方米', kind: 'flow', frequency: 'monthly', department: 'industry', chain: 'pv' },
      key_project_investment: { name: '重点项目完成投资', unit: '万元', kind: 'flow', frequency: 'monthly', department: 'development_reform', chain: null },
      intelligent_mines: { name: '智能化煤矿', unit: '座', kind: 'stock', department: 'energy' },
      advanced_capacity_share: { name: '煤炭先进产能占比', unit: '%', kind: 'ratio', department: 'energy' },
      energy_per_output: { name: '单位工业增加值能耗', unit: '吨标准煤/万元', kind: 'ratio', direction: 'lower_is_better' },
      vehicles_dismantled: { name: '报废机动车拆解量', unit: '辆', kind: 'flow', frequency: 'monthly', chain: 'recycling' },
      gangue_utilized: { name: '煤矸石综合利用量', unit: '万吨', kind: 'flow', frequency: 'monthly', chain: 'recycling' },
    };
    for (const [code, meaning] of Object.entries(expectations)) {
      expect(plan.indicators.find((x) => x.code === code), code).toMatchObject(meaning);
    }
    expect(plan.indicators.find((x) => x.code === 'coal_output')?.regions.sort()).toEqual(['140404103', '140404104', '140404107', '140404201']);
  });

  it('fills indicator defaults', () => {
    const sales = plan.indicators.find((x) => x.code === 'coal_sales');
    expect(sales).toMatchObject({ regions: [], districtReported: true, thresholds: { green: 0, yellow: -5 }, nonNegative: true, ratio: null, weight: 1, dimension: 'mass' });
    expect(plan.indicators.find((x) => x.code === 'advanced_capacity_share')?.ratio).toEqual({ numerator: 'coal_advanced_capacity', denominator: 'coal_capacity' });
    expect(plan.indicators.find((x) => x.code === 'industrial_value_added_growth')?.nonNegative).toBe(false);
  });

  it('gives every indicator a 2021 baseline, 2025 and 2035 anchors and a 2026 annual target at district level', () => {
    for (const x of plan.indicators) {
      const rows = plan.targets.filter((t) => t.indicator === x.code && t.region === '140404');
      expect(rows.find((t) => t.baseline)?.year, x.code).toBe(2021);
      expect(rows.some((t) => t.year === 2025 && t.anchor && t.annual), x.code).toBe(true);
      expect(rows.some((t) => t.year === 2035 && t.anchor), x.code).toBe(true);
      expect(rows.some((t) => t.year === 2026 && t.annual && !t.anchor), x.code).toBe(true);
      for (const t of rows) {
        expect(t.illustrative || t.source !== null, `${x.code} ${t.year}`).toBe(true);
        // An illustrative target that quotes a source says what about it is illustrative.
        if (t.illustrative && t.source !== null) expect(t.source.note, `${x.code} ${t.year}`).toBeTruthy();
      }
    }
  });

  it('takes targets only for the years the sources give, and the rest as illustrative', () => {
    const cited = (code: string, year: number) => plan.targets.find((t) => t.indicator === code && t.region === '140404' && t.year === year);
    // 确保全年…稳定在3300万吨 is the article's own year; carried on, it is illustrative.
    expect(cited('coal_output', 2024)).toMatchObject({ value: '3300', illustrative: false, anchor: false, annual: true, source: { id: 'article2024', quote: '确保全年煤炭产量稳定在3300万吨' } });
    expect(cited('coal_output', 2025)).toMatchObject({ value: '3300', illustrative: true, source: { quote: '确保全年煤炭产量稳定在3300万吨' } });
    // What the article reports as already built is no target at all.
    for (const code of ['intelligent_mines', 'intelligent_mining_faces', 'green_mines', 'safe_efficient_mines', 'advanced_capacity_share']) {
      expect(cited(code, 2025), code).toMatchObject({ illustrative: true, source: null });
    }
    // Capacities once built (全面投产后, 建成后) have no year.
    expect(cited('pv_glass_output', 2035)).toMatchObject({ value: '14500', illustrative: true, source: { id: 'article2024' } });
    expect(cited('vehicles_dismantled', 2035)).toMatchObject({ value: '15000', illustrative: true });
    expect(cited('gangue_utilized', 2026)).toMatchObject({ value: '120', illustrative: true });
    expect(plan.targets.filter((t) => !t.illustrative).map((t) => `${t.indicator} ${t.year}`)).toEqual(['coal_output 2024']);
  });

  it('lists what the article states as already so as published figures with their periods', () => {
    expect(plan.published.map((p) => [p.indicator, p.region, p.period, p.dated, p.value])).toEqual([
      ['intelligent_mines', '140404', '2024-12', 'year', '2'],
      ['intelligent_mining_faces', '140404', '2024-12', 'year', '25'],
      ['green_mines', '140404', '2024-12', 'year', '8'],
      ['safe_efficient_mines', '140404', '2024-09', 'month', '25'],
      ['advanced_capacity_share', '140404', '2024-09', 'month', '95'],
    ]);
  });

  it('lists the regions the sources name for each indicator, 光伏 in 荫城镇 and 郝家庄镇 among them', () => {
    const regions = (code: string) => plan.indicators.find((x) => x.code === code)?.regions;
    for (const code of ['pv_glass_output', 'pv_module_output', 'pv_sales_revenue', 'pv_jobs', 'nev_output', 'auto_parts_output_value']) {
      expect(regions(code), code).toEqual(['140404102', '140404106']);
    }
    for (const code of ['vehicles_dismantled', 'scrap_steel_processed']) expect(regions(code), code).toEqual(['140404106', '140404102', '140404103', '140404101']);
    expect(regions('equipment_output_value')).toEqual(['140404406', '140404401', '140404101']);
    expect(regions('tcm_planting_area')).toEqual(['140404203', '140404202', '140404201']);
    // Where the sources name no town, the towns listed are illustrative.
    expect(plan.indicators.find((x) => x.code === 'vegetable_output')?.illustrativePlaces).toEqual(['140404106', '140404202']);
  });

  it('names the key projects the sources give, each fact quoted or illustrative', () => {
    const riShengDa = plan.projects.find((p) => p.code === 'KP-001');
    expect(riShengDa).toMatchObject({ stage: 'completed', milestones: [{ period: '2024-06', label: '二期工程A线窑炉点火投产' }], illustrative: ['region', 'park'] });
    expect(plan.projects.find((p) => p.name === '大健康选品中心')).toMatchObject({ chain: 'medicine', stage: 'completed' });
    expect(plan.projects.find((p) => p.name.startsWith('中药资源学院'))).toMatchObject({ totalInvestment: '11700', stage: null });
  });

  it('expands region shares into explicit illustrative town targets', () => {
    const towns = plan.targets.filter((t) => t.indicator === 'coal_output' && t.year === 2025 && t.region !== '140404');
    expect(towns.map((t) => t.region).sort()).toEqual(['140404103', '140404104', '140404107', '140404201']);
    expect(towns.every((t) => t.illustrative && t.source === null && t.share !== null)).toBe(true);
    expect(towns.reduce((s, t) => s + Number(t.value), 0)).toBeCloseTo(3300, 6);
    expect(towns.find((t) => t.region === '140404104')?.value).toBe('990');
    const baseline = plan.targets.find((t) => t.indicator === 'coal_output' && t.region === '140404201' && t.year === 2021);
    expect(baseline).toMatchObject({ baseline: true, anchor: true, annual: false });
  });

  it('gives every figure one 报送单位 and one 审核单位: a town reports its own, the bureau the district’s and reviews', () => {
    const coal = plan.indicators.find((i) => i.code === 'coal_output')!;
    expect(coal.owners).toEqual([
      { region: '140404201', reporter: 'town_xichi', reviewer: 'energy' },
      { region: '140404104', reporter: 'town_bayi', reviewer: 'energy' },
      { region: '140404103', reporter: 'town_xihuo', reviewer: 'energy' },
      { region: '140404107', reporter: 'town_nansong', reviewer: 'energy' },
    ]);
    const equipment = plan.indicators.find((i) => i.code === 'equipment_output_value')!;
    expect(equipment.owners.map((o) => [o.region, o.reporter, o.reviewer])).toEqual([
      ['140404', 'industry', 'industry'],
      ['140404406', 'zone_changzhi_edz', 'industry'],
      ['140404401', 'zone_shangdang_edz', 'industry'],
      ['140404101', 'town_sudian', 'industry'],
    ]);
    for (const indicator of plan.indicators) {
      const regions = indicator.owners.map((o) => o.region);
      expect(new Set(regions).size, indicator.code).toBe(regions.length);
    }
  });

  it('resolves the checks of every indicator from the plan’s defaults and its own', () => {
    expect(plan.reporting).toEqual({ reminder: { workingDaysBefore: 3 } });
    expect(plan.indicators.find((i) => i.code === 'coal_output')!.checks).toEqual({
      monthOnMonth: { pct: 50, level: 'soft' },
      yearOnYear: { pct: 80, level: 'soft' },
      magnitude: { factor: 1000, level: 'soft' },
      regionShare: { tolerancePp: 10, level: 'soft' },
      negativeMonth: { level: 'hard' },
    });
    expect(plan.indicators.find((i) => i.code === 'industrial_value_added_growth')!.checks).toMatchObject({ monthOnMonth: null, yearOnYear: null, magnitude: null });
  });

  it('has one default alert rule per alert type', () => {
    expect(plan.alertRules.map((r) => r.type).sort()).toEqual([...ALERT_TYPES].sort());
    expect(plan.alertRules.find((r) => r.type === 'late_submission')?.params).toMatchObject({ dueDay: 10 });
    expect(plan.alertRules.find((r) => r.type === 'anomaly')?.params).toMatchObject({ momPct: 50, yoyPct: 80, negative: true });
    expect(plan.alertRules.find((r) => r.type === 'stalled_project')?.params).toMatchObject({ months: 2 });
    for (const r of plan.alertRules) expect(r.schedule.split(/\s+/)).toHaveLength(5);
  });
});

describe('precise errors for broken plans', () => {
  it('names the path of an unknown unit', () => {
    const issues = issuesAfter((raw) => {
      raw.indicators[3].unit = '万屯';
    });
    expect(lines(issues)).toContain('indicators[3].unit: 未知单位 "万屯"');
    expect(issues.find((i) => i.path === 'indicators[3].unit')?.line).toBeGreaterThan(1);
  });

  it('names the path of a misspelt indicator code in targets', () => {
    const issues = issuesAfter((raw) => {
      raw.targets[12].indicator = 'coal_outptu';
    });
    expect(lines(issues)).toContain('targets[12].indicator: unknown indicator "coal_outptu"');
    // …and, collected with it, the consequence: the indicator it belonged to lost its targets.
    expect(issues.some((i) => i.path === 'indicators[12]' && i.message.includes('no 2021 baseline'))).toBe(true);
  });

  it('collects every problem, not just the first', () => {
    const issues = issuesAfter((raw) => {
      raw.indicators[0].department = 'energyy';
      raw.indicators[1].chain = 'coal';
      raw.indicators[2].regions = ['140404999'];
      raw.targets[0].anchors[1].source.id = 'nope';
      raw.alertRules[0].scope = { indicators: ['coal'] };
    });
    expect(lines(issues)).toEqual(
      expect.arrayContaining([
        'indicators[0].department: unknown department "energyy"',
        'indicators[1].chain: unknown chain "coal"',
        'indicators[2].regions[0]: unknown region "140404999"',
        'targets[0].anchors[1].source.id: unknown source "nope"',
        'alertRules[0].scope.indicators[0]: unknown indicator "coal"',
      ]),
    );
  });

  it('reports structural problems: misspelt keys, bad enums, missing fields, bad decimals', () => {
    const issues = issuesAfter((raw) => {
      raw.indicators[0].districtReportd = false;
      raw.indicators[1].kind = 'level';
      delete raw.indicators[2].unit;
      raw.targets[1].anchors[0].value = '3,050';
      raw.alertRules[0].type = 'gap';
    });
    const text = lines(issues);
    expect(text).toContain('indicators[0].districtReportd: unknown key "districtReportd"');
    expect(text.some((l) => l.startsWith('indicators[1].kind: Invalid option'))).toBe(true);
    expect(text).toContain('indicators[2].unit: required (expected string)');
    expect(text.some((l) => l.startsWith('targets[1].anchors[0].value: expected a decimal'))).toBe(true);
    expect(text.some((l) => l.startsWith('alertRules[0].type: unknown type'))).toBe(true);
  });

  it('requires the 2025 and 2035 anchors and the baseline', () => {
    const issues = issuesAfter((raw) => {
      raw.targets[1].anchors = raw.targets[1].anchors.filter((a: { year: number }) => a.year !== 2035);
      raw.targets[2].anchors[0].baseline = false;
    });
    expect(lines(issues)).toEqual(
      expect.arrayContaining([
        'indicators[1]: "coal_sales" has no 2035 target anchor for the district (140404)',
        'indicators[2]: "coal_capacity" has no 2021 baseline for the district (140404)',
      ]),
    );
  });

  it('requires either a source or the illustrative flag, and a note when an illustrative target quotes one', () => {
    const issues = issuesAfter((raw) => {
      delete raw.targets[1].anchors[1].illustrative;
      delete raw.targets[0].anchors[2].source.note;
    });
    expect(lines(issues)).toContain('targets[1].anchors[1]: needs either source {id, quote} citing the source text or illustrative: true');
    expect(lines(issues)).toContain(
      'targets[0].anchors[2].source.note: an illustrative target that quotes a source says in a note what is illustrative (the year, the interpretation)',
    );
  });

  it('checks published figures and source-named projects', () => {
    const issues = issuesAfter((raw) => {
      raw.published[0].period = '2024-12';
      raw.published[1].indicator = 'coal_output';
      raw.published[2].region = '140404102';
      raw.projects[0].chain = 'glass';
      raw.projects[1].park = '140404101';
      raw.regions[0].placeSources = [{ id: 'article2023', quote: '目前' }];
      raw.chains[0].illustrativePlaces = ['140404101'];
    });
    expect(lines(issues)).toEqual(
      expect.arrayContaining([
        'published[0]: give either period (the month the source dates it to) or year (when it gives only the year)',
        'published[1].basis: required for a flow: is the figure the month (month) or the year so far (ytd)?',
        'published[2].region: region "140404102" does not report indicator "green_mines"',
        'projects[0].chain: unknown chain "glass"',
        'projects[1].park: region "140404101" is a town, not a park',
        'regions[0].placeSources[0].id: unknown source "article2023"',
        'chains[0].illustrativePlaces[0]: "140404101" is not one of the places listed here (140404201, 140404104, 140404103, 140404107, 140404202, 140404203, 140404102)',
      ]),
    );
  });

  it('accepts a park the sources place in no town and no zone', () => {
    const raw = parseYaml(planText);
    raw.regions.push({ code: 'P140404-99', name: '某片区', kind: 'park', parent: '140404' });
    expect(parsePlan(stringifyYaml(raw)).regions.find((r) => r.code === 'P140404-99')).toMatchObject({ parent: '140404', town: null, schematic: null });
  });

  it('checks region shares', () => {
    const issues = issuesAfter((raw) => {
      raw.targets[0].shares['140404102'] = 0.1;
    });
    expect(lines(issues)).toEqual(
      expect.arrayContaining([
        'targets[0].shares["140404102"]: region "140404102" does not report indicator "coal_output"',
        'targets[0].shares: shares add up to 1.1; they must add up to 1 because the district is the sum of its regions',
      ]),
    );
  });

  it('rejects duplicate codes, ambiguous aliases, bad ratios and impossible geometric segments', () => {
    const issues = issuesAfter((raw) => {
      raw.indicators[5].code = 'coal_output';
      raw.regions[9].aliases.push('郝家庄');
      raw.indicators.find((x: { code: string }) => x.code === 'advanced_capacity_share').ratio.numerator = 'coal_adv';
      const pvModule = raw.targets.find((t: { indicator: string }) => t.indicator === 'pv_module_output');
      pvModule.anchors[1].trajectory = 'geometric';
    });
    const text = lines(issues);
    expect(text).toContain('indicators[5].code: duplicate indicator code "coal_output" (first at indicators[0])');
    expect(text.some((l) => l.startsWith('regions[9].aliases[') && l.includes('"郝家庄" already names region 140404106'))).toBe(true);
    expect(text.some((l) => l.endsWith('.ratio.numerator: unknown indicator "coal_adv"'))).toBe(true);
    expect(text.some((l) => l.includes('"pv_module_output": the geometric segment 2021→2025'))).toBe(true);
  });

  it('overrides owners and checks per indicator, and names every wrong owner', () => {
    const raw = parseYaml(planText);
    const coal = raw.indicators.find((i: { code: string }) => i.code === 'coal_output');
    coal.reviewedBy = 'statistics';
    coal.owners = [{ region: '140404103', reporter: 'energy' }];
    coal.checks = { monthOnMonth: { pct: 30 }, regionShare: false, magnitude: { level: 'hard' } };
    const parsed = parsePlan(stringifyYaml(raw)).indicators.find((i) => i.code === 'coal_output')!;
    expect(parsed.owners.find((o) => o.region === '140404103')).toEqual({ region: '140404103', reporter: 'energy', reviewer: 'statistics' });
    expect(parsed.owners.find((o) => o.region === '140404201')).toEqual({ region: '140404201', reporter: 'town_xichi', reviewer: 'statistics' });
    expect(parsed.checks).toMatchObject({ monthOnMonth: { pct: 30, level: 'soft' }, regionShare: null, magnitude: { factor: 1000, level: 'hard' } });

    const at = (code: string) => `indicators[${raw.indicators.findIndex((i: { code: string }) => i.code === code)}]`;
    /** Coal with every kind of wrong owner, and `checks` as given. */
    const wrongOwners = (checks?: object) =>
      lines(
        issuesAfter((r) => {
          const c = r.indicators.find((i: { code: string }) => i.code === 'coal_output');
          c.reviewedBy = 'town_xihuo';
          c.owners = [{ region: '140404101', reporter: 'energy' }, { region: '140404103', reporter: 'town_xichi' }, { region: '140404201', reviewer: 'nobody' }];
          if (checks) c.checks = checks;
        }),
      );
    // A file that fails its structure is reported for that first.
    expect(wrongOwners({ monthOnMonth: { pct: -5 } })).toEqual([`${at('coal_output')}.checks.monthOnMonth.pct: Too small: expected number to be >0`]);
    expect(wrongOwners()).toEqual([
      `${at('coal_output')}.reviewedBy: 审核单位 "town_xihuo" is a town; a figure is reviewed by a bureau (局)`,
      `${at('coal_output')}.owners[0].region: region "140404101" is not reported for "coal_output" (140404201, 140404104, 140404103, 140404107)`,
      `${at('coal_output')}.owners[1].reporter: town_xichi answers for region 140404201, not 140404103`,
      `${at('coal_output')}.owners[2].reviewer: unknown department "nobody"`,
    ]);
  });

  it('reports YAML syntax errors with a line', () => {
    try {
      parsePlan('version: "2026.11.1"\nplan: {name: x\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanValidationError);
      const issue = (error as PlanValidationError).issues[0];
      expect(issue?.path).toBe('(yaml)');
      expect(issue?.line).toBeGreaterThanOrEqual(2);
    }
  });
});
