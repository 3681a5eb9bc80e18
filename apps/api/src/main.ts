import 'reflect-metadata';
import { startApi, StartRefused } from './bootstrap.js';

try {
  await startApi(process.env);
} catch (error) {
  if (!(error instanceof StartRefused)) throw error;
  // Every reason on stderr (systemd's journal), one per line.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
