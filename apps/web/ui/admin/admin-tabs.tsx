'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './admin.module.css';

const TABS = [
  { href: '/admin/users', label: '用户' },
  { href: '/admin/targets', label: '规划目标' },
  { href: '/admin/rules', label: '预警规则' },
  { href: '/admin/channels', label: '通知通道' },
];

export function AdminTabs() {
  const path = usePathname() ?? '';
  return (
    <nav className={styles.tabs} aria-label="管理">
      {TABS.map((t) => (
        <Link key={t.href} href={t.href} aria-current={path.startsWith(t.href) ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
