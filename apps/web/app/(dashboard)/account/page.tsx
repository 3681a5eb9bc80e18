import { PASSWORD_CHANGE_PATH, requireUser } from '@/lib/session-server';
import { ROLE_LABELS } from '@/lib/session';
import { PasswordForm } from '@/ui/account/password-form';
import { PageHeader, Panel } from '@/ui/dashboard/panel';

export const metadata = { title: '账号' };

export default async function AccountPage() {
  const user = await requireUser(PASSWORD_CHANGE_PATH);
  return (
    <>
      <PageHeader title="账号" subtitle={`${user.username} · ${ROLE_LABELS[user.role]}${user.departmentName ? ` · ${user.departmentName}` : ''}`} />
      <Panel title="修改密码">
        <PasswordForm firstSignIn={user.mustChangePassword} />
      </Panel>
    </>
  );
}
