/** Severity and state of an alert: glyph and text, never colour alone. */
import { ALERT_STATE_LABELS, SEVERITY_LABELS, type AlertState, type Severity } from '@planwatch/shared';
import { Tag } from '../kit/kit';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Tag tone={severity === 'red' ? 'red' : 'yellow'} glyph={severity === 'red' ? '✖' : '▲'}>
      {SEVERITY_LABELS[severity]}预警
    </Tag>
  );
}

const STATE_GLYPH: Record<AlertState, string> = { firing: '●', acknowledged: '✔', resolved: '☑' };
const STATE_TONE = { firing: 'red', acknowledged: 'blue', resolved: 'green' } as const;

export function AlertStateTag({ state }: { state: AlertState }) {
  return (
    <Tag tone={STATE_TONE[state]} glyph={STATE_GLYPH[state]}>
      {ALERT_STATE_LABELS[state]}
    </Tag>
  );
}
