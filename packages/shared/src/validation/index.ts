export { documentIssues, formatDocumentPath } from './document-issues.js';
export type { DocumentIssue, DocumentPathSegment } from './document-issues.js';
