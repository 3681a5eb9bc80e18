/**
 * One load through our full path (parse, validate, COPY into staging, merge into observations)
 * in its own process, so its peak RSS is its own: `node --import tsx load-child.ts <url> <file>`.
 * Prints one JSON line: wall time, the phases, the run's counts and process.resourceUsage().maxRSS.
 */
import { EtlRunner, fileJob, urlConnector, type RunProgress } from '@planwatch/etl';

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  process.stderr.write('usage: load-child.ts <database-url> <file>\n');
  process.exit(2);
}

const marks: Record<string, number> = {};
const mark = (name: string) => (marks[name] ??= performance.now());
const runner = new EtlRunner({
  connector: urlConnector(url, 'planwatch-bench-etl'),
  onProgress: (event: RunProgress) => {
    if (event.type === 'unit') mark(event.phase);
  },
});
const t0 = performance.now();
const summary = await runner.run(fileJob(file, { name: 'bench', storeFilesUpToBytes: 0 }), { trigger: 'cli' });
const t1 = performance.now();
const span = (from: string, to: string) => (marks[from] !== undefined && marks[to] !== undefined ? (marks[to]! - marks[from]!) / 1000 : null);
process.stdout.write(
  `${JSON.stringify({
    status: summary.status,
    error: summary.error,
    rowsRead: summary.rowsRead,
    rowsLoaded: summary.rowsLoaded,
    rowsRejected: summary.rowsRejected,
    seconds: (t1 - t0) / 1000,
    phases: {
      parseValidate: span('extracting', 'extracted'),
      copy: span('copying', 'merging'),
      mergeCommit: span('merging', 'committed'),
    },
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
