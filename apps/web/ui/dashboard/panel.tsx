import type { ReactNode } from 'react';
import { TableExport } from '../export/table-export';
import styles from './panel.module.css';

/**
 * A titled card. `meta` sits on the right of the title (数据截至, flags, links). Any table in
 * its body can be exported as XLSX (the file is named after `exportName` or the title).
 */
export function Panel({
  title,
  meta,
  children,
  id,
  className,
  exportName,
}: {
  title: ReactNode;
  meta?: ReactNode;
  children: ReactNode;
  id?: string;
  className?: string;
  exportName?: string;
}) {
  return (
    <section className={`${styles.panel} ${className ?? ''}`} id={id}>
      <header className={styles.head}>
        <h2>{title}</h2>
        {meta ? <div className={styles.meta}>{meta}</div> : null}
      </header>
      <div className={styles.body}>
        <TableExport name={exportName ?? (typeof title === 'string' ? title : '表格')}>{children}</TableExport>
      </div>
    </section>
  );
}

/** The page title row with a subtitle and marks. */
export function PageHeader({ title, subtitle, marks, crumbs }: { title: ReactNode; subtitle?: ReactNode; marks?: ReactNode; crumbs?: ReactNode }) {
  return (
    <div className={styles.pageHeader}>
      {crumbs ? <div className={styles.crumbs}>{crumbs}</div> : null}
      <div className={styles.titleRow}>
        <h1>{title}</h1>
        {marks ? <div className={styles.marks}>{marks}</div> : null}
      </div>
      {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
    </div>
  );
}

export function AsOf({ children }: { children: ReactNode }) {
  return <span className={styles.asOf}>{children}</span>;
}
