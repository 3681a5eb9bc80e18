import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { parseEnv } from './config/env.js';

const env = parseEnv();
const app = await createApp(env);
await app.listen(env.API_PORT, env.API_HOST);
