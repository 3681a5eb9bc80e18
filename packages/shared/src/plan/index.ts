export { PlanValidationError, REQUIRED_CHAIN_CODES, normalizePlan, parsePlan } from './parse.js';
export { lintPlanSources, projectStem } from './source-lint.js';
export type { PlanDocumentReader } from './source-lint.js';
export { planFileSchema } from './schema.js';
export type { PlanFile, PlanFileInput } from './schema.js';
export { PLAN_ALERT_SEVERITY_KEYS, PLAN_DEPARTMENT_KINDS, PLAN_PROJECT_FACTS, PLAN_REPORTED_BY } from './types.js';
export type {
  NormalizedPlan,
  PlanAlertRule,
  PlanAlertRuleParams,
  PlanAlertRuleScope,
  PlanChain,
  PlanChainGraph,
  PlanChainGraphNode,
  PlanCitation,
  PlanDepartment,
  PlanDepartmentKind,
  PlanFigureOwner,
  PlanIndicator,
  PlanIssue,
  PlanMeta,
  PlanPlaceEvidence,
  PlanProject,
  PlanProjectFact,
  PlanProjectMilestone,
  PlanPublishedFigure,
  PlanRegion,
  PlanReporting,
  PlanSchematicPoint,
  PlanSource,
  PlanTarget,
  PlanTargetSource,
} from './types.js';
