'use client';
/**
 * 上传填报文件: choose (or drop) the filled template or any XLSX/XLS/CSV with the same columns; the
 * API reads it into a preview batch and the browser goes to that batch to check and submit it.
 */
import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { BatchRecord, Period } from '@planwatch/shared';
import { apiRequest, errorMessage, query } from '@/lib/client-api';
import { Panel } from '../dashboard/panel';
import { Button, ButtonLink, Notice, kit } from '../kit/kit';
import { PeriodInput } from './period-input';
import { replaceQuery } from './url-state';
import styles from './reporting.module.css';

const ACCEPT = '.xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv';

export function UploadView({ initialPeriod }: { initialPeriod: Period }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [period, setPeriod] = useState<Period>(initialPeriod);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = (f: File | null | undefined) => {
    setError(null);
    setFile(f ?? null);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    pick(event.dataTransfer.files[0]);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.set('file', file, file.name);
    form.set('period', period);
    try {
      const batch = await apiRequest<BatchRecord>('/api/reporting/submissions', { method: 'POST', form });
      router.push(`/reporting/batches/${batch.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <div className={styles.stack}>
      <Panel title="选择文件">
        <form onSubmit={submit} className={styles.actions} aria-label="上传填报文件">
          <div className={kit.row}>
            <PeriodInput
              value={period}
              onChange={(p) => {
                setPeriod(p);
                replaceQuery({ period: p });
              }}
            />
            <ButtonLink href={`/api/reporting/template${query({ period })}`} download>
              ⤓ 下载{period}模板
            </ButtonLink>
          </div>
          <div
            className={`${styles.dropzone} ${over ? styles.over : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <strong>把填好的 Excel（.xlsx、.xls）或 CSV 文件拖到这里，或</strong>
            <input ref={input} type="file" name="file" accept={ACCEPT} onChange={(e) => pick(e.target.files?.[0])} aria-label="选择填报文件" />
            {file ? (
              <span>
                已选择：<b>{file.name}</b>（{Math.max(1, Math.round(file.size / 1024))} KB）
              </span>
            ) : (
              <span className={styles.small}>文件中每一行都必须属于 {period}；上传后先显示预览，不会直接生效。</span>
            )}
          </div>
          {error ? <Notice kind="error" title="文件未能读取：">{error}</Notice> : null}
          <div className={styles.actionRow}>
            <Button type="submit" variant="primary" disabled={!file || busy}>
              {busy ? '正在上传并校验…' : '上传并预览'}
            </Button>
            <ButtonLink href={`/reporting${query({ period })}`}>返回我的任务</ButtonLink>
          </div>
        </form>
      </Panel>
    </div>
  );
}
