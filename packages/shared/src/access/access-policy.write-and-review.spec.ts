import { describe, expect, it } from 'vitest';
import { canCloseAlert, canManageBatch, canReadIndicator, canReview, canViewBatch, canWriteFigure, planListsRegion, writeRefusalReason, type AccessPrincipal, type FigureOwner } from './access-policy.js';
import { figureStatusText } from './figure-status.js';

const DISTRICT = '140404';
const XIHUO = '140404103';
const XICHI = '140404201';
const SUDIAN = '140404101';

const TOWN_DEPARTMENTS: Record<string, string> = { [XIHUO]: 'town_xihuo', [XICHI]: 'town_xichi', [SUDIAN]: 'town_sudian', '140404104': 'town_bayi', '140404107': 'town_nansong', '140404106': 'town_haojiazhuang', '140404102': 'town_yincheng' };
/** The plan's default owners: towns report their own figures, the indicator's department the district's and reviews them all. */
const owned = (code: string, departmentCode: string, regionCodes: string[], districtReported: boolean, overrides: Partial<Record<string, Partial<FigureOwner>>> = {}) => ({
  code,
  departmentCode,
  regionCodes,
  owners: [...(districtReported ? [DISTRICT] : []), ...regionCodes].map((region) => ({
    region,
    reporter: region === DISTRICT ? departmentCode : TOWN_DEPARTMENTS[region]!,
    reviewer: departmentCode,
    ...overrides[region],
  })),
});
const coalOutput = owned('coal_output', 'energy', [XICHI, '140404104', XIHUO, '140404107'], false);
const coalSales = owned('coal_sales', 'energy', [], true);
const pvGlass = owned('pv_glass_output', 'industry', [], true);
const gangue = owned('gangue_utilized', 'industry', ['140404106', '140404102', XIHUO], false, { [XIHUO]: { reviewer: 'statistics' } });

const principal = (role: AccessPrincipal['role'], departmentCode: string | null = null, departmentKind: AccessPrincipal['departmentKind'] = null, regionCode: string | null = null): AccessPrincipal => ({
  role,
  departmentCode,
  departmentKind,
  regionCode,
});
const admin = principal('admin');
const viewer = principal('viewer');
const energy = principal('reporter', 'energy', 'bureau', DISTRICT);
const industry = principal('reporter', 'industry', 'bureau', DISTRICT);
const xihuo = principal('reporter', 'town_xihuo', 'town', XIHUO);
const sudian = principal('reporter', 'town_sudian', 'town', SUDIAN);
const stats = principal('reviewer', 'statistics', 'bureau', DISTRICT);
const reform = principal('reviewer', 'development_reform', 'bureau', DISTRICT);
const energyReview = principal('reviewer', 'energy', 'bureau', DISTRICT);

describe('planListsRegion', () => {
  it('lists the district for every indicator and a region only where the indicator lists it', () => {
    expect(planListsRegion(coalOutput, DISTRICT, DISTRICT)).toBe(true);
    expect(planListsRegion(coalOutput, XIHUO, DISTRICT)).toBe(true);
    expect(planListsRegion(coalOutput, SUDIAN, DISTRICT)).toBe(false);
    expect(planListsRegion(pvGlass, DISTRICT, DISTRICT)).toBe(true);
    expect(planListsRegion(pvGlass, XIHUO, DISTRICT)).toBe(false);
  });
});

