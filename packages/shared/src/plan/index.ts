export { PlanValidationError, REQUIRED_CHAIN_CODES, normalizePlan, parsePlan } from './parse.js';
export type { ParsePlanOptions } from './parse.js';
export { planFileSchema } from './schema.js';
export type { PlanFile, PlanFileInput } from './schema.js';
export { PLAN_ALERT_SEVERITY_KEYS, PLAN_DEPARTMENT_KINDS } from './types.js';
export type {
  NormalizedPlan,
  PlanAlertRule,
  PlanAlertRuleParams,
  PlanAlertRuleScope,
  PlanChain,
  PlanChainGraph,
  PlanChainGraphNode,
  PlanDepartment,
  PlanDepartmentKind,
  PlanIndicator,
  PlanIssue,
  PlanMeta,
  PlanRegion,
  PlanSchematicPoint,
  PlanSource,
  PlanTarget,
  PlanTargetSource,
} from './types.js';
