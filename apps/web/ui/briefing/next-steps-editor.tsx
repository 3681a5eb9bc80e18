'use client';
/**
 * 下步工作 as the district office edits them before the briefing goes out: who (units separated
 * by 、), what, by when. Saved for the month; every format (Word, PDF, Excel, print) then carries them.
 */
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { NextStep, Period } from '@planwatch/shared';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { Button, Notice, kit } from '../kit/kit';
import styles from './briefing.module.css';

interface Row {
  owners: string;
  action: string;
  due: string;
}

const toRow = (s: NextStep): Row => ({ owners: s.owners.join('、'), action: s.action, due: s.due });
const toStep = (r: Row): NextStep => ({ owners: r.owners.split(/[、,，\s]+/).filter(Boolean), action: r.action.trim(), due: r.due.trim() });

export function NextStepsEditor({ period, steps }: { period: Period; steps: NextStep[] }) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(steps.map(toRow));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const set = (n: number, field: keyof Row, value: string) => setRows((all) => all.map((r, i) => (i === n ? { ...r, [field]: value } : r)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      await apiRequest(`/api/briefings/monthly/${period}/next-steps`, { method: 'PUT', json: { steps: rows.map(toStep) } });
      setOutcome({ kind: 'success', text: '已保存：各格式的通报均已采用修改后的下步工作。' });
      router.refresh();
    } catch (e) {
      setOutcome({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} aria-label="编辑下步工作" className={styles.steps}>
      <ol>
        {rows.map((r, n) => (
          <li key={n} className={styles.step}>
            <label className={kit.field}>
              <span>责任单位（用“、”分隔）</span>
              <input className={kit.input} value={r.owners} onChange={(e) => set(n, 'owners', e.target.value)} required />
            </label>
            <label className={`${kit.field} ${styles.action}`}>
              <span>工作内容</span>
              <input className={kit.input} value={r.action} onChange={(e) => set(n, 'action', e.target.value)} required minLength={2} maxLength={300} />
            </label>
            <label className={kit.field}>
              <span>完成时限</span>
              <input className={kit.input} value={r.due} onChange={(e) => set(n, 'due', e.target.value)} required minLength={2} maxLength={40} />
            </label>
            <Button size="sm" variant="danger" onClick={() => setRows((all) => all.filter((_, i) => i !== n))} aria-label={`删除第${n + 1}项`}>
              删除
            </Button>
          </li>
        ))}
      </ol>
      <div className={kit.row}>
        <Button size="sm" onClick={() => setRows((all) => [...all, { owners: '', action: '', due: '' }])}>
          ＋ 增加一项
        </Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? '保存中…' : '保存下步工作'}
        </Button>
      </div>
      {outcome ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null}
    </form>
  );
}
