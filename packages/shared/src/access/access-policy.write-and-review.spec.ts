import { describe, expect, it } from 'vitest';
import { canManageBatch, canReadIndicator, canReview, canViewBatch, canWriteFigure, planListsRegion, writeRefusalReason, type AccessPrincipal } from './access-policy.js';

const DISTRICT = '140404';
const XIHUO = '140404103';
const XICHI = '140404201';
const SUDIAN = '140404101';

const coalOutput = { code: 'coal_output', departmentCode: 'energy', regionCodes: [XICHI, '140404104', XIHUO, '140404107'] };
const coalSales = { code: 'coal_sales', departmentCode: 'energy', regionCodes: [] };
const pvGlass = { code: 'pv_glass_output', departmentCode: 'industry', regionCodes: [] };
const gangue = { code: 'gangue_utilized', departmentCode: 'industry', regionCodes: ['140404106', '140404102', XIHUO] };

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
  it('lets a bureau reporter write its own indicators for the district and the regions they list', () => {
    expect(canWriteFigure(energy, coalSales, DISTRICT)).toBe(true);
    expect(canWriteFigure(energy, coalOutput, XIHUO)).toBe(true);
    expect(canWriteFigure(energy, coalOutput, DISTRICT)).toBe(true);
  });

  it('refuses a bureau reporter another department’s indicator, or a region its indicator does not list', () => {
    expect(canWriteFigure(energy, pvGlass, DISTRICT)).toBe(false);
    expect(canWriteFigure(industry, coalOutput, XIHUO)).toBe(false);
    expect(canWriteFigure(energy, coalSales, XIHUO)).toBe(false);
    expect(canWriteFigure(industry, gangue, XICHI)).toBe(false);
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
  const names = { coal: { name: '原煤产量', departmentCode: 'energy', departmentName: '能源局' }, pv: { name: '光伏玻璃产量', departmentCode: 'industry', departmentName: '工信局' } };
  it('tells a town it may write only its own region, naming who is refused', () => {
    expect(writeRefusalReason(xihuo, names.coal, { code: XICHI, name: '西池乡' }, '西火镇')).toBe('无权填报"西池乡"的数据：本账号只能填报西火镇');
    expect(writeRefusalReason(xihuo, names.coal, { code: XICHI, name: '西池乡' }, '西火镇', '本部门')).toBe('无权填报"西池乡"的数据：本部门只能填报西火镇');
    expect(writeRefusalReason(sudian, names.coal, { code: SUDIAN, name: '苏店镇' }, '苏店镇')).toBe('无权填报指标"原煤产量"：该指标不按苏店镇分地区填报');
  });
  it("tells a bureau whose indicator it is, or that the region is not reported", () => {
    expect(writeRefusalReason(energy, names.pv, { code: DISTRICT, name: '上党区' }, '上党区')).toBe('无权填报指标"光伏玻璃产量"：该指标由工信局负责');
    expect(writeRefusalReason(energy, names.coal, { code: SUDIAN, name: '苏店镇' }, '上党区')).toBe('无权填报"苏店镇"的"原煤产量"：该指标不按此地区填报');
  });
});

describe('canReview', () => {
  const energyBatch = { departmentCode: 'energy' };
  const industryBatch = { departmentCode: 'industry' };
  const townBatch = { departmentCode: 'town_xihuo' };
  const orphan = { departmentCode: null };

  it('lets 统计局 and 发改局 reviewers review every department', () => {
    for (const batch of [energyBatch, industryBatch, townBatch, orphan]) {
      expect(canReview(stats, batch)).toBe(true);
      expect(canReview(reform, batch)).toBe(true);
    }
  });

  it('limits any other reviewer to its own department', () => {
    expect(canReview(energyReview, energyBatch)).toBe(true);
    expect(canReview(energyReview, industryBatch)).toBe(false);
    expect(canReview(energyReview, townBatch)).toBe(false);
    expect(canReview(energyReview, orphan)).toBe(false);
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
    expect(canViewBatch(stats, { departmentCode: 'industry' })).toBe(true);
    expect(canViewBatch(viewer, { departmentCode: 'industry' })).toBe(true);
  });

  it('lets reporters read their writable scope and reviewers their review scope', () => {
    expect(canReadIndicator(xihuo, coalOutput, XIHUO)).toBe(true);
    expect(canReadIndicator(xihuo, coalOutput, XICHI)).toBe(false);
    expect(canReadIndicator(energyReview, coalOutput, XICHI)).toBe(true);
    expect(canReadIndicator(energyReview, pvGlass, DISTRICT)).toBe(false);
    expect(canReadIndicator(stats, pvGlass, DISTRICT)).toBe(true);
    expect(canReadIndicator(viewer, pvGlass, DISTRICT)).toBe(true);
  });
});
