import type { ReactNode } from 'react';
import { AppShell } from '@/ui/shell/app-shell';
import { AdminTabs } from '@/ui/admin/admin-tabs';

/** Administration (users, targets, alert rules): admins only; each page checks the session. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <AppShell>
      <AdminTabs />
      {children}
    </AppShell>
  );
}
