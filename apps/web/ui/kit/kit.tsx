/**
 * Building blocks of the signed-in pages. Every state is written out (icon and text), never
 * shown by colour alone.
 */
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import styles from './kit.module.css';

export type Tone = 'neutral' | 'blue' | 'green' | 'yellow' | 'red' | 'violet';

export function Button({
  variant = 'secondary',
  size = 'md',
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger'; size?: 'md' | 'sm' }) {
  const classes = [styles.button, variant === 'primary' ? styles.primary : variant === 'danger' ? styles.danger : '', size === 'sm' ? styles.small : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <button type="button" {...rest} className={classes} />;
}

/** A link that looks like a button. */
export function ButtonLink({ href, children, variant = 'secondary', download, size = 'md' }: { href: string; children: ReactNode; variant?: 'primary' | 'secondary'; download?: boolean; size?: 'md' | 'sm' }) {
  return (
    <a href={href} className={`${styles.button} ${variant === 'primary' ? styles.primary : ''} ${size === 'sm' ? styles.small : ''}`} download={download ? '' : undefined}>
      {children}
    </a>
  );
}

const NOTICE_ICON = { info: 'ℹ', success: '✔', warning: '▲', error: '✖' } as const;

export function Notice({ kind = 'info', title, children }: { kind?: keyof typeof NOTICE_ICON; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`${styles.notice} ${styles[kind]}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span aria-hidden>{NOTICE_ICON[kind]}</span>
      <div>
        {title ? <strong>{title}</strong> : null}
        {title && children ? ' ' : null}
        {children}
      </div>
    </div>
  );
}

/** A small pill with a glyph and its text. */
export function Tag({ tone = 'neutral', glyph, children, title }: { tone?: Tone; glyph?: string; children: ReactNode; title?: string }) {
  return (
    <span className={`${styles.tag} ${styles[`tag_${tone}`]}`} title={title}>
      {glyph ? <span aria-hidden>{glyph}</span> : null}
      {children}
    </span>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className={styles.empty}>{children}</div>;
}

export { styles as kit };

/** One option per department, for the department pickers. */
export function DepartmentOptions({ departments }: { departments: ReadonlyArray<{ code: string; name: string }> }) {
  return departments.map((d) => (
    <option key={d.code} value={d.code}>
      {d.name}
    </option>
  ));
}
