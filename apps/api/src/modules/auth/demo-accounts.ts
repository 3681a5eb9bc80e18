import type { Role } from '@planwatch/shared';

/**
 * Demo accounts: one per role and kind of department, so every page can be tried. `npm start`
 * and `setup` (without --production) create them; a production start refuses to run with them.
 */
export const DEMO_PASSWORD = 'planwatch2026';
export const DEMO_ACCOUNTS: Array<{ username: string; displayName: string; role: Role; departmentCode: string | null; description: string }> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', departmentCode: null, description: '管理员：用户、目标、预警规则' },
  { username: 'leader', displayName: '区领导', role: 'viewer', departmentCode: null, description: '领导：只读，大屏与钻取' },
  { username: 'energy', displayName: '能源局填报员', role: 'reporter', departmentCode: 'energy', description: '能源局填报员（煤炭指标）' },
  { username: 'industry', displayName: '工信局填报员', role: 'reporter', departmentCode: 'industry', description: '工信局填报员（装备、光伏、新能源汽车、资源循环）' },
  { username: 'xihuo', displayName: '西火镇填报员', role: 'reporter', departmentCode: 'town_xihuo', description: '西火镇填报员（仅本镇）' },
  { username: 'stats', displayName: '统计局审核员', role: 'reviewer', departmentCode: 'statistics', description: '统计局审核员（全区审核）' },
  { username: 'energy_review', displayName: '能源局审核员', role: 'reviewer', departmentCode: 'energy', description: '能源局审核员（本部门审核）' },
];
