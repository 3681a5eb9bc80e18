/** Percentile of a sorted-or-not list of latencies (ms), nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Runs `task` from `connections` concurrent loops for `durationMs`, collecting each latency. */
export async function loadLoop(connections: number, durationMs: number, task: (worker: number) => Promise<void>): Promise<{ latencies: number[]; rps: number }> {
  const latencies: number[] = [];
  const end = Date.now() + durationMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      while (Date.now() < end) {
        const t = performance.now();
        await task(worker);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, rps: latencies.length / ((Date.now() - started) / 1000) };
}
