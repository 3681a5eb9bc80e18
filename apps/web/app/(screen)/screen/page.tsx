import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { get } from '@/lib/api';
import { COUNTY_OUTLINE } from '@/lib/county-outline';
import { webEnv } from '@/lib/env';
import { NONCE_HEADER } from '@/lib/security-headers';
import { parseScreenConfig } from '@/ui/screen/config';
import { STAGE_SCALE_SCRIPT } from '@/ui/screen/hooks';
import { ScreenApp } from '@/ui/screen/screen-app';
import { EMPTY_SCREEN_DATA, loadScreenData, type Getter } from '@/ui/screen/screen-data';
import { screenFrames } from '@/ui/screen/screen-frames';

export const metadata: Metadata = { title: '大屏' };

const serverGet: Getter = (endpoint) => get(endpoint);

/**
 * The wall screen. The first render carries the data and the overview's charts drawn as SVG
 * (so the room sees figures and charts at once, before any chart code has loaded); the
 * browser then refreshes through same-origin /api. If the API is down now, the screen starts
 * empty and fills itself when the API comes back.
 */
export default async function ScreenPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const config = parseScreenConfig(await searchParams);
  const [loaded, requestHeaders] = await Promise.all([
    loadScreenData(serverGet, EMPTY_SCREEN_DATA).catch(() => ({ data: EMPTY_SCREEN_DATA, failed: true, errors: [] })),
    headers(),
  ]);
  const townshipUrl = webEnv().townshipGeoJsonUrl;
  const frames = screenFrames(loaded.data, COUNTY_OUTLINE, townshipUrl !== null);
  return (
    <>
      <ScreenApp initial={loaded.data} initialOk={!loaded.failed} config={config} outline={COUNTY_OUTLINE} townshipUrl={townshipUrl} frames={frames} />
      {/* The page's Content-Security-Policy lets this one inline script run by its nonce (proxy.ts). */}
      <script nonce={requestHeaders.get(NONCE_HEADER) ?? undefined} dangerouslySetInnerHTML={{ __html: STAGE_SCALE_SCRIPT }} />
    </>
  );
}
