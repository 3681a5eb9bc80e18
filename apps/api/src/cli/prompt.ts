import { createInterface } from 'node:readline';

/** Asks one question on the terminal; with `hidden`, what is typed is not echoed (passwords). */
export function ask(question: string, { hidden = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const output = Object.assign(Object.create(process.stdout) as NodeJS.WriteStream, {
      write: (chunk: string | Uint8Array, ...rest: unknown[]) => (muted ? true : (process.stdout.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest)),
    });
    const terminal = createInterface({ input: process.stdin, output, terminal: true });
    terminal.question(question, (answer) => {
      terminal.close();
      if (hidden) process.stdout.write('\n');
      resolve(answer);
    });
    muted = hidden;
    terminal.on('SIGINT', () => {
      terminal.close();
      reject(new Error('cancelled'));
    });
  });
}
