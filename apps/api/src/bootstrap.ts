import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { EnvError, parseEnv } from './config/env.js';
import { DefaultCredentialsCheck } from './modules/auth/default-credentials.check.js';

/** A start that must not go on, with every reason. */
export class StartRefused extends Error {
  constructor(
    readonly heading: string,
    readonly reasons: string[],
  ) {
    super(`PlanWatch API will not start: ${heading}\n${reasons.map((reason) => `  ${reason}`).join('\n')}`);
  }
}

/**
 * Checks the configuration and, in production, the accounts, then listens. Refused (StartRefused)
 * on any wrong variable, and in production while demo accounts or the demo password are active.
 */
export async function startApi(source: Record<string, string | undefined>): Promise<INestApplication> {
  let env;
  try {
    env = parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) throw new StartRefused('invalid configuration', error.problems);
    throw error;
  }
  const app = await createApp(env);
  if (env.NODE_ENV === 'production') {
    const problems = await app.get(DefaultCredentialsCheck).problems();
    if (problems.length > 0) {
      await app.close();
      throw new StartRefused('NODE_ENV=production with demo or default credentials', problems);
    }
  }
  await app.listen(env.API_PORT, env.API_HOST);
  return app;
}
