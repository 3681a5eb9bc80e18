import { ALERT_TYPES, SEVERITIES, type AlertType, type Severity } from '@planwatch/shared';
import { one, pathWith, type SearchParams } from '@/lib/page-params';
import { requireUser } from '@/lib/session-server';
import { AlertsView, type StateFilter } from '@/ui/alerts/alerts-view';
import { PageHeader } from '@/ui/dashboard/panel';

export const metadata = { title: '预警' };

const STATES: readonly StateFilter[] = ['active', 'firing', 'acknowledged', 'resolved', 'all'];

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser(pathWith('/alerts', q));
  const state = one(q.state);
  const severity = one(q.severity);
  const type = one(q.type);
  const alert = one(q.alert);
  const department = one(q.department);
  return (
    <>
      <PageHeader title="预警" subtitle="序时滞后、预测不达标、逾期未报、数据异常和项目停滞的预警；确认时写明处理情况，处理完成后解除。" />
      <AlertsView
        user={user}
        initialState={STATES.includes(state as StateFilter) ? (state as StateFilter) : alert ? 'all' : 'active'}
        initialSeverity={(SEVERITIES as readonly string[]).includes(severity ?? '') ? (severity as Severity) : null}
        initialType={(ALERT_TYPES as readonly string[]).includes(type ?? '') ? (type as AlertType) : null}
        initialFocus={{ alert: alert && /^\d{1,18}$/.test(alert) ? alert : null, department: department && /^[a-z][a-z0-9_]{0,63}$/.test(department) ? department : null }}
      />
    </>
  );
}