describe('canWriteFigure', () => {
  it('lets a bureau reporter write the figures it is the 报送单位 of', () => {
    expect(canWriteFigure(energy, coalSales, DISTRICT)).toBe(true);
    expect(canWriteFigure(industry, pvGlass, DISTRICT)).toBe(true);
  });

  it('gives a town’s figure to the town alone: the indicator’s bureau no longer writes it too', () => {
    expect(canWriteFigure(energy, coalOutput, XIHUO)).toBe(false);
    expect(canWriteFigure(energy, coalOutput, DISTRICT)).toBe(false);
    expect(canWriteFigure(energy, pvGlass, DISTRICT)).toBe(false);
    expect(canWriteFigure(industry, coalOutput, XIHUO)).toBe(false);
    expect(canWriteFigure(energy, coalSales, XIHUO)).toBe(false);
    expect(canWriteFigure(industry, gangue, XICHI)).toBe(false);
  });

  it('follows the plan where it gives a town figure to the bureau', () => {
    const bureauReported = owned('coal_output', 'energy', [XIHUO], false, { [XIHUO]: { reporter: 'energy' } });
    expect(canWriteFigure(energy, bureauReported, XIHUO)).toBe(true);
    expect(canWriteFigure(xihuo, bureauReported, XIHUO)).toBe(false);
  });

  it('lets a town reporter write only its own town, for indicators reported town by town', () => {
    expect(canWriteFigure(xihuo, coalOutput, XIHUO)).toBe(true);
    expect(canWriteFigure(xihuo, gangue, XIHUO)).toBe(true);
    expect(canWriteFigure(xihuo, coalOutput, XICHI)).toBe(false);
    expect(canWriteFigure(xihuo, coalOutput, DISTRICT)).toBe(false);
    expect(canWriteFigure(xihuo, coalSales, DISTRICT)).toBe(false);
    expect(canWriteFigure(xihuo, coalSales, XIHUO)).toBe(false);
    expect(canWriteFigure(sudian, coalOutput, SUDIAN)).toBe(false);
  });

  it('gives admin everything and reviewers and viewers no writes', () => {
    expect(canWriteFigure(admin, pvGlass, DISTRICT)).toBe(true);
    expect(canWriteFigure(admin, coalOutput, XIHUO)).toBe(true);
    expect(canWriteFigure(stats, coalSales, DISTRICT)).toBe(false);
    expect(canWriteFigure(energyReview, coalSales, DISTRICT)).toBe(false);
    expect(canWriteFigure(viewer, coalSales, DISTRICT)).toBe(false);
  });

  it('refuses a reporter without a department', () => {
    expect(canWriteFigure(principal('reporter'), coalSales, DISTRICT)).toBe(false);
  });
});

describe('writeRefusalReason', () => {
  const names = { coal: { ...coalOutput, name: '原煤产量', departmentName: '能源局' }, pv: { ...pvGlass, name: '光伏玻璃产量', departmentName: '工信局' } };
  const unitName = (code: string) => ({ town_xihuo: '西火镇', energy: '能源局' })[code] ?? code;
  it('tells a town it may write only its own region, naming who is refused', () => {
    expect(writeRefusalReason(xihuo, names.coal, { code: XICHI, name: '西池乡' }, '西火镇')).toBe('无权填报"西池乡"的数据：本账号只能填报西火镇');
    expect(writeRefusalReason(xihuo, names.coal, { code: XICHI, name: '西池乡' }, '西火镇', '本部门')).toBe('无权填报"西池乡"的数据：本部门只能填报西火镇');
    expect(writeRefusalReason(sudian, names.coal, { code: SUDIAN, name: '苏店镇' }, '苏店镇')).toBe('无权填报指标"原煤产量"：该指标不按苏店镇分地区填报');
  });
  it("tells a bureau whose indicator it is, or that the region is not reported", () => {
    expect(writeRefusalReason(energy, names.pv, { code: DISTRICT, name: '上党区' }, '上党区', '本账号', () => '工信局')).toBe('"光伏玻璃产量/上党区"由工信局报送，本账号不能填报');
    expect(writeRefusalReason(energy, { ...names.pv, owners: [] }, { code: DISTRICT, name: '上党区' }, '上党区')).toBe('无权填报指标"光伏玻璃产量"：该指标由工信局负责');
    expect(writeRefusalReason(energy, names.coal, { code: SUDIAN, name: '苏店镇' }, '上党区')).toBe('无权填报"苏店镇"的"原煤产量"：该指标不按此地区填报');
  });
  it('names the 报送单位 of a figure someone else reports, and no batch', () => {
    expect(writeRefusalReason(energy, names.coal, { code: XIHUO, name: '西火镇' }, '上党区', '本账号', unitName)).toBe('"原煤产量/西火镇"由西火镇报送，本账号不能填报');
  });
});

describe('canReview', () => {
  const energyBatch = { departmentCode: 'energy', reviewerDepartmentCode: 'energy' };
  const industryBatch = { departmentCode: 'industry', reviewerDepartmentCode: 'industry' };
  const townCoal = { departmentCode: 'town_xihuo', reviewerDepartmentCode: 'energy' };
  const townGangue = { departmentCode: 'town_xihuo', reviewerDepartmentCode: 'statistics' };

  it('lets only the 审核单位 review a submission: the coal reviewer sees the town’s coal', () => {
    expect(canReview(energyReview, energyBatch)).toBe(true);
    expect(canReview(energyReview, townCoal)).toBe(true);
    expect(canReview(energyReview, industryBatch)).toBe(false);
    expect(canReview(energyReview, townGangue)).toBe(false);
    expect(canReview(stats, townGangue)).toBe(true);
    expect(canReview(stats, townCoal)).toBe(false);
    expect(canReview(reform, energyBatch)).toBe(false);
  });

  it('keeps the old rule for a batch submitted before figures had one 审核单位', () => {
    for (const batch of [{ departmentCode: 'energy' }, { departmentCode: 'town_xihuo' }, { departmentCode: null }]) {
      expect(canReview(stats, batch)).toBe(true);
      expect(canReview(reform, batch)).toBe(true);
    }
    expect(canReview(energyReview, { departmentCode: 'energy' })).toBe(true);
    expect(canReview(energyReview, { departmentCode: 'town_xihuo' })).toBe(false);
    expect(canReview(energyReview, { departmentCode: null })).toBe(false);
  });

  it('never lets reporters or viewers review, even their own department', () => {
    expect(canReview(energy, energyBatch)).toBe(false);
    expect(canReview(viewer, energyBatch)).toBe(false);
    expect(canReview(admin, energyBatch)).toBe(true);
  });
});

