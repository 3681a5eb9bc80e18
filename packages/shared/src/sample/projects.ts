/**
 * About thirty sample key projects (重点项目). The projects the sources name come from the
 * plan file (`projects:`), with what the sources say about them: name, chain, enterprise and
 * amount where stated, the stage as of the source's year and its dated milestones. Everything
 * else — dates, amounts, places no source gives, and the invented projects — is illustrative
 * (示意). Dates are laid out relative to `asOf` so every scenario (on time, late, stalled,
 * overdue, completed, planned) shows up for any month the sample is generated for, without
 * contradicting a source: a project the source reports under construction started by the end
 * of the source's year, one it reports in production or in use was completed by then (at its
 * milestone when it gives one).
 */
import type { ProjectProvenance } from '../api/contracts.js';
import type { Period, ProjectStage } from '../domain/types.js';
import { addMonths, comparePeriods, formatPeriod, parsePeriod } from '../periods/periods.js';
import type { NormalizedPlan, PlanProject } from '../plan/types.js';
import { CONSTRUCTION_WEIGHTS } from './profiles.js';
import { sampleRng } from './rng.js';
import type { SampleProject, SampleProjectProgress, SampleProjectScenario } from './types.js';

/** A project the plan file names: the sample adds the illustrative rest. */
interface SourcedEntry {
  code: string;
  /** 万元, when the source states none. */
  total: number;
  scenario: SampleProjectScenario;
}

/** An invented project: every fact illustrative. */
interface InventedEntry extends SourcedEntry {
  name: string;
  chain: string;
  region: string;
  park: string | null;
  enterprise: string | null;
}

const P_EQUIP = 'P140404-01';
const P_LOGISTICS = 'P140404-02';
const P_MEDICINE = 'P140404-03';
const P_HAOJIAZHUANG = 'P140404-04';

