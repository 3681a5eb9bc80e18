/**
 * The department inbox: a folder per department (INBOX_DIR/<department code>/) where bureaus,
 * towns and zones drop their Excel/CSV files. New files are picked up oldest first; after the
 * load commits (or is refused) each file is moved to `processed/` or `failed/` in its folder,
 * and a report (`<file>.report.txt`, Chinese) is written beside every failed file and every
 * file whose rows were partly quarantined.
 */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboxSourceConfig } from './job-definition.js';
import type { UnitOutcome } from './outcome.js';
import { formatUnitReport } from './report.js';

/** Excel's lock files (~$…), editors' temp files and hidden files are never picked up. */
function ignored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('.tmp') || name.endsWith('.part') || name.endsWith('.report.txt');
}

/** A file in the inbox and the department whose folder holds it (null: dropped at the top level, outside any). */
export interface InboxFile {
  file: string;
  departmentCode: string | null;
}

/** One folder per department (INBOX_DIR/<department code>/), so whoever writes to a folder writes only that department's figures. */
export async function ensureDepartmentFolders(dir: string, departmentCodes: readonly string[]): Promise<void> {
  for (const code of departmentCodes) await mkdir(path.join(dir, code), { recursive: true });
}

/**
 * Files ready to load: the configured extensions, settled (not modified in the last seconds,
 * by the file system's own clock), oldest first — in each department's folder, and at the top
 * level (where they belong to no department and are refused). Other folders are left alone.
 */
export async function listInbox(source: InboxSourceConfig, departmentCodes: readonly string[], now: Date = new Date()): Promise<InboxFile[]> {
  await mkdir(source.dir, { recursive: true });
  await ensureDepartmentFolders(source.dir, departmentCodes);
  const ready: Array<InboxFile & { mtime: number }> = [];
  for (const departmentCode of [null, ...departmentCodes]) {
    const folder = departmentCode === null ? source.dir : path.join(source.dir, departmentCode);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (!entry.isFile() || ignored(entry.name)) continue;
      if (!source.extensions.includes(path.extname(entry.name).toLowerCase())) continue;
      const file = path.join(folder, entry.name);
      const info = await stat(file).catch(() => undefined);
      if (!info) continue;
      if (now.getTime() - info.mtimeMs < source.settleSeconds * 1000) continue;
      ready.push({ file, departmentCode, mtime: info.mtimeMs });
    }
  }
  return ready.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file)).map(({ file, departmentCode }) => ({ file, departmentCode }));
}

async function freeName(dir: string, name: string, runId: string): Promise<string> {
  const candidate = path.join(dir, name);
  const exists = await stat(candidate).then(
    () => true,
    () => false,
  );
  if (!exists) return candidate;
  const ext = path.extname(name);
  return path.join(dir, `${name.slice(0, name.length - ext.length)}.${runId.slice(0, 8)}${ext}`);
}

/** Moves the file to processed/ or failed/ beside it (in its department's folder) and writes its report; returns both paths. */
export async function settleInboxFile(
  source: InboxSourceConfig,
  file: string,
  outcome: UnitOutcome,
  context: { runId: string; job: string; timeZone: string; at?: Date },
): Promise<{ movedTo?: string; reportFile?: string }> {
  const ok = outcome.status === 'loaded' || outcome.status === 'quarantined';
  const dir = path.resolve(path.dirname(file), ok ? source.processedDir : source.failedDir);
  await mkdir(dir, { recursive: true });
  const target = await freeName(dir, path.basename(file), context.runId);
  await rename(file, target);
  const result: { movedTo?: string; reportFile?: string } = { movedTo: target };
  if (outcome.status !== 'loaded') {
    const reportFile = `${target}.report.txt`;
    const text = formatUnitReport(outcome, outcome.rejects, { at: context.at ?? new Date(), timeZone: context.timeZone, job: context.job, runId: context.runId });
    await writeFile(reportFile, text, 'utf8');
    result.reportFile = reportFile;
  }
  return result;
}
