import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { Notice } from '@/ui/kit/kit';
import { ReviewView } from '@/ui/reporting/review-view';

export const metadata = { title: '审核' };

export default async function ReviewPage() {
  const user = await requireUser('/reporting/review');
  return (
    <>
      <PageHeader
        title="审核"
        subtitle={user.departmentName ? `${user.departmentName} · 审核范围内已提交待审核的报送` : '已提交待审核的报送'}
      />
      {user.role === 'reviewer' || user.role === 'admin' ? <ReviewView /> : <Notice kind="warning">只有审核员可以审核报送数据。</Notice>}
    </>
  );
}