export const SAMPLE_PROJECT_CATALOGUE: ReadonlyArray<SourcedEntry | InventedEntry> = [
  { code: 'KP-001', total: 350000, scenario: 'completed' },
  { code: 'KP-002', total: 60000, scenario: 'late_start' },
  { code: 'KP-003', total: 45000, scenario: 'stalled_no_progress' },
  { code: 'KP-004', total: 38000, scenario: 'on_time' },
  { code: 'KP-005', total: 12000, scenario: 'late_start' },
  { code: 'KP-006', total: 30000, scenario: 'on_time' },
  { code: 'KP-007', total: 80000, scenario: 'on_time' },
  { code: 'KP-008', total: 25000, scenario: 'stalled_no_progress' },
  { code: 'KP-009', total: 11700, scenario: 'completed' },
  { code: 'KP-010', total: 4700, scenario: 'completed' },
  { code: 'KP-011', total: 20000, scenario: 'completed' },
  { code: 'KP-012', total: 150000, scenario: 'late_start' },
  { code: 'KP-013', total: 200000, scenario: 'on_time' },
  { code: 'KP-014', total: 18000, scenario: 'on_time' },
  { code: 'KP-015', total: 16000, scenario: 'late_start' },
  { code: 'KP-016', total: 22000, scenario: 'on_time' },
  { code: 'KP-017', name: '矿用智能装备扩能项目', chain: 'digital_equipment', region: '140404406', park: P_HAOJIAZHUANG, enterprise: '潞安太机械有限责任公司', total: 15000, scenario: 'not_started_overdue' },
  { code: 'KP-018', name: '智能化电动重卡生产线项目', chain: 'nev', region: '140404106', park: P_HAOJIAZHUANG, enterprise: '成功汽车制造有限公司', total: 120000, scenario: 'on_time' },
  { code: 'KP-019', name: '新能源汽车驱动电机项目', chain: 'nev', region: '140404106', park: P_HAOJIAZHUANG, enterprise: null, total: 35000, scenario: 'not_started_overdue' },
  { code: 'KP-020', name: '动力电池负极材料项目', chain: 'nev', region: '140404102', park: P_EQUIP, enterprise: null, total: 90000, scenario: 'planned' },
  { code: 'KP-021', name: '大功率快速充电设备生产项目', chain: 'nev', region: '140404106', park: P_HAOJIAZHUANG, enterprise: null, total: 18000, scenario: 'not_started_overdue' },
  { code: 'KP-022', name: '光伏组件生产线项目', chain: 'pv', region: '140404106', park: P_HAOJIAZHUANG, enterprise: null, total: 60000, scenario: 'late_start' },
  { code: 'KP-023', name: '光伏背板及EVA薄膜项目', chain: 'pv', region: '140404102', park: P_EQUIP, enterprise: null, total: 40000, scenario: 'planned' },
  { code: 'KP-024', name: '废钢破碎加工中心项目', chain: 'recycling', region: '140404102', park: P_EQUIP, enterprise: null, total: 20000, scenario: 'on_time' },
  { code: 'KP-025', name: '现代物流园冷链物流中心', chain: 'smart_logistics', region: '140404401', park: P_LOGISTICS, enterprise: null, total: 30000, scenario: 'on_time' },
  { code: 'KP-026', name: '华北中药材集散中心（中医药仓储物流）', chain: 'medicine', region: '140404401', park: P_LOGISTICS, enterprise: '振东集团', total: 45000, scenario: 'stalled_no_progress' },
  { code: 'KP-027', name: '荫城古镇文旅提升项目', chain: 'culture_tourism', region: '140404102', park: null, enterprise: null, total: 12000, scenario: 'on_time' },
  { code: 'KP-028', name: '八义红绿彩瓷文化产业园', chain: 'culture_tourism', region: '140404104', park: null, enterprise: null, total: 15000, scenario: 'late_start' },
  { code: 'KP-029', total: 8000, scenario: 'completed' },
  { code: 'KP-030', name: '雄山生态康养度假区', chain: 'health_wellness', region: '140404107', park: null, enterprise: null, total: 50000, scenario: 'planned' },
  { code: 'KP-031', name: '医药康养综合体', chain: 'health_wellness', region: '140404001', park: P_MEDICINE, enterprise: '振东集团', total: 60000, scenario: 'on_time' },
  { code: 'KP-032', name: '苏店镇设施蔬菜产业园', chain: 'agriculture', region: '140404101', park: null, enterprise: null, total: 10000, scenario: 'on_time' },
  { code: 'KP-033', name: '中药材标准化种植基地（黄芩、连翘）', chain: 'agriculture', region: '140404203', park: null, enterprise: '振东集团', total: 6000, scenario: 'completed' },
  { code: 'KP-034', name: '煤炭洗选提质改造项目', chain: 'green_coal', region: '140404201', park: null, enterprise: null, total: 25000, scenario: 'stalled_no_progress' },
  { code: 'KP-035', total: 15000, scenario: 'on_time' },
  { code: 'KP-036', name: '城市综合服务中心商贸提升项目', chain: 'modern_commerce', region: '140404001', park: null, enterprise: null, total: 20000, scenario: 'on_time' },
  { code: 'KP-037', name: '职业技能实训基地', chain: 'vocational_education', region: '140404001', park: null, enterprise: null, total: 8000, scenario: 'planned' },
];

/** Whole 万元, at least 1. */
function wan(value: number): string {
  return String(Math.max(1, Math.round(value)));
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}

