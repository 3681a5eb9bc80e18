import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { RankingView } from '@/ui/ranking/ranking-view';

export const metadata = { title: '红黑榜' };

export default async function RankingPage() {
  await requireUser('/ranking');
  const now = new Date();
  // The year of the last complete month (January ranks December of the year before).
  const latest = now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear();
  const years = Array.from({ length: latest - 2021 + 1 }, (_, i) => latest - i);
  return (
    <>
      <PageHeader title="红黑榜" subtitle="每月对乡镇（街道）、园区和区直部门排名：报送及时率、一次通过率、督办按时率，乡镇园区另计指标同口径进度。" />
      <RankingView years={years} />
    </>
  );
}
