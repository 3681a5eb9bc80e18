'use client';
/** 用户: every account with its role, department and state; create one; disable or enable it. */
import { useState, type FormEvent } from 'react';
import type { Role } from '@planwatch/shared';
import { apiRequest, errorMessage } from '@/lib/client-api';
import { formatDateTime } from '@/lib/format';
import { ROLE_LABELS, type SessionUser } from '@/lib/session';
import type { DepartmentView, UserView } from '@/lib/reporting-types';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { Button, DepartmentOptions, Notice, Tag, kit } from '../kit/kit';
import { useApi } from '../use-api';
import { ActionOutcome, useRowAction } from './row-action';
import tables from '../dashboard/tables.module.css';
import styles from './admin.module.css';

const ROLES: Role[] = ['reporter', 'reviewer', 'viewer', 'admin'];

function UserState({ user }: { user: UserView }) {
  if (!user.active) return <Tag glyph="⊘">已停用</Tag>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) return <Tag tone="yellow" glyph="◆">锁定至 {formatDateTime(user.lockedUntil)}</Tag>;
  return (
    <Tag tone="green" glyph="✔">
      启用
    </Tag>
  );
}

function CreateUser({ departments, onCreated }: { departments: DepartmentView[]; onCreated: (username: string) => void }) {
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'reporter' as Role, departmentCode: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsDepartment = form.role === 'reporter' || form.role === 'reviewer';
  const set = (field: keyof typeof form, value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiRequest('/api/users', {
        method: 'POST',
        json: { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password, role: form.role, ...(form.departmentCode ? { departmentCode: form.departmentCode } : {}) },
      });
      onCreated(form.username.trim());
      setForm({ username: '', displayName: '', password: '', role: 'reporter', departmentCode: '' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="新建用户">
      <div className={styles.form}>
        <label className={kit.field}>
          <span>用户名（小写字母、数字、_ . -）</span>
          <input className={kit.input} value={form.username} onChange={(e) => set('username', e.target.value)} pattern="[a-z0-9_.\-]{3,64}" required autoComplete="off" />
        </label>
        <label className={kit.field}>
          <span>姓名</span>
          <input className={kit.input} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} required maxLength={64} />
        </label>
        <label className={kit.field}>
          <span>初始密码（≥10位，含字母和数字）</span>
          <input className={kit.input} type="password" value={form.password} onChange={(e) => set('password', e.target.value)} required minLength={10} autoComplete="new-password" />
        </label>
        <label className={kit.field}>
          <span>角色</span>
          <select className={kit.input} value={form.role} onChange={(e) => set('role', e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className={kit.field}>
          <span>部门{needsDepartment ? '（必填）' : '（可选）'}</span>
          <select className={kit.input} value={form.departmentCode} onChange={(e) => set('departmentCode', e.target.value)} required={needsDepartment}>
            <option value="">—</option>
            <DepartmentOptions departments={departments} />
          </select>
        </label>
        <div>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? '正在创建…' : '创建用户'}
          </Button>
        </div>
      </div>
      {error ? (
        <div style={{ marginTop: 12 }}>
          <Notice kind="error">{error}</Notice>
        </div>
      ) : null}
    </form>
  );
}

export function UsersView({ me }: { me: SessionUser }) {
  const users = useApi<UserView[]>('/api/users');
  const departments = useApi<DepartmentView[]>('/api/departments');
  const { busy, run, notice, setNotice, error } = useRowAction();
  const names = new Map((departments.data ?? []).map((d) => [d.code, d.name]));

  const toggle = (user: UserView) =>
    run(user.id, async () => {
      await apiRequest(`/api/users/${user.id}`, { method: 'PATCH', json: { active: !user.active } });
      users.reload();
      return `${user.username} 已${user.active ? '停用（其登录会话同时失效）' : '启用'}`;
    });

  const editMobile = (user: UserView) => {
    const mobile = window.prompt(`${user.displayName}的手机号（11位，留空则删除）`, user.mobile ?? '');
    if (mobile === null) return;
    void run(user.id, async () => {
      await apiRequest(`/api/users/${user.id}`, { method: 'PATCH', json: { mobile: mobile.trim() } });
      users.reload();
      return mobile.trim() ? `${user.username} 的手机号已设为 ${mobile.trim()}` : `${user.username} 的手机号已删除`;
    });
  };

  return (
    <div className={styles.stack}>
      <ActionOutcome notice={notice} error={error} />
      <Panel title="新建用户">
        <CreateUser
          departments={departments.data ?? []}
          onCreated={(name) => {
            setNotice(`已创建用户 ${name}`);
            users.reload();
          }}
        />
      </Panel>
      <Panel title="用户列表" meta={users.data ? <span>共 {users.data.length} 个</span> : null} exportName="用户列表">
        <Loaded data={users.data} error={users.error} failure="用户加载失败" lines={6}>
          {(userList) => (
            <div className={tables.scroll}>
              <table className={tables.table} aria-label="用户列表">
                <thead>
                  <tr>
                    <th>用户名</th>
                    <th>姓名</th>
                    <th>角色</th>
                    <th>部门</th>
                    <th>手机号（督办@提醒）</th>
                    <th>状态</th>
                    <th className={tables.num}>连续登录失败</th>
                    <th data-xlsx-skip>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {userList.map((u) => (
                    <tr key={u.id} data-user={u.username}>
                      <td className={tables.nowrap}>{u.username}</td>
                      <td>{u.displayName}</td>
                      <td>{ROLE_LABELS[u.role]}</td>
                      <td>{u.departmentCode ? (names.get(u.departmentCode) ?? u.departmentCode) : '—'}</td>
                      <td className={tables.nowrap}>
                        {u.mobile ?? '—'}{' '}
                        <span data-xlsx-skip>
                          <Button size="sm" onClick={() => editMobile(u)} disabled={busy === u.id}>
                            修改
                          </Button>
                        </span>
                      </td>
                      <td>
                        <UserState user={u} />
                      </td>
                      <td className={tables.num}>{u.failedLogins}</td>
                      <td data-xlsx-skip>
                        {u.id === me.userId ? (
                          <span className={styles.code}>当前账号</span>
                        ) : (
                          <Button size="sm" variant={u.active ? 'danger' : 'secondary'} onClick={() => toggle(u)} disabled={busy === u.id}>
                            {u.active ? '停用' : '启用'}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
    </div>
  );
}
