import { Injectable } from '@nestjs/common';

/** The current time as a provider, so tests can fix "now" (the reporting calendar depends on it). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock stopped at one instant. */
export class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }
  override now(): Date {
    return this.instant;
  }
}
