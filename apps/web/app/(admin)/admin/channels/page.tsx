import { requireUser } from '@/lib/session-server';
import { ChannelsView } from '@/ui/admin/channels-view';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';

export const metadata = { title: '通知通道' };

export default async function ChannelsPage() {
  const user = await requireUser('/admin/channels');
  return (
    <>
      <PageHeader title="通知通道" subtitle="企业微信、钉钉机器人、邮件和 Webhook：发送方式、是否故障、限流暂停和待发消息；测试发送检查通道是否可用。" />
      {user.role === 'admin' ? <ChannelsView /> : <Notice kind="warning">只有管理员可以管理通知通道。</Notice>}
    </>
  );
}
