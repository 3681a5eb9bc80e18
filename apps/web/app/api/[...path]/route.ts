/**
 * `/api/*` → the NestJS API at PLANWATCH_API_URL, read at request time (see lib/api-proxy.ts).
 * Replaces the build-time `rewrites` the app used to have: one build, any API address.
 */
import type { NextRequest } from 'next/server';
import { proxyToApi } from '@/lib/api-proxy';

export const dynamic = 'force-dynamic';

async function handle(request: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  return proxyToApi(request, path);
}

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
