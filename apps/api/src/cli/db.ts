/** `node apps/api/dist/cli/db.js <migrate|revert|setup>` against DATABASE_URL. */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source.js';
import { prepareDatabase } from './setup.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is not set\n');
  process.exit(2);
}
const command = process.argv[2];
if (command === 'setup') {
  await prepareDatabase(url, { inboxFolders: true });
} else if (command === 'migrate' || command === 'revert') {
  const db = await createDataSource(url).initialize();
  if (command === 'migrate') await db.runMigrations({ transaction: 'each' });
  else await db.undoLastMigration({ transaction: 'each' });
  await db.destroy();
} else {
  process.stderr.write('usage: db.js <migrate|revert|setup>\n');
  process.exit(2);
}
