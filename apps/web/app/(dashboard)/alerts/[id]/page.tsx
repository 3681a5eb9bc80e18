import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/session-server';
import { AlertDetailView } from '@/ui/alerts/alert-detail';
import { PageHeader } from '@/ui/dashboard/panel';

export const metadata = { title: '预警详情' };

/** One alert: where a message about it links to (through /login when signed out). */
export default async function AlertDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9][0-9]{0,17}$/.test(id)) notFound();
  const user = await requireUser(`/alerts/${encodeURIComponent(id)}`);
  return (
    <>
      <PageHeader title={`预警 #${id}`} crumbs={<Link href="/alerts">预警</Link>} />
      <AlertDetailView id={id} user={user} />
    </>
  );
}
