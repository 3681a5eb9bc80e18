import Link from 'next/link';
import { currentUser } from '@/lib/session-server';
import { homeFor, ROLE_LABELS, safeNextPath } from '@/lib/session';
import { LoginForm } from '@/ui/auth/login-form';
import { Notice } from '@/ui/kit/kit';
import styles from '@/ui/auth/auth.module.css';

export const metadata = { title: '登录' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const REASONS: Record<string, { kind: 'info' | 'warning'; text: string }> = {
  expired: { kind: 'warning', text: '登录已过期，请重新登录。' },
  logout: { kind: 'info', text: '已退出登录。' },
  password: { kind: 'info', text: '密码已修改，请用新密码登录。' },
};

export default async function LoginPage({ searchParams }: Props) {
  const q = await searchParams;
  const next = safeNextPath(typeof q.next === 'string' ? q.next : null);
  const reason = typeof q.reason === 'string' ? REASONS[q.reason] : undefined;
  const user = await currentUser();
  return (
    <main className={styles.card}>
      <div className={styles.brand}>
        <span className={styles.logo} aria-hidden>
          PW
        </span>
        <div>
          <h1>上党区产业布局规划监测</h1>
          <p>部门填报 · 审核 · 预警 · 管理</p>
        </div>
      </div>
      {user && !reason ? (
        <div className={styles.signedIn}>
          <Notice kind="info">
            已登录为 <b>{user.username}</b>（{ROLE_LABELS[user.role]}
            {user.departmentName ? ` · ${user.departmentName}` : ''}）。
          </Notice>
          <p>
            <Link href={next ?? homeFor(user.role)}>继续 →</Link>
          </p>
          <p className={styles.foot}>如需切换账号，请先在右上角菜单中退出登录。</p>
        </div>
      ) : (
        <>
          {reason ? <Notice kind={reason.kind}>{reason.text}</Notice> : null}
          <LoginForm next={next} />
        </>
      )}
      <p className={styles.foot}>
        <Link href="/">返回首页</Link> · 大屏与总览页面无需登录
      </p>
    </main>
  );
}
