'use client';
/** 修改密码: POST /api/auth/password; the API then revokes every session, so sign in again. */
import { useState, type FormEvent } from 'react';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { Button, Notice, kit } from '../kit/kit';

/** `firstSignIn`: the first administrator of a production install, who must choose a password before anything else. */
export function PasswordForm({ firstSignIn = false }: { firstSignIn?: boolean }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = next && next.length < 10 ? '新密码至少10位，且包含字母和数字' : again && again !== next ? '两次输入的新密码不一致' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await apiRequest('/api/auth/password', { method: 'POST', json: { currentPassword: current, newPassword: next } });
      await fetch('/session', { method: 'DELETE', credentials: 'same-origin' });
      window.location.assign('/login?reason=password');
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} style={{ display: 'flex', flexDirection: 'column', gap: 14, maxWidth: 420 }} aria-label="修改密码">
      {firstSignIn ? <Notice kind="warning">首次登录，请先修改初始密码；修改后才能使用其他功能。</Notice> : null}
      <label className={kit.field}>
        <span>当前密码</span>
        <input className={kit.input} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </label>
      <label className={kit.field}>
        <span>新密码（至少10位，含字母和数字）</span>
        <input className={kit.input} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} />
      </label>
      <label className={kit.field}>
        <span>再次输入新密码</span>
        <input className={kit.input} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
      </label>
      {problem ? <Notice kind="warning">{problem}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div>
        <Button type="submit" variant="primary" disabled={busy || !current || !next || next !== again || !!problem}>
          {busy ? '正在修改…' : '修改密码'}
        </Button>
      </div>
      <p style={{ margin: 0, fontSize: 'var(--fs-sm)', color: 'var(--text-muted)' }}>修改后所有已登录的浏览器都会退出，请用新密码重新登录。</p>
    </form>
  );
}
