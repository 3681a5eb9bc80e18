'use client';
/** 用户名 + 密码 → POST /session (sets the httpOnly session cookies) → where the user was going. */
import { useState, type FormEvent } from 'react';
import { homeFor, type SessionUser } from '@/lib/session';
import { Button, Notice, kit } from '../kit/kit';
import styles from './auth.module.css';

export function LoginForm({ next }: { next: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username, password }),
        credentials: 'same-origin',
      });
      const body = (await response.json().catch(() => ({}))) as { user?: SessionUser; message?: string | string[] };
      if (!response.ok || !body.user) {
        const message = Array.isArray(body.message) ? body.message.join('；') : body.message;
        setError(response.status === 429 ? (message ?? '尝试次数过多，请稍后再试') : (message ?? `登录失败（${response.status}）`));
        setBusy(false);
        return;
      }
      window.location.assign(body.user.mustChangePassword ? '/account' : (next ?? homeFor(body.user.role)));
    } catch (e) {
      setError(`无法连接服务：${e instanceof Error ? e.message : String(e)}`);
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="登录">
      <label className={kit.field}>
        <span>用户名</span>
        <input className={kit.input} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
      </label>
      <label className={kit.field}>
        <span>密码</span>
        <input className={kit.input} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Button type="submit" variant="primary" className={styles.submit} disabled={busy || !username || !password}>
        {busy ? '正在登录…' : '登录'}
      </Button>
    </form>
  );
}
