import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { parseWorkCalendarYaml, type WorkCalendar } from '@planwatch/shared';
import { DEFAULT_WORK_CALENDAR_FILE } from '../../common/paths.js';
import { ENV, type Env } from '../../config/env.js';

/**
 * The working-day calendar (WORK_CALENDAR_FILE, default plan/work-calendar.yaml), read and
 * validated once at start-up: an invalid file stops the API with the problem and its place.
 */
@Injectable()
export class WorkCalendarSource {
  readonly calendar: WorkCalendar;

  constructor(@Inject(ENV) env: Env) {
    const file = env.WORK_CALENDAR_FILE || DEFAULT_WORK_CALENDAR_FILE;
    try {
      this.calendar = parseWorkCalendarYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
