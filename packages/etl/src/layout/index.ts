export { recogniseLayout, type ColumnSpec, type RecogniseOptions, type SheetLayout } from './recognise-layout.js';
export { recordsFromRows, rowToRecords, type LayoutEvent, type RecordsOptions, type RowOutcome } from './records.js';
export { BASIS_VALUE_HEADERS, HEADER_SYNONYMS, type FieldRole } from './headers.js';