export function generateSampleProjects(plan: NormalizedPlan, asOf: Period, seed: number): SampleProject[] {
  const { year: asOfYear } = parsePeriod(asOf);
  const firstPeriod = formatPeriod(plan.plan.baseYear, 1);
  const clamp = (p: Period): Period => (comparePeriods(p, firstPeriod) < 0 ? firstPeriod : p);
  const later = (a: Period, b: Period): Period => (comparePeriods(a, b) >= 0 ? a : b);
  const chains = new Set(plan.chains.map((c) => c.code));
  const regions = new Set(plan.regions.map((r) => r.code));
  const named = new Map(plan.projects.map((p) => [p.code, p]));

  return SAMPLE_PROJECT_CATALOGUE.flatMap((entry): SampleProject[] => {
    const fromPlan = named.get(entry.code);
    // A project of the catalogue the plan file no longer names is left out.
    const facts = 'name' in entry ? entry : fromPlan;
    if (facts === undefined) return [];
    const code = entry.code;
    const rng = sampleRng(seed, 'project', code);
    const total = fromPlan?.totalInvestment != null ? Number(fromPlan.totalInvestment) : entry.total;
    const provenance = fromPlan === undefined ? null : provenanceOf(plan, fromPlan);
    /** The end of the source's year: what the source reports is so by then. */
    const stated = provenance?.stage != null && provenance.stageYear !== null ? { stage: provenance.stage, by: formatPeriod(provenance.stageYear, 12) } : null;
    const base = {
      code,
      name: facts.name,
      chain: chains.has(facts.chain) ? facts.chain : null,
      region: regions.has(facts.region) ? facts.region : plan.plan.region,
      park: facts.park !== null && regions.has(facts.park) ? facts.park : null,
      enterprise: facts.enterprise,
      totalInvestment: wan(total),
      provenance,
      scenario: entry.scenario,
    };

    if (entry.scenario === 'planned' || entry.scenario === 'not_started_overdue') {
      const plannedStart =
        entry.scenario === 'planned' ? addMonths(asOf, rng.int(2, 8)) : clamp(addMonths(asOf, -rng.int(1, 4)));
      const stage: ProjectStage = entry.scenario === 'planned' && rng.next() < 0.5 ? 'planning' : 'signed';
      const rate = total / rng.int(18, 30);
      const { year: startYear, month: startMonth } = parsePeriod(plannedStart);
      const monthsThisYear = startYear < asOfYear ? 12 : startYear === asOfYear ? 13 - startMonth : 0;
      return [
        {
          ...base,
          annualPlanInvestment: monthsThisYear === 0 ? '0' : String(roundTo(rate * monthsThisYear, 100)),
          stage,
          plannedStart,
          progress: [],
        },
      ];
    }

    // Projects under construction or completed.
    let actualStart: Period;
    let plannedStart: Period;
    let lastMonth: Period = asOf;
    let completedAt: Period | undefined;
    let duration = rng.int(18, 36);
    let performance = rng.range(0.85, 1.15);
    switch (entry.scenario) {
      case 'completed': {
        duration = rng.int(10, 20);
        completedAt = clamp(addMonths(asOf, -rng.int(1, 8)));
        actualStart = clamp(addMonths(completedAt, -duration));
        plannedStart = addMonths(actualStart, rng.int(0, 1));
        lastMonth = completedAt;
        break;
      }
      case 'on_time': {
        actualStart = clamp(addMonths(asOf, -rng.int(4, 24)));
        plannedStart = addMonths(actualStart, rng.int(0, 1));
        break;
      }
      case 'late_start': {
        plannedStart = clamp(addMonths(asOf, -rng.int(7, 14)));
        actualStart = addMonths(plannedStart, rng.int(2, 4));
        performance = rng.range(0.55, 0.85);
        break;
      }
      case 'stalled_no_progress': {
        actualStart = clamp(addMonths(asOf, -rng.int(10, 20)));
        plannedStart = actualStart;
        lastMonth = addMonths(asOf, -rng.int(2, 4));
        performance = rng.range(0.5, 0.8);
        break;
      }
    }
    if (stated?.stage === 'completed') {
      // In production or in use by the source's year: at its milestone, or a month of that year.
      completedAt = clamp(fromPlan?.milestones.at(-1)?.period ?? formatPeriod(provenance?.stageYear ?? asOfYear, rng.int(3, 11)));
      actualStart = clamp(addMonths(completedAt, -duration));
      plannedStart = addMonths(actualStart, rng.int(0, 1));
      lastMonth = completedAt;
    } else if (stated?.stage === 'started') {
      // Under construction in the source's year: started by then, whatever came after.
      const latestStart = clamp(addMonths(stated.by, -rng.int(1, 6)));
      if (comparePeriods(actualStart, latestStart) > 0) {
        const lateness = monthsBetween(plannedStart, actualStart);
        actualStart = latestStart;
        plannedStart = clamp(addMonths(actualStart, -lateness));
      }
      if (completedAt !== undefined && comparePeriods(completedAt, stated.by) <= 0) completedAt = lastMonth = later(addMonths(stated.by, rng.int(1, 6)), actualStart);
    }
    if (completedAt !== undefined && comparePeriods(completedAt, asOf) > 0) {
      // Not there yet at asOf: still building.
      completedAt = undefined;
      lastMonth = asOf;
    }
    if (comparePeriods(actualStart, asOf) > 0) actualStart = asOf;
    if (comparePeriods(lastMonth, actualStart) < 0) lastMonth = actualStart;

    const rate = total / duration;
    const months: Period[] = [];
    for (let p = actualStart; comparePeriods(p, lastMonth) <= 0; p = addMonths(p, 1)) months.push(p);
    // Raw spending curve, scaled so a completed project spends (almost) its whole budget.
    const raw = months.map((p) => {
      const { year, month } = parsePeriod(p);
      const seasonal = (CONSTRUCTION_WEIGHTS[month - 1] ?? 1 / 12) * 12;
      const perf = year === asOfYear ? performance : 1;
      return rate * seasonal * perf * Math.max(0.3, 1 + rng.normal(0.15));
    });
    const rawSum = raw.reduce((a, b) => a + b, 0);
    const cap = completedAt !== undefined ? total * rng.range(0.96, 1) : total * 0.95;
    const scale = completedAt !== undefined || rawSum > cap ? cap / rawSum : 1;
    const progress: SampleProjectProgress[] = months.map((period, i) => ({
      period,
      investment: wan((raw[i] ?? 0) * scale),
      stage: completedAt !== undefined && i === months.length - 1 ? 'completed' : 'started',
    }));

    const spentBefore = progress
      .filter((p) => parsePeriod(p.period).year < asOfYear)
      .reduce((sum, p) => sum + Number(p.investment), 0);
    const spentThisYear = progress
      .filter((p) => parsePeriod(p.period).year === asOfYear)
      .reduce((sum, p) => sum + Number(p.investment), 0);
    let annualPlan: number;
    if (completedAt !== undefined) {
      annualPlan = parsePeriod(completedAt).year === asOfYear ? roundTo(spentThisYear * rng.range(0.95, 1.05), 100) : 0;
    } else {
      const { year: startYear, month: startMonth } = parsePeriod(actualStart);
      const monthsThisYear = startYear < asOfYear ? 12 : 13 - startMonth;
      annualPlan = roundTo(Math.min(Math.max(total - spentBefore, rate), rate * monthsThisYear), 100);
    }

    const project: SampleProject = {
      ...base,
      annualPlanInvestment: String(annualPlan),
      stage: completedAt !== undefined ? 'completed' : 'started',
      plannedStart,
      actualStart,
      progress,
    };
    if (completedAt !== undefined) project.completedAt = completedAt;
    return [project];
  });
}

/** What the plan file's sources say about a project, as the project pages show it. */
function provenanceOf(plan: NormalizedPlan, project: PlanProject): ProjectProvenance {
  const sources = new Map(plan.sources.map((s) => [s.id, s]));
  const stageSource = project.sources.find((s) => s.about.includes('stage'));
  return {
    citations: project.sources.map((s) => ({ sourceId: s.id, sourceTitle: sources.get(s.id)?.title ?? s.id, quote: s.quote, note: s.note, facts: [...s.about] })),
    stage: project.stage,
    stageYear: stageSource === undefined ? null : (sources.get(stageSource.id)?.year ?? null),
    milestones: project.milestones.map((m) => ({ period: m.period, label: m.label })),
  };
}

function monthsBetween(from: Period, to: Period): number {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}
