/**
 * `npm run test:prod` runs against Debian's own PostgreSQL and nginx, as a district's server
 * does: installed here with apt-get when missing (the Debian registry is the one it needs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

const PACKAGES = [
  { name: 'postgresql', provides: '/usr/bin/pg_createcluster' },
  { name: 'nginx', provides: '/usr/sbin/nginx' },
] as const;

export default function setup(): void {
  const missing = PACKAGES.filter((p) => !existsSync(p.provides)).map((p) => p.name);
  if (missing.length === 0) return;
  if (userInfo().uid !== 0) throw new Error(`test:prod needs Debian's ${missing.join(' and ')}: apt-get install ${missing.join(' ')} (as root)`);
  process.stdout.write(`installing Debian packages: ${missing.join(', ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}
