'use client';
import { useEffect } from 'react';
import styles from './pages.module.css';

/** A page that failed as a whole (its widgets catch their own errors). */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className={styles.stack}>
      <h1>页面加载失败</h1>
      <p className={styles.muted}>{error.message || '数据服务暂时不可用。'}</p>
      <p>
        <button type="button" onClick={reset}>
          重试
        </button>
      </p>
    </div>
  );
}
