import type { SampleSupervision } from '@planwatch/shared';
import type { DataSource } from 'typeorm';

/**
 * Writes the sample 督办 (is_sample), replacing the previous ones, so every start shows them
 * dated from today. 督办 people opened or changed by hand are never touched.
 */
export class SupervisionSampleRepository {
  constructor(private readonly db: DataSource) {}

  async replace(samples: readonly SampleSupervision[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM supervisions WHERE is_sample`);
      const users = new Map(
        ((await tx.query(`SELECT id, username FROM users`)) as Array<{ id: string; username: string }>).map((u) => [u.username, u.id]),
      );
      const userId = (username: string | null) => {
        if (username === null) return null;
        const id = users.get(username);
        if (!id) throw new Error(`sample 督办: no demo account "${username}"`);
        return id;
      };
      for (const s of samples) {
        const at = (kind: string) => s.steps.filter((st) => st.kind === kind).map((st) => st.at);
        const replies = at('replied');
        const [{ id }] = (await tx.query(
          `INSERT INTO supervisions (title, subject, subject_label, request, department_code, state, working_days, deadline, opened_by, opened_at,
                                     signed_at, first_reply_at, last_reply_at, closed_at, is_sample)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, true) RETURNING id::text AS id`,
          [s.title, JSON.stringify(s.subject), s.subjectLabel, s.request, s.departmentCode, s.state, s.workingDays, s.deadline, userId(s.openedBy), s.openedAt,
            at('signed')[0] ?? null, replies[0] ?? null, replies.at(-1) ?? null, at('closed')[0] ?? null],
        )) as [{ id: string }];
        for (const step of s.steps) {
          await tx.query(
            `INSERT INTO supervision_steps (supervision_id, kind, at, user_id, state_before, state_after, comment, reply) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [id, step.kind, step.at, userId(step.username), step.stateBefore, step.stateAfter, step.comment ?? null, step.reply ? JSON.stringify(step.reply) : null],
          );
        }
      }
      return samples.length;
    });
  }
}
