import { requireUser } from '@/lib/session-server';
import { RulesView } from '@/ui/admin/rules-view';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';

export const metadata = { title: '预警规则' };

export default async function RulesPage() {
  const user = await requireUser('/admin/rules');
  return (
    <>
      <PageHeader title="预警规则" subtitle="每条规则的参数、级别、范围和计划；停用规则会悄悄解除它的活动预警（保留历史）。" />
      {user.role === 'admin' ? <RulesView /> : <Notice kind="warning">只有管理员可以管理预警规则。</Notice>}
    </>
  );
}
