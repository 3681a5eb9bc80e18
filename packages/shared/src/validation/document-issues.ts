/**
 * Problems in a YAML document (the plan file, ETL job files) as their authors read them: a path
 * in the document's own terms and a message per problem. One formatter for every such file.
 */
import type { z } from 'zod';

/** A step into a parsed document: a key or a list index. */
export type DocumentPathSegment = string | number;

export interface DocumentIssue {
  path: DocumentPathSegment[];
  message: string;
}

/** `indicators[3].unit`, `source["x-y"]`, or `(root)` for the document itself. */
export function formatDocumentPath(path: readonly DocumentPathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** A zod issue in those terms: each unknown key on its own path, a missing value as required, an unknown union member named. */
export function documentIssues(issue: z.core.$ZodIssue): DocumentIssue[] {
  const path = issue.path.filter((s): s is DocumentPathSegment => typeof s === 'string' || typeof s === 'number');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"` }));
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return [{ path, message: `required (expected ${issue.expected})` }];
  }
  // zod's own wording for an unknown discriminator, said plainly; a schema's custom message stays as written.
  const ZOD_DISCRIMINATOR = 'Invalid discriminator value. ';
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator !== undefined && issue.message.startsWith(ZOD_DISCRIMINATOR)) {
    return [{ path, message: `unknown ${issue.discriminator}; ${issue.message.slice(ZOD_DISCRIMINATOR.length)}` }];
  }
  return [{ path, message: issue.message }];
}
