'use client';
/**
 * 导出XLSX for every table inside: wraps server- or client-rendered content and reads the
 * tables as displayed (one sheet each). The button is rendered with the page and hidden by CSS
 * (`:has`) while no exportable table is inside, so it never shifts the layout on hydration. Columns
 * styled as numbers are written as numbers; text is escaped against formula injection;
 * elements marked `data-xlsx-skip` (action buttons) are left out.
 */
import { useRef, useState, type ReactNode } from 'react';
import { cellValue, safeFileName, sheetNames, type SheetData } from '@/lib/xlsx-cells';
import styles from './table-export.module.css';

const isNumericCell = (cell: HTMLTableCellElement) => [...cell.classList].some((c) => c === 'num' || c.endsWith('_num'));

function cellText(cell: HTMLElement): string {
  if (cell.dataset.xlsx !== undefined) return cell.dataset.xlsx;
  const clone = cell.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('[data-xlsx-skip], button, svg').forEach((n) => n.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function readTable(table: HTMLTableElement, fallbackName: string): SheetData {
  const lines: Array<Array<string | number>> = [];
  for (const tr of table.rows) {
    if (tr.closest('[data-xlsx-skip]')) continue;
    const line: Array<string | number> = [];
    for (const cell of tr.cells) {
      if (cell.hasAttribute('data-xlsx-skip')) continue;
      const isHead = cell.tagName === 'TH' && tr.parentElement?.tagName === 'THEAD';
      line.push(isHead ? cellText(cell) : cellValue(cellText(cell), isNumericCell(cell)));
      for (let i = 1; i < cell.colSpan; i += 1) line.push('');
    }
    lines.push(line);
  }
  const caption = table.caption?.textContent?.trim() || table.getAttribute('aria-label') || fallbackName;
  const hasHead = table.tHead !== null && table.tHead.rows.length > 0;
  const header = hasHead ? (lines.shift() ?? []).map(String) : [];
  return { name: caption, header, rows: lines };
}

export function TableExport({ name, children }: { name: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const exportXlsx = async () => {
    const host = ref.current;
    if (!host) return;
    setBusy(true);
    setFailed(null);
    try {
      const tables = [...host.querySelectorAll<HTMLTableElement>('table:not([data-xlsx-skip])')];
      const sheets = tables.map((t, i) => readTable(t, tables.length > 1 ? `${name}${i + 1}` : name));
      const names = sheetNames(sheets.map((s) => s.name));
      const { workbookBlob } = await import('./xlsx-writer');
      const blob = await workbookBlob(
        sheets.map((s, i) => ({ ...s, name: names[i]! })),
        name,
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${safeFileName(name)}.xlsx`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={ref} className={styles.wrap}>
      <div className={styles.bar} data-xlsx-skip>
        {failed ? <span className={styles.failed} role="alert">导出失败：{failed}</span> : null}
        <button type="button" className={styles.button} onClick={exportXlsx} disabled={busy} title="把本区域的表格导出为Excel文件">
          {busy ? '正在导出…' : '导出XLSX'}
        </button>
      </div>
      {children}
    </div>
  );
}
