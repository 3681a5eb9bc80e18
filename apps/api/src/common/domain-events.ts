import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

/** Figures came into force: an approved submission, an ETL load, a plan or sample reload. */
export interface FiguresApproved {
  type: 'figures_approved';
  batchId: string | null;
  /** Indicator codes whose figures changed. */
  indicatorCodes: string[];
  at: Date;
}

export type DomainEvent = FiguresApproved;

/**
 * In-process domain events: reporting and ETL publish, alerts and the screen's change feed
 * subscribe. Other API processes learn of changes through the database (data version).
 */
@Injectable()
export class DomainEvents {
  private readonly subject = new Subject<DomainEvent>();
  readonly events: Observable<DomainEvent> = this.subject.asObservable();

  publish(event: DomainEvent): void {
    this.subject.next(event);
  }
}
