import 'reflect-metadata';
import { startApi, StartRefused } from './bootstrap.js';

/** sysexits' EX_CONFIG: the systemd unit does not restart a start refused for its configuration. */
const EXIT_CONFIG = 78;

try {
  await startApi(process.env);
} catch (error) {
  if (!(error instanceof StartRefused)) throw error;
  // Every reason on stderr (systemd's journal), one per line.
  process.stderr.write(`${error.message}\n`);
  process.exit(EXIT_CONFIG);
}
