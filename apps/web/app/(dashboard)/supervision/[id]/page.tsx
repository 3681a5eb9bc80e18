import Link from 'next/link';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { SupervisionDetailView } from '@/ui/supervision/supervision-detail';

export const metadata = { title: '督办详情' };

export default async function SupervisionDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/supervision/${encodeURIComponent(id)}`);
  return (
    <>
      <PageHeader title={`督办 #${id}`} crumbs={<Link href="/supervision">督办</Link>} />
      <SupervisionDetailView id={id} />
    </>
  );
}
