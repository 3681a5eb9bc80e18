import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './dashboard.module.css';

const NAV = [
  { href: '/', label: '首页' },
  { href: '/overview', label: '总览' },
  { href: '/projects', label: '重点项目' },
] as const;

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.shell}>
      <header className={styles.top}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden>
            PW
          </span>
          <span>
            上党区产业布局规划监测
            <small>PlanWatch</small>
          </span>
        </Link>
        <nav className={styles.nav} aria-label="主导航">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href}>
              {item.label}
            </Link>
          ))}
          <a href="/screen" target="_blank" rel="noreferrer" className={styles.screenLink}>
            大屏 ↗
          </a>
        </nav>
      </header>
      <main className={styles.main}>{children}</main>
      <footer className={styles.footer}>
        依据《长治市上党区产业布局专项规划（2021-2035年）》· 标注“示例数据”“示意目标”的数字不是官方数据
      </footer>
    </div>
  );
}
