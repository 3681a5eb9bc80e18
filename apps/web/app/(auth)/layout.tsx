import type { ReactNode } from 'react';
import styles from '@/ui/auth/auth.module.css';

/** Sign-in: a quiet page of its own, no navigation. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <div className={styles.page}>{children}</div>;
}
