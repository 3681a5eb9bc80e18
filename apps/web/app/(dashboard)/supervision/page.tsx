import { SUPERVISION_COLOURS, SUPERVISION_STATES, type SupervisionColour, type SupervisionState } from '@planwatch/shared';
import { api } from '@/lib/api';
import { one, pathWith, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { PageHeader } from '@/ui/dashboard/panel';
import { SupervisionList } from '@/ui/supervision/supervision-list';

export const metadata = { title: '督办' };

export default async function SupervisionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/supervision', q));
  const plan = await api.plan();
  const state = one(q.state);
  const colour = one(q.colour);
  const overdue = one(q.overdue);
  return (
    <>
      <PageHeader
        title="督办"
        subtitle="预警 → 督办 → 签收 → 反馈（原因与整改措施）→ 办结。蓝色办理中，黄色2个工作日内到期（已提醒），红色已逾期（已升级至区领导）。"
      />
      <SupervisionList
        user={user}
        departments={plan.departments.map((d) => ({ code: d.code, name: d.name }))}
        initial={{
          state: (SUPERVISION_STATES as readonly string[]).includes(state ?? '') ? (state as SupervisionState) : null,
          colour: (SUPERVISION_COLOURS as readonly string[]).includes(colour ?? '') ? (colour as SupervisionColour) : null,
          department: one(q.department) ?? null,
          overdue: overdue === 'true' ? true : overdue === 'false' ? false : null,
        }}
      />
    </>
  );
}
