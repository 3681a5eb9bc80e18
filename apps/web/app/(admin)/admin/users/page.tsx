import { requireUser } from '@/lib/session-server';
import { UsersView } from '@/ui/admin/users-view';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';

export const metadata = { title: '用户管理' };

export default async function UsersPage() {
  const user = await requireUser('/admin/users');
  return (
    <>
      <PageHeader title="用户管理" subtitle="填报员和审核员必须属于一个部门；停用的账号立即不能登录，已登录的会话随之失效。" />
      {user.role === 'admin' ? <UsersView me={user} /> : <Notice kind="warning">只有管理员可以管理用户。</Notice>}
    </>
  );
}
