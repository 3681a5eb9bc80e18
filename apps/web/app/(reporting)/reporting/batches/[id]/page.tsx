import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { BatchView } from '@/ui/reporting/batch-view';

export const metadata = { title: '报送批次' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const user = await requireUser(`/reporting/batches/${id}`);
  return (
    <>
      <PageHeader
        title="报送批次"
        crumbs={
          <>
            <Link href="/reporting">我的任务</Link>
            {user.role === 'reviewer' || user.role === 'admin' ? (
              <>
                {' · '}
                <Link href="/reporting/review">审核</Link>
              </>
            ) : null}
          </>
        }
        subtitle={`批次编号 ${id}`}
      />
      <BatchView id={id} user={user} />
    </>
  );
}
