'use client';
/** Who is signed in (name, role, department) and 退出登录. */
import { useState } from 'react';
import { ROLE_LABELS, type SessionUser } from '@/lib/session';
import styles from './shell.module.css';

export function UserMenu({ user }: { user: SessionUser }) {
  const [leaving, setLeaving] = useState(false);
  const logout = async () => {
    setLeaving(true);
    try {
      await fetch('/session', { method: 'DELETE', credentials: 'same-origin' });
    } finally {
      window.location.assign('/login?reason=logout');
    }
  };
  return (
    <details className={styles.menu} data-testid="user-menu">
      {/* The name a screen reader announces contains what is shown (WCAG 2.5.3): no aria-label. */}
      <summary>
        <span className="visually-hidden">当前用户</span>
        <span className={styles.avatar} aria-hidden>
          {user.username.slice(0, 1)}
        </span>
        <span className={styles.who}>
          <span>{user.username}</span>
          <small>
            {ROLE_LABELS[user.role]}
            {user.departmentName ? ` · ${user.departmentName}` : ''}
          </small>
        </span>
        <span aria-hidden>▾</span>
      </summary>
      <div className={styles.dropdown}>
        <dl>
          <dt>用户</dt>
          <dd>{user.username}</dd>
          <dt>角色</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>部门</dt>
          <dd>{user.departmentName ?? user.departmentCode ?? '—'}</dd>
        </dl>
        <hr />
        <a href="/account">修改密码</a>
        <button type="button" onClick={logout} disabled={leaving}>
          {leaving ? '正在退出…' : '退出登录'}
        </button>
      </div>
    </details>
  );
}
