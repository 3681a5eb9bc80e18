import type { RawRecord } from '../model.js';

/** Which field of a system's JSON object or SQL row holds each part of a figure. */
export interface FieldMapping {
  indicator: string;
  region: string;
  period: string;
  value: string;
  basis?: string;
  unit?: string;
  note?: string;
}

const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

/**
 * Turns one structured row into the same raw record a spreadsheet row becomes, so HTTP and SQL
 * sources go through exactly the transforms and validation that uploads do. A reference that
 * looks like a code (ascii, or digits) is tried as a code, anything else as a name.
 */
export function structuredToRaw(row: Record<string, unknown>, mapping: FieldMapping, source: string, index: number): RawRecord {
  const ref = (value: unknown) => {
    const raw = text(value)?.trim();
    if (!raw) return {};
    return /^[A-Za-z0-9_.-]+$/.test(raw) ? { code: raw } : { name: raw };
  };
  return {
    position: { file: source, row: index + 1 },
    columns: { indicator: mapping.indicator, region: mapping.region, period: mapping.period, value: mapping.value, ...(mapping.basis ? { basis: mapping.basis } : {}), ...(mapping.unit ? { unit: mapping.unit } : {}) },
    indicatorRef: ref(row[mapping.indicator]),
    regionRef: ref(row[mapping.region]),
    periodRaw: row[mapping.period],
    basisRaw: mapping.basis ? row[mapping.basis] : undefined,
    valueRaw: row[mapping.value],
    unitRaw: mapping.unit ? row[mapping.unit] : undefined,
    ...(mapping.note && text(row[mapping.note]) ? { note: text(row[mapping.note]) } : {}),
  };
}
