/**
 * About thirty sample key projects (重点项目). Names and the two investment figures the 2024
 * article gives (中药资源学院 1.17亿元, 电商孵化基地 4700万元) are real; everything else —
 * dates, amounts, invented projects — is illustrative. Dates are laid out relative to `asOf`
 * so every scenario (on time, late, stalled, overdue, completed, planned) shows up for any
 * month the sample is generated for.
 */
import type { Period, ProjectStage } from '../domain/types.js';
import { addMonths, comparePeriods, formatPeriod, parsePeriod } from '../periods/periods.js';
import type { NormalizedPlan } from '../plan/types.js';
import { CONSTRUCTION_WEIGHTS } from './profiles.js';
import { sampleRng } from './rng.js';
import type { SampleProject, SampleProjectProgress, SampleProjectScenario } from './types.js';

interface CatalogueEntry {
  name: string;
  chain: string;
  region: string;
  park: string | null;
  enterprise: string | null;
  /** 万元 */
  total: number;
  scenario: SampleProjectScenario;
  fromSource: boolean;
}

const P_EQUIP = 'P140404-01';
const P_LOGISTICS = 'P140404-02';
const P_MEDICINE = 'P140404-03';
const P_HAOJIAZHUANG = 'P140404-04';

export const SAMPLE_PROJECT_CATALOGUE: readonly CatalogueEntry[] = [
  { name: '日盛达光伏玻璃二期项目', chain: 'pv', region: '140404102', park: P_EQUIP, enterprise: '日盛达集团', total: 350000, scenario: 'on_time', fromSource: true },
  { name: '森和能源年处理120万吨煤矸石项目', chain: 'recycling', region: '140404103', park: null, enterprise: '森和能源', total: 60000, scenario: 'late_start', fromSource: true },
  { name: '汇达再生资源项目', chain: 'recycling', region: '140404106', park: P_HAOJIAZHUANG, enterprise: '汇达再生资源', total: 45000, scenario: 'stalled_no_progress', fromSource: true },
  { name: '承华报废汽车回收拆解项目（二期）', chain: 'recycling', region: '140404102', park: P_EQUIP, enterprise: '承华报废汽车回收拆解', total: 38000, scenario: 'on_time', fromSource: true },
  { name: '承华废旧橡胶轮胎处理项目', chain: 'recycling', region: '140404102', park: P_EQUIP, enterprise: '承华报废汽车回收拆解', total: 12000, scenario: 'late_start', fromSource: true },
  { name: '振东养生酒二期项目', chain: 'medicine', region: '140404101', park: P_MEDICINE, enterprise: '振东集团', total: 30000, scenario: 'on_time', fromSource: true },
  { name: '年产10亿袋颗粒剂生产线项目', chain: 'medicine', region: '140404101', park: P_MEDICINE, enterprise: '振东集团', total: 80000, scenario: 'on_time', fromSource: true },
  { name: '保健功能食品生产线项目', chain: 'medicine', region: '140404101', park: P_MEDICINE, enterprise: '振东集团', total: 25000, scenario: 'stalled_no_progress', fromSource: true },
  { name: '中药资源学院（与山西中医药大学合作共建）', chain: 'medicine', region: '140404001', park: null, enterprise: '振东集团', total: 11700, scenario: 'completed', fromSource: true },
  { name: '振东电商孵化基地', chain: 'modern_commerce', region: '140404001', park: null, enterprise: '振东集团', total: 4700, scenario: 'completed', fromSource: true },
  { name: '大健康选品中心', chain: 'health_wellness', region: '140404101', park: P_MEDICINE, enterprise: '振东集团', total: 20000, scenario: 'completed', fromSource: true },
  { name: '绿色能源物流港铁路专用线项目', chain: 'smart_logistics', region: '140404401', park: P_LOGISTICS, enterprise: null, total: 150000, scenario: 'late_start', fromSource: true },
  { name: '百亿矿鸿产业基地（一期）', chain: 'digital_equipment', region: '140404406', park: P_HAOJIAZHUANG, enterprise: null, total: 200000, scenario: 'on_time', fromSource: true },
  { name: '雄山煤矿全矿井智能化建设项目', chain: 'green_coal', region: '140404103', park: null, enterprise: '雄山煤矿', total: 18000, scenario: 'on_time', fromSource: true },
  { name: '红兴煤矿全矿井智能化建设项目', chain: 'green_coal', region: '140404104', park: null, enterprise: '红兴煤矿', total: 16000, scenario: 'late_start', fromSource: true },
  { name: '地面高低压开关柜及箱式变电站项目', chain: 'digital_equipment', region: '140404102', park: P_EQUIP, enterprise: '潞安安易电气有限公司', total: 22000, scenario: 'on_time', fromSource: true },
  { name: '矿用智能装备扩能项目', chain: 'digital_equipment', region: '140404406', park: P_HAOJIAZHUANG, enterprise: '潞安太机械有限责任公司', total: 15000, scenario: 'not_started_overdue', fromSource: false },
  { name: '智能化电动重卡生产线项目', chain: 'nev', region: '140404106', park: P_HAOJIAZHUANG, enterprise: '成功汽车制造有限公司', total: 120000, scenario: 'on_time', fromSource: false },
  { name: '新能源汽车驱动电机项目', chain: 'nev', region: '140404106', park: P_HAOJIAZHUANG, enterprise: null, total: 35000, scenario: 'not_started_overdue', fromSource: false },
  { name: '动力电池负极材料项目', chain: 'nev', region: '140404102', park: P_EQUIP, enterprise: null, total: 90000, scenario: 'planned', fromSource: false },
  { name: '大功率快速充电设备生产项目', chain: 'nev', region: '140404106', park: P_HAOJIAZHUANG, enterprise: null, total: 18000, scenario: 'not_started_overdue', fromSource: false },
  { name: '光伏组件生产线项目', chain: 'pv', region: '140404106', park: P_HAOJIAZHUANG, enterprise: null, total: 60000, scenario: 'late_start', fromSource: false },
  { name: '光伏背板及EVA薄膜项目', chain: 'pv', region: '140404102', park: P_EQUIP, enterprise: null, total: 40000, scenario: 'planned', fromSource: false },
  { name: '废钢破碎加工中心项目', chain: 'recycling', region: '140404102', park: P_EQUIP, enterprise: null, total: 20000, scenario: 'on_time', fromSource: false },
  { name: '现代物流园冷链物流中心', chain: 'smart_logistics', region: '140404401', park: P_LOGISTICS, enterprise: null, total: 30000, scenario: 'on_time', fromSource: false },
  { name: '华北中药材集散中心（中医药仓储物流）', chain: 'smart_logistics', region: '140404401', park: P_LOGISTICS, enterprise: '振东集团', total: 45000, scenario: 'stalled_no_progress', fromSource: false },
  { name: '荫城古镇文旅提升项目', chain: 'culture_tourism', region: '140404102', park: null, enterprise: null, total: 12000, scenario: 'on_time', fromSource: false },
  { name: '八义红绿彩瓷文化产业园', chain: 'culture_tourism', region: '140404104', park: null, enterprise: null, total: 15000, scenario: 'late_start', fromSource: false },
  { name: '振兴小镇《宝藏乡村元宇宙》文旅项目', chain: 'culture_tourism', region: '140404400', park: null, enterprise: null, total: 8000, scenario: 'completed', fromSource: true },
  { name: '雄山生态康养度假区', chain: 'health_wellness', region: '140404107', park: null, enterprise: null, total: 50000, scenario: 'planned', fromSource: false },
  { name: '医药康养综合体', chain: 'health_wellness', region: '140404001', park: P_MEDICINE, enterprise: '振东集团', total: 60000, scenario: 'on_time', fromSource: false },
  { name: '苏店镇设施蔬菜产业园', chain: 'agriculture', region: '140404101', park: null, enterprise: null, total: 10000, scenario: 'on_time', fromSource: false },
  { name: '中药材标准化种植基地（黄芩、连翘）', chain: 'agriculture', region: '140404203', park: null, enterprise: '振东集团', total: 6000, scenario: 'completed', fromSource: false },
  { name: '煤炭洗选提质改造项目', chain: 'green_coal', region: '140404201', park: null, enterprise: null, total: 25000, scenario: 'stalled_no_progress', fromSource: false },
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
  const chains = new Set(plan.chains.map((c) => c.code));
  const regions = new Set(plan.regions.map((r) => r.code));

  return SAMPLE_PROJECT_CATALOGUE.map((entry, index): SampleProject => {
    const code = `KP-${String(index + 1).padStart(3, '0')}`;
    const rng = sampleRng(seed, 'project', code);
    const total = entry.total;
    const base = {
      code,
      name: entry.name,
      chain: chains.has(entry.chain) ? entry.chain : null,
      region: regions.has(entry.region) ? entry.region : plan.plan.region,
      park: entry.park !== null && regions.has(entry.park) ? entry.park : null,
      enterprise: entry.enterprise,
      totalInvestment: wan(total),
      fromSource: entry.fromSource,
      scenario: entry.scenario,
    };

    if (entry.scenario === 'planned' || entry.scenario === 'not_started_overdue') {
      const plannedStart =
        entry.scenario === 'planned' ? addMonths(asOf, rng.int(2, 8)) : clamp(addMonths(asOf, -rng.int(1, 4)));
      const stage: ProjectStage = entry.scenario === 'planned' && rng.next() < 0.5 ? 'planning' : 'signed';
      const rate = total / rng.int(18, 30);
      const { year: startYear, month: startMonth } = parsePeriod(plannedStart);
      const monthsThisYear = startYear < asOfYear ? 12 : startYear === asOfYear ? 13 - startMonth : 0;
      return {
        ...base,
        annualPlanInvestment: monthsThisYear === 0 ? '0' : String(roundTo(rate * monthsThisYear, 100)),
        stage,
        plannedStart,
        progress: [],
      };
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
    return project;
  });
}
