export { CatalogIndex, type Catalog, type CatalogIndicator, type CatalogRegion, type Match } from './catalog.js';
export { parseBasis, type BasisParse } from './basis.js';
export { parseValue, type ValueParse } from './number.js';
export { parsePeriodCell, parsePeriodText, parseYearCell, type MonthSpan, type PeriodParse } from './period.js';
export { applyFileRules, ObservationTransformer, transformRows, ytdOrderApplies, type AcceptedFigure, type FileRuleReject, type TransformContext, type TransformResult } from './transform-rows.js';
