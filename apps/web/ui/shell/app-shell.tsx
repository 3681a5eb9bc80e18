/**
 * The page frame of every audience except the wall screen: brand, navigation (what the
 * signed-in user's role may use), the user menu or a 登录 link, and the footer. Server
 * component: the user comes from the session cookie (lib/session-server.ts). On a phone the
 * header keeps one row: the brand, the user menu or 登录, and 菜单, which opens the navigation.
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { reviewsDistrictWide } from '@planwatch/shared';
import { currentUser } from '@/lib/session-server';
import type { SessionUser } from '@/lib/session';
import { NavLinks, type NavItem } from './nav-links';
import { PhoneMenu } from './phone-menu';
import { UserMenu } from './user-menu';
import styles from './shell.module.css';

const PUBLIC_NAV: NavItem[] = [
  { href: '/', label: '首页', exact: true },
  { href: '/m', label: '手机速览', phoneOnly: true },
  { href: '/overview', label: '总览' },
  { href: '/projects', label: '重点项目' },
  { href: '/briefing', label: '月度通报' },
];

function userNav(user: SessionUser | null): NavItem[] {
  if (!user) return [];
  const items: NavItem[] = [{ href: '/alerts', label: '预警' }, { href: '/supervision', label: '督办' }];
  if (user.role === 'admin' || user.role === 'viewer') items.push({ href: '/ranking', label: '红黑榜' });
  if (user.role === 'reporter' || user.role === 'admin') items.push({ href: '/reporting', label: '填报', exact: true, also: ['/reporting/upload', '/reporting/entry', '/reporting/batches'] });
  if (user.role === 'reviewer' || user.role === 'admin') items.push({ href: '/reporting/review', label: '审核' });
  if (user.role === 'admin' || user.role === 'viewer' || reviewsDistrictWide(user)) items.push({ href: '/reporting/progress', label: '报送进度' });
  if (user.role === 'admin') items.push({ href: '/admin/users', label: '管理', also: ['/admin'] });
  return items;
}

export async function AppShell({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <div className={styles.shell}>
      <header className={styles.top}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden>
            PW
          </span>
          <span className={styles.brandName}>
            上党区产业布局规划监测
            <small>PlanWatch</small>
          </span>
          <span className={styles.brandShort}>上党区规划监测</span>
        </Link>
        <nav className={styles.nav} aria-label="主导航">
          <NavLinks items={PUBLIC_NAV.filter((item) => !item.phoneOnly)} />
          {user ? (
            <span className={styles.navGroup}>
              <NavLinks items={userNav(user)} />
            </span>
          ) : null}
          <a href="/screen" target="_blank" rel="noreferrer" className={styles.screenLink}>
            大屏 ↗
          </a>
        </nav>
        <div className={styles.right}>
          {user ? (
            <UserMenu user={user} />
          ) : (
            <Link href="/login" className={styles.login}>
              登录
            </Link>
          )}
          <PhoneMenu>
            <NavLinks items={[...PUBLIC_NAV, ...userNav(user)]} />
            <a href="/screen" target="_blank" rel="noreferrer">
              大屏 ↗
            </a>
          </PhoneMenu>
        </div>
      </header>
      <main className={styles.main}>{children}</main>
      <footer className={styles.footer}>
        依据《长治市上党区产业布局专项规划（2021-2035年）》· 标注“示例数据”“示意目标”的数字不是官方数据
      </footer>
    </div>
  );
}
