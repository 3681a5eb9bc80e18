import type { ReactNode } from 'react';
import { AppShell } from '@/ui/shell/app-shell';

/** Department reporting (填报, 审核): signed-in pages; each page checks the session itself. */
export default function ReportingLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
