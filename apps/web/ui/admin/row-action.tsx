'use client';
/** One-click actions on the rows of an admin list (启用/停用): which row is busy, and how the last action went. */
import { useState } from 'react';
import { errorMessage } from '@/lib/client-api';
import { Notice } from '../kit/kit';

export function useRowAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Runs `action` for the row `key`; the text it resolves to becomes the notice, its failure the error. */
  const run = async (key: string, action: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    try {
      setNotice(await action());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return { busy, run, notice, setNotice, error };
}

export function ActionOutcome({ notice, error }: { notice: string | null; error: string | null }) {
  return (
    <>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </>
  );
}
