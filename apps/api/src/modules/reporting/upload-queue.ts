import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '../../config/env.js';

/** Gives the permit back; calling it again does nothing. */
export type Release = () => void;

/**
 * How many uploads this process reads and parses at once (UPLOAD_PARSE_CONCURRENCY), and how
 * many may wait for a turn (UPLOAD_PARSE_QUEUE). An upload is held in memory and may inflate
 * to UPLOAD_MAX_UNCOMPRESSED_BYTES while parsed, so the permits bound the memory uploads take;
 * a waiting upload's body is not read yet (it waits in the network buffers).
 */
@Injectable()
export class UploadQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly queueLength: number;

  constructor(@Inject(ENV) env: Env) {
    this.concurrency = env.UPLOAD_PARSE_CONCURRENCY;
    this.queueLength = env.UPLOAD_PARSE_QUEUE;
  }

  /** A permit, at once or after the uploads ahead; undefined when the queue is full. */
  async acquire(): Promise<Release | undefined> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return this.release();
    }
    if (this.waiting.length >= this.queueLength) return undefined;
    // The permit is handed over by the upload that finishes (`active` stays as it is).
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.release();
  }

  private release(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}
