/**
 * The parse alone, for bench:etl's breakdown: reads and validates a file as the load does
 * (`streamObservationsFile`, the catalog from the database) and writes nothing.
 * `node --import tsx parse-child.ts <database-url> <file>` prints one JSON line: figures,
 * rejects, seconds and process.resourceUsage().maxRSS.
 */
import { CatalogIndex, loadCatalog, streamObservationsFile } from '@planwatch/etl';
import pg from 'pg';

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  process.stderr.write('usage: parse-child.ts <database-url> <file>\n');
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
const catalog = new CatalogIndex(await loadCatalog(client));
await client.end();
const t0 = performance.now();
const stream = streamObservationsFile({ fileName: file, path: file }, catalog, {}, { maxRows: Number.POSITIVE_INFINITY });
let figures = 0;
for await (const chunk of stream.chunks) figures += chunk.length;
const { rowRejects } = stream.summary();
process.stdout.write(`${JSON.stringify({ figures, rejects: rowRejects.length, seconds: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
