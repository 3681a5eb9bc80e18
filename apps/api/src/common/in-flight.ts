import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Work a process has started and lets finish before it closes the database: on shutdown,
 * `drain` refuses new work and waits (at most `timeoutMs`) for what is running.
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

  /** Resolves true when everything running has finished, false when `timeoutMs` ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
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
