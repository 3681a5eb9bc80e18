export { InvalidDecimalError, normalizeDecimalString } from './decimal.js';
export { UnitConversionError, convertUnit, normalizeUnit, unitDimension, unitScaledBy } from './units.js';
export type { BaseUnitDimension, UnitDimension } from './units.js';
