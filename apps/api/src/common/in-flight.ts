import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Work a process has started and lets finish before it closes the database. Shutdown comes in
 * two steps because Nest calls each hook on one module after another: every service `close`s
 * first (onModuleDestroy: no new work anywhere), then each `drain`s (beforeApplicationShutdown:
 * wait, at most `timeoutMs`, for what is running) while the database is still open.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private draining = false;

  constructor(private readonly what: string) {}

  get accepting(): boolean {
    return !this.draining;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.draining) throw new ServiceUnavailableException(`服务正在停止，${this.what}暂不接受新的任务，请稍后再试`);
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return running;
  }

  /** Refuses new work from now on. */
  close(): void {
    this.draining = true;
  }

  /** Refuses new work and resolves true when everything running has finished, false when `timeoutMs` ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.close();
    let timer: NodeJS.Timeout | undefined;
    const finished = Promise.all([...this.running]).then(() => true);
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([finished, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
