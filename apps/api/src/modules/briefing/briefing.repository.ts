import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BriefingArchiveEntry, BriefingDocument, NextStep, Period } from '@planwatch/shared';
import { DataSource, type EntityManager } from 'typeorm';

const LOCK_NAMESPACE = 'planwatch.briefing';

export type ArchiveFormat = 'html' | 'xlsx' | 'docx' | 'pdf';

export interface ArchiveWriter {
  store(period: Period, format: ArchiveFormat, bytes: Buffer, contentType: string): Promise<void>;
}

/** The briefing archive: files in stored_files (content-addressed), one current file per period and format. */
@Injectable()
export class BriefingRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Runs `work` once per (job, tick) across every process: advisory lock, then the run record
   * whose unique key refuses a second run of the same tick. Returns null when skipped.
   */
  async runOnce<T>(job: string, tickKey: string, trigger: 'schedule' | 'api', host: string, work: (archive: ArchiveWriter) => Promise<T>): Promise<T | null> {
    return this.db.transaction(async (tx) => {
      const [lock] = (await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked`, [LOCK_NAMESPACE, `${job}:${tickKey}`])) as Array<{ locked: boolean }>;
      if (!lock!.locked) return null;
      const key = trigger === 'schedule' ? tickKey : null;
      const [run] = (await tx.query(
        `INSERT INTO job_runs (job, tick_key, trigger, status, host, pid) VALUES ($1, $2, $3, 'running', $4, $5)
         ON CONFLICT (job, tick_key) WHERE tick_key IS NOT NULL DO NOTHING RETURNING id`,
        [job, key, trigger, host, process.pid],
      )) as Array<{ id: string }>;
      if (!run) return null;
      const result = await work({ store: (period, format, bytes, contentType) => this.store(tx, period, format, bytes, contentType, trigger) });
      await tx.query(`UPDATE job_runs SET status = 'succeeded', finished_at = now(), summary = $2 WHERE id = $1`, [run.id, JSON.stringify({ tickKey })]);
      return result;
    });
  }

  private async store(tx: EntityManager, period: Period, format: ArchiveFormat, bytes: Buffer, contentType: string, trigger: 'schedule' | 'api'): Promise<void> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await tx.query(`INSERT INTO stored_files (sha256, size, content_type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`, [sha256, bytes.length, contentType, bytes]);
    await tx.query(
      `INSERT INTO briefing_archive (period, format, sha256, size, trigger, generated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (period, format) DO UPDATE SET sha256 = EXCLUDED.sha256, size = EXCLUDED.size, trigger = EXCLUDED.trigger, generated_at = EXCLUDED.generated_at`,
      [period, format, sha256, bytes.length, trigger],
    );
  }

  /** A month's frozen document (null until its deadline has passed and it was first built) and the office's 下步工作. */
  async stored(period: Period): Promise<{ document: BriefingDocument | null; nextSteps: NextStep[] | null }> {
    const rows: Array<{ document: BriefingDocument | null; nextSteps: NextStep[] | null }> = await this.db.query(
      `SELECT document, next_steps AS "nextSteps" FROM briefing_documents WHERE period = $1`,
      [period],
    );
    return rows[0] ?? { document: null, nextSteps: null };
  }

  /** Freezes a month's document; the first freeze wins, so two processes end with the same one. */
  async freeze(period: Period, document: BriefingDocument): Promise<BriefingDocument> {
    const rows: Array<{ document: BriefingDocument }> = await this.db.query(
      `INSERT INTO briefing_documents (period, document, frozen_at) VALUES ($1, $2, now())
       ON CONFLICT (period) DO UPDATE SET document = COALESCE(briefing_documents.document, EXCLUDED.document),
                                          frozen_at = COALESCE(briefing_documents.frozen_at, EXCLUDED.frozen_at)
       RETURNING document`,
      [period, JSON.stringify(document)],
    );
    return rows[0]!.document;
  }

  /** The office's 下步工作 for a month, and the frozen document rewritten with them (if frozen). */
  async saveNextSteps(period: Period, steps: readonly NextStep[], userId: string, rewrite: (document: BriefingDocument) => BriefingDocument): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = (await tx.query(`SELECT document FROM briefing_documents WHERE period = $1 FOR UPDATE`, [period])) as Array<{ document: BriefingDocument | null }>;
      const document = row?.document ? JSON.stringify(rewrite(row.document)) : null;
      await tx.query(
        `INSERT INTO briefing_documents (period, document, frozen_at, next_steps, next_steps_by, next_steps_at)
         VALUES ($1, NULL, NULL, $2, $3, now())
         ON CONFLICT (period) DO UPDATE SET next_steps = EXCLUDED.next_steps, next_steps_by = EXCLUDED.next_steps_by,
                                            next_steps_at = EXCLUDED.next_steps_at, document = COALESCE($4::jsonb, briefing_documents.document)`,
        [period, JSON.stringify(steps), userId, document],
      );
    });
  }

  async list(): Promise<BriefingArchiveEntry[]> {
    const rows: Array<BriefingArchiveEntry & { generatedAt: Date }> = await this.db.query(
      `SELECT period, format, sha256, size, trigger, generated_at AS "generatedAt" FROM briefing_archive ORDER BY period DESC, format`,
    );
    return rows.map((r) => ({ ...r, generatedAt: new Date(r.generatedAt).toISOString() }));
  }

  async file(period: Period, format: ArchiveFormat): Promise<{ bytes: Buffer; contentType: string | null } | null> {
    const rows: Array<{ bytes: Buffer; contentType: string | null }> = await this.db.query(
      `SELECT f.bytes, f.content_type AS "contentType" FROM briefing_archive b JOIN stored_files f ON f.sha256 = b.sha256 WHERE b.period = $1 AND b.format = $2`,
      [period, format],
    );
    return rows[0] ?? null;
  }
}
