import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { lintPlanSources, parsePlan, type PlanIssue } from './index.js';

const repoFile = (relative: string) => fileURLToPath(new URL(`../../../../${relative}`, import.meta.url));
const planText = readFileSync(repoFile('plan/shangdang.plan.yaml'), 'utf8');
/** Documents as the plan file names them, relative to its folder (plan/sources/…). */
const readShipped = (path: string) => (existsSync(repoFile(`plan/${path}`)) ? readFileSync(repoFile(`plan/${path}`), 'utf8') : undefined);
/**
 * The plan file as it stood before this lint (version 2026.11.1): its documents were named
 * seeds/…; the same texts ship in plan/sources/ now.
 */
const beforeText = readFileSync(fileURLToPath(new URL('./fixtures/plan-2026.11.1-before-source-lint.yaml', import.meta.url)), 'utf8');
const readBefore = (path: string) => readShipped(`sources/${basename(path)}`);

const lines = (issues: readonly PlanIssue[]) => issues.map((i) => `${i.path}: ${i.message}`);
/** Lints the shipped plan after the test broke it (YAML parsed as plain data). */
function lintAfter(mutate: (raw: ReturnType<typeof parseYaml>) => void): string[] {
  const raw = parseYaml(planText, { maxAliasCount: 200 });
  mutate(raw);
  return lines(lintPlanSources(stringifyYaml(raw, { aliasDuplicateObjects: false }), readShipped));
}

