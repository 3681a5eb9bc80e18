/**
 * `node apps/api/dist/cli/db.js <command>` against DATABASE_URL (README, "Run in production"):
 *   setup [--production]   migrations and the plan; the demo adds sample data and demo accounts,
 *                          --production adds the first administrator when there is none
 *   migrate | revert       all pending migrations (one transaction) | the last one
 *   backup <file|folder>   pg_dump --format=custom
 *   restore <file>         pg_restore into an empty database
 */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source.js';
import { ask } from './prompt.js';
import { backupDatabase, BackupError, restoreDatabase } from './backup.js';
import { migrateToHead, prepareDatabase, prepareProductionDatabase, SetupError, type AdminCredentials } from './setup.js';

const USAGE = 'usage: db.js setup [--production] | migrate | revert | backup <file|folder> | restore <file>';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** PLANWATCH_ADMIN_USERNAME / PLANWATCH_ADMIN_PASSWORD (automation), else asked on the terminal. */
async function firstAdmin(): Promise<AdminCredentials> {
  const password = process.env.PLANWATCH_ADMIN_PASSWORD;
  if (password) return { username: process.env.PLANWATCH_ADMIN_USERNAME || 'admin', password };
  if (!process.stdin.isTTY) {
    throw new SetupError('no administrator exists yet: run setup in a terminal to be asked for one, or set PLANWATCH_ADMIN_PASSWORD (and PLANWATCH_ADMIN_USERNAME)');
  }
  process.stdout.write('No administrator exists yet. Create the first one (they choose a new password at first sign-in).\n');
  const username = (await ask('username [admin]: ')).trim() || 'admin';
  const first = await ask('password (10+ characters, letters and digits): ', { hidden: true });
  if ((await ask('password again: ', { hidden: true })) !== first) throw new SetupError('the two passwords differ');
  return { username, password: first };
}

const url = process.env.DATABASE_URL || fail('DATABASE_URL is not set');
const [command, argument] = process.argv.slice(2);

try {
  switch (command) {
    case 'setup':
      if (argument === '--production') await prepareProductionDatabase(url, { firstAdmin });
      else if (argument === undefined) await prepareDatabase(url, { inboxFolders: true });
      else fail(USAGE);
      break;
    case 'migrate':
    case 'revert': {
      const db = await createDataSource(url).initialize();
      try {
        if (command === 'migrate') {
          const applied = await migrateToHead(db);
          process.stdout.write(applied.length ? `migrations applied: ${applied.join(', ')}\n` : 'migrations: up to date\n');
        } else {
          await db.undoLastMigration({ transaction: 'each' });
        }
      } finally {
        await db.destroy();
      }
      break;
    }
    case 'backup': {
      const { file, bytes } = await backupDatabase(url, argument ?? fail(USAGE));
      process.stdout.write(`backup written: ${file} (${bytes} bytes)\n`);
      break;
    }
    case 'restore': {
      const { tables } = await restoreDatabase(url, argument ?? fail(USAGE));
      process.stdout.write(`restored ${tables} tables; next: \`npm run setup -- --production\` brings an older backup's schema to this release\n`);
      break;
    }
    default:
      fail(USAGE);
  }
} catch (error) {
  if (!(error instanceof SetupError || error instanceof BackupError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
