import { Inject, Injectable } from '@nestjs/common';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { verifyPassword } from './password.js';
import { UsersRepository } from './users.repository.js';

/**
 * What a production start refuses to run with: the demo accounts (their password is in the
 * README), and any account whose password is still the published demo password.
 */
@Injectable()
export class DefaultCredentialsCheck {
  constructor(@Inject(UsersRepository) private readonly users: UsersRepository) {}

  /** One sentence per offending account; empty when the accounts are fit for production. */
  async problems(): Promise<string[]> {
    const accounts = await this.users.activeCredentials();
    const demo = new Map(DEMO_ACCOUNTS.map((account) => [account.username, account.displayName]));
    // argon2 runs on libuv's thread pool: the accounts are checked side by side.
    const verdicts = await Promise.all(
      accounts.map(async (account) => {
        if (demo.get(account.username) === account.displayName) {
          return `demo account "${account.username}" (${account.displayName}) is active: deactivate it, or set up the database with \`npm run setup -- --production\``;
        }
        if (await verifyPassword(account.passwordHash, DEMO_PASSWORD)) {
          return `account "${account.username}" still has the demo password: change it (POST /api/auth/password) or deactivate the account`;
        }
        return null;
      }),
    );
    return verdicts.filter((problem) => problem !== null);
  }
}