describe('the source lint on the shipped plan', () => {
  it('finds nothing: every quote verbatim, every target, figure, place and project fact sourced or marked 示意', () => {
    expect(lines(lintPlanSources(planText, readShipped))).toEqual([]);
  });

  it('reads its documents from plan/sources, so the product stands alone', () => {
    for (const source of parsePlan(planText).sources) expect(source.document, source.id).toMatch(/^sources\//);
    expect(lintAfter((raw) => (raw.sources[1].document = 'sources/missing.txt'))).toContain('sources[1].document: document not found: sources/missing.txt (sources ship beside the plan file)');
  });
});

describe('the source lint on the plan as it was (2026.11.1)', () => {
  const issues = lintPlanSources(beforeText, readBefore);
  const before = parsePlan(beforeText);
  const beforeRaw = parseYaml(beforeText) as { targets: Array<{ indicator: string; anchors: Array<{ year: number }> }> };
  const targetPath = (code: string, year: number) => {
    const block = beforeRaw.targets.findIndex((t) => t.indicator === code);
    const anchor = beforeRaw.targets[block]!.anchors.findIndex((a) => a.year === year);
    return `targets[${block}].anchors[${anchor}].source`;
  };
  const at = (path: string) => issues.filter((i) => i.path === path).map((i) => i.message);
  const indicatorAt = (code: string) => before.indicators.findIndex((x) => x.code === code);
  const regionIndex = (code: string) => before.regions.findIndex((r) => r.code === code);

  it('fails: figures the article reports as already built are targets there', () => {
    for (const code of ['advanced_capacity_share', 'intelligent_mines', 'intelligent_mining_faces', 'green_mines', 'safe_efficient_mines']) {
      expect(at(targetPath(code, 2025)), code).toEqual([expect.stringContaining('states what already is (目前、已、截至…): a published figure for its period, not a 2025 target')]);
    }
  });

  it('fails: capacities once built and figures without a year are pinned to a year', () => {
    for (const code of ['pv_glass_output', 'pv_sales_revenue', 'pv_jobs', 'vehicles_dismantled', 'dismantling_benefit', 'dismantling_profit_tax']) {
      expect(at(targetPath(code, 2035)), code).toEqual([expect.stringContaining('gives a figure once built (全面投产后、建成后…), with no year: the 2035 target is illustrative')]);
    }
    for (const code of ['granule_output', 'health_products_sales', 'health_products_tax']) {
      expect(at(targetPath(code, 2035)), code).toEqual([expect.stringContaining('names no year 2035')]);
    }
    expect(at(targetPath('gangue_utilized', 2026))).toEqual([expect.stringContaining('names no year 2026')]);
    // 确保全年…3300万吨 is the article's year, not 2025 or 2026.
    expect(at(targetPath('coal_output', 2025))).toEqual([expect.stringContaining('names no year 2025')]);
    expect(at(targetPath('coal_output', 2026))).toEqual([expect.stringContaining('names no year 2026')]);
  });

  it('fails: parks placed in towns, and towns no source names for a chain or an indicator', () => {
    expect(at(`regions[${regionIndex('P140404-02')}].town`)).toEqual([expect.stringContaining('韩店街道 (140404001) is named in none of the quotes')]);
    expect(at(`regions[${regionIndex('P140404-03')}].town`)).toEqual([expect.stringContaining('苏店镇 (140404101) is named in none of the quotes')]);
    const tcm = indicatorAt('tcm_planting_area');
    const tcmRegions = before.indicators[tcm]!.regions;
    for (const town of ['140404102', '140404107']) expect(at(`indicators[${tcm}].regions[${tcmRegions.indexOf(town)}]`), town).toHaveLength(1);
    const vegetables = indicatorAt('vegetable_output');
    for (const k of [1, 2]) expect(at(`indicators[${vegetables}].regions[${k}]`)).toHaveLength(1);
    expect(issues.some((i) => /^chains\[\d+\]\.graph\.\w+\[\d+\]\.(regions|parks)\[\d+\]$/.test(i.path))).toBe(true);
  });

  it('reports each problem with its line in the file', () => {
    expect(issues.length).toBeGreaterThan(40);
    expect(issues.every((i) => typeof i.line === 'number' && i.line > 0)).toBe(true);
    expect(issues.find((i) => i.path === targetPath('intelligent_mining_faces', 2025))?.line).toBe(1044);
  });
});

describe('what the source lint refuses', () => {
  const targetBlock = (raw: { targets: Array<{ indicator: string; anchors: Array<Record<string, unknown>> }> }, code: string) => raw.targets.find((t) => t.indicator === code)!;

  it('a quote that is not in its document word for word', () => {
    const issues = lintAfter((raw) => {
      targetBlock(raw, 'coal_output').anchors[1]!.source = { id: 'article2024', quote: '确保全年煤炭产量稳定在3500万吨', note: '文章年份的全年目标' };
    });
    expect(issues).toContain(
      'targets[0].anchors[1].source.quote: 「确保全年煤炭产量稳定在3500万吨」 is not in 上党区 产业焕新 蝶变向新（2024年产业发展专题报道） word for word',
    );
  });

  it('a present-tense sentence behind a target, even an illustrative one', () => {
    const issues = lintAfter((raw) => {
      targetBlock(raw, 'intelligent_mining_faces').anchors[1]!.source = { id: 'article2024', quote: '智能化采掘工作面25处', note: '沿用' };
    });
    expect(issues.some((l) => l.includes('「智能化采掘工作面25处」 states what already is'))).toBe(true);
  });

  it('an official target for a year its sentence does not give, or whose figure is not the quoted one', () => {
    const issues = lintAfter((raw) => {
      const coal = targetBlock(raw, 'coal_output');
      coal.anchors[2] = { year: 2025, value: '3300', source: { id: 'article2024', quote: '确保全年煤炭产量稳定在3300万吨' } };
      coal.anchors[1] = { year: 2024, value: '3200', source: { id: 'article2024', quote: '确保全年煤炭产量稳定在3300万吨' } };
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('「确保全年煤炭产量稳定在3300万吨」 names no year 2025'),
        'targets[0].anchors[1].source.quote: 「确保全年煤炭产量稳定在3300万吨」 does not contain 3200: say in a note how the quoted figure becomes it',
      ]),
    );
  });

  it('a published figure dated otherwise than its sentence, or from a sentence that states no actual', () => {
    const issues = lintAfter((raw) => {
      raw.published[3].period = '2024-06';
      delete raw.published[4].period;
      raw.published[4].year = 2024;
      raw.published[0].source = { id: 'article2024', quote: '确保全年煤炭产量稳定在3300万吨', note: '试' };
      raw.published[1].year = 2023;
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'published[3].period: the sentence dates it 2024-09, not 2024-06',
        'published[4].year: the sentence dates it to the month: give period: "2024-09"',
        'published[0].source: 「确保全年煤炭产量稳定在3300万吨」 does not state an actual (目前、已、截至…, or a month): a published figure needs one',
        'published[1].year: the sentence names no year 2023, and the source speaks of 2024 as its present',
      ]),
    );
  });

  it('a place no quote names, unless it is marked illustrative', () => {
    const pv = (raw: { indicators: Array<{ code: string; regions: string[]; illustrativePlaces?: string[] }> }) => raw.indicators.find((x) => x.code === 'pv_glass_output')!;
    const unnamed = lintAfter((raw) => pv(raw).regions.push('140404107'));
    expect(unnamed).toEqual([expect.stringMatching(/^indicators\[\d+\]\.regions\[2\]: 南宋镇 \(140404107\) is named in none of the quotes given for it/)]);
    expect(
      lintAfter((raw) => {
        pv(raw).regions.push('140404107');
        pv(raw).illustrativePlaces = ['140404107'];
      }),
    ).toEqual([]);
  });

  it('a project fact neither quoted nor marked, a stage or milestone its quote does not say, an entity in two chains', () => {
    const issues = lintAfter((raw) => {
      const riShengDa = raw.projects[0];
      riShengDa.illustrative = ['region'];
      riShengDa.milestones[0].period = '2024-07';
      raw.projects[1].stage = 'completed';
      raw.projects[8].illustrative.push('totalInvestment');
      raw.chains.find((c: { code: string }) => c.code === 'modern_commerce').graph.midstream[0].name = '商贸平台（大健康选品中心）';
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'projects[0].park: park is neither quoted (sources[].about) nor marked illustrative',
        'projects[0].milestones[0].period: no quote about the milestones names 2024年7月',
        'projects[1].stage: no quote about the stage says completed (投产|试运营|投入使用|竣工|建成)',
        'projects[8].illustrative: totalInvestment is both quoted and marked illustrative',
        'projects[10].chain: "大健康选品中心" is in chain medicine here but in the graph of modern_commerce (商贸平台（大健康选品中心）): one entity, one chain',
      ]),
    );
  });

  it('returns the parse problems of a file that does not parse', () => {
    expect(lines(lintPlanSources('version: "2026.11.1"\n', readShipped))).toContain('plan: required (expected object)');
  });
});
