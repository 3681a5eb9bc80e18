/** A 督办's colour and state: glyph and text, never colour alone. */
import { ESTIMATED_DEADLINE_NOTE, SUPERVISION_COLOUR_LABELS, SUPERVISION_STATE_LABELS, type SupervisionColour, type SupervisionState } from '@planwatch/shared';
import { Tag } from '../kit/kit';

const COLOUR_GLYPH: Record<SupervisionColour, string> = { blue: '●', yellow: '▲', red: '✖' };

/** A closed 督办 has no colour: nothing is shown (its state says 已办结). */
export function ColourBadge({ colour }: { colour: SupervisionColour | null }) {
  if (!colour) return <span aria-label="无颜色（已办结）">—</span>;
  return (
    <Tag tone={colour} glyph={COLOUR_GLYPH[colour]} title={colour === 'red' ? '已逾期' : colour === 'yellow' ? '2个工作日内到期' : '办理中'}>
      {SUPERVISION_COLOUR_LABELS[colour]}色督办
    </Tag>
  );
}

const STATE_TONE = { open: 'violet', signed: 'blue', replied: 'blue', returned: 'yellow', closed: 'green' } as const;

export function SupervisionStateTag({ state }: { state: SupervisionState }) {
  return <Tag tone={STATE_TONE[state]}>{SUPERVISION_STATE_LABELS[state]}</Tag>;
}

/** The deadline, with the note when it was counted without the year's holidays. */
export function Deadline({ deadline, estimated, overdue }: { deadline: string; estimated: boolean; overdue: boolean }) {
  return (
    <span>
      {deadline}
      {overdue ? <strong> · 已逾期</strong> : null}
      {estimated ? <small style={{ display: 'block' }}>{ESTIMATED_DEADLINE_NOTE}</small> : null}
    </span>
  );
}
