/**
 * The API as `apps/api/dist/main.js` starts it, plus one static file under /bench-static/ served by
 * the same Express stack (same middleware, same process): the warm-path baseline of bench:api.
 * `node --import tsx api-child.ts` with the API's environment and BENCH_STATIC_DIR.
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../apps/api/dist/app.factory.js';
import { parseEnv } from '../../apps/api/dist/config/env.js';

const env = parseEnv(process.env);
const app = (await createApp(env)) as NestExpressApplication;
// Before listen: Nest adds its not-found handler at init, after which nothing else is reached.
app.useStaticAssets(process.env.BENCH_STATIC_DIR!, { prefix: '/bench-static/' });
await app.listen(env.API_PORT, env.API_HOST);

if (process.execArgv.includes('--cpu-prof')) {
  // V8 writes the profile only at a normal exit, not when Nest re-raises SIGTERM after closing:
  // the first SIGTERM is Nest's to handle, its re-raise ends the process here.
  let signals = 0;
  process.on('SIGTERM', () => {
    signals += 1;
    if (signals > 1) process.exit(0);
  });
}
