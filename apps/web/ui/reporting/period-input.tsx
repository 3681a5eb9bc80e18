'use client';
import type { Period } from '@planwatch/shared';
import { kit } from '../kit/kit';

/** A month picker (YYYY-MM, the API's period format). */
export function PeriodInput({ value, onChange, label = '填报期间' }: { value: Period; onChange: (period: Period) => void; label?: string }) {
  return (
    <label className={kit.field}>
      <span>{label}</span>
      <input
        className={kit.input}
        type="month"
        name="period"
        value={value}
        min="2021-01"
        onChange={(e) => {
          if (/^\d{4}-\d{2}$/.test(e.target.value)) onChange(e.target.value as Period);
        }}
      />
    </label>
  );
}
