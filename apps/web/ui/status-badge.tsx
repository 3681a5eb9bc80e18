import type { ProgressStatus } from '@planwatch/shared';
import { statusLabel } from './status';
import styles from './status-badge.module.css';

/** Shape per status: check, warning triangle, cross, half-filled circle (待补报), empty circle. */
export function StatusIcon({ status, size = '1em' }: { status: ProgressStatus; size?: number | string }) {
  const common = { width: size, height: size, viewBox: '0 0 16 16', 'aria-hidden': true, className: styles.icon } as const;
  switch (status) {
    case 'green':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="8" fill="currentColor" />
          <path d="M4.2 8.3l2.4 2.4 5-5.2" stroke="var(--status-icon-ink, #fff)" strokeWidth="2" fill="none" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'yellow':
      return (
        <svg {...common}>
          <path d="M8 0.8l7.6 14H0.4z" fill="currentColor" />
          <path d="M8 5.4v4.6" stroke="var(--status-icon-ink, #fff)" strokeWidth="1.9" strokeLinecap="round" />
          <circle cx="8" cy="12.4" r="1.1" fill="var(--status-icon-ink, #fff)" />
        </svg>
      );
    case 'red':
      return (
        <svg {...common}>
          <rect x="0" y="0" width="16" height="16" rx="3" fill="currentColor" />
          <path d="M4.6 4.6l6.8 6.8M11.4 4.6l-6.8 6.8" stroke="var(--status-icon-ink, #fff)" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
    case 'pending':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M8 1.4a6.6 6.6 0 0 1 0 13.2z" fill="currentColor" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="3 2.4" />
        </svg>
      );
  }
}

/** Icon and label together, coloured; the text alone carries the meaning. */
export function StatusBadge({
  status,
  size = 'md',
  label,
}: {
  status: ProgressStatus;
  /** inherit: takes the surrounding font size (the wall screen sets its own). */
  size?: 'sm' | 'md' | 'lg' | 'inherit';
  label?: string;
}) {
  return (
    <span className={`${styles.badge} ${styles[size]} ${styles[status]}`} data-status={status}>
      <StatusIcon status={status} size="1.05em" />
      <span>{label ?? statusLabel(status)}</span>
    </span>
  );
}