describe('batches and reads', () => {
  it('lets a department manage its own batches only', () => {
    expect(canManageBatch(energy, { departmentCode: 'energy' })).toBe(true);
    expect(canManageBatch(industry, { departmentCode: 'energy' })).toBe(false);
    expect(canManageBatch(xihuo, { departmentCode: 'energy' })).toBe(false);
    expect(canManageBatch(energyReview, { departmentCode: 'energy' })).toBe(false);
    expect(canManageBatch(admin, { departmentCode: null })).toBe(true);
  });

  it('shows a batch to its department, reviewers in scope, viewers and admins', () => {
    expect(canViewBatch(energy, { departmentCode: 'energy' })).toBe(true);
    expect(canViewBatch(energyReview, { departmentCode: 'energy' })).toBe(true);
    expect(canViewBatch(industry, { departmentCode: 'energy' })).toBe(false);
    expect(canViewBatch(energyReview, { departmentCode: 'industry' })).toBe(false);
    expect(canViewBatch(energyReview, { departmentCode: 'town_xihuo', reviewerDepartmentCode: 'energy' })).toBe(true);
    expect(canViewBatch(stats, { departmentCode: 'industry' })).toBe(true);
    expect(canViewBatch(viewer, { departmentCode: 'industry' })).toBe(true);
  });

  it('lets reporters read their writable scope and reviewers their review scope', () => {
    expect(canReadIndicator(xihuo, coalOutput, XIHUO)).toBe(true);
    expect(canReadIndicator(xihuo, coalOutput, XICHI)).toBe(false);
    expect(canReadIndicator(energyReview, coalOutput, XICHI)).toBe(true);
    expect(canReadIndicator(energyReview, pvGlass, DISTRICT)).toBe(false);
    expect(canReadIndicator(stats, pvGlass, DISTRICT)).toBe(true);
    expect(canReadIndicator(principal('reviewer', 'statistics'), gangue, XIHUO)).toBe(true);
    expect(canReadIndicator(viewer, pvGlass, DISTRICT)).toBe(true);
  });
});

describe('figureStatusText', () => {
  it('says where a figure stands in the words of the units, never with a batch number', () => {
    const owners = { reporter: '西火镇', reviewer: '能源局' };
    expect(figureStatusText('submitted', owners)).toBe('西火镇已报，待能源局审核');
    expect(figureStatusText('approved', owners)).toBe('西火镇已报，能源局已审核通过');
    expect(figureStatusText('returned', owners)).toBe('能源局已退回，待西火镇修改后重报');
    expect(figureStatusText('late', owners)).toBe('西火镇逾期未报');
    expect(figureStatusText('draft', owners)).toBe('待西火镇报送');
  });
});

describe('closing (解除) an alert of 能源局 and 西火镇', () => {
  const alert = { departmentCode: 'energy', departments: ['energy', 'town_xihuo'] };

  it('is for a reviewer or a leader of a department it concerns, or an administrator', () => {
    expect(canCloseAlert(principal('admin'), alert)).toBe(true);
    expect(canCloseAlert(principal('reviewer', 'energy', 'bureau', DISTRICT), alert)).toBe(true);
    expect(canCloseAlert(principal('viewer', 'town_xihuo', 'town', XIHUO), alert)).toBe(true);
  });

  it('is not for a 填报员 of it, a department it does not concern, or a leader without a department', () => {
    expect(canCloseAlert(principal('reporter', 'energy', 'bureau', DISTRICT), alert)).toBe(false);
    expect(canCloseAlert(principal('reviewer', 'statistics', 'bureau', DISTRICT), alert)).toBe(false);
    expect(canCloseAlert(principal('viewer', 'industry', 'bureau', DISTRICT), alert)).toBe(false);
    expect(canCloseAlert(principal('viewer'), alert)).toBe(false);
  });
});
