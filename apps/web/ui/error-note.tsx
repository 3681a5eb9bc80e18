import styles from './error-note.module.css';

/** A panel-sized message when the data behind it could not be loaded. */
export function ErrorNote({ title = '数据加载失败', error }: { title?: string; error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className={styles.note} role="alert">
      <strong>{title}</strong>
      <span>{message}</span>
    </div>
  );
}
