import { get } from '@/lib/api';
import { currentAccessToken, currentUser } from '@/lib/session-server';
import { PhoneLive } from '@/ui/phone/phone-live';
import { PhonePanels } from '@/ui/phone/phone-panels';
import { EMPTY_PHONE_DATA, loadPhoneData } from '@/ui/phone/phone-data';
import type { Getter } from '@/ui/screen/screen-data';

export const metadata = { title: '手机速览' };

/**
 * The leaders' phone home, opened from a WeCom or DingTalk workbench. The first render carries
 * the figures (a weak network shows them before any script has loaded) as server-rendered panels
 * the browser only attaches to; a signed-in user whose
 * access token is still good gets the overdue 督办 and the alerts in full at once, one whose
 * token must be refreshed first gets the public view and the browser loads the rest.
 */
export default async function PhoneHomePage() {
  const user = await currentUser();
  const token = user ? await currentAccessToken() : null;
  const serverGet: Getter = (endpoint) => get(endpoint, token ?? undefined);
  const loaded = await loadPhoneData(serverGet, EMPTY_PHONE_DATA, token !== null).catch(() => ({ data: EMPTY_PHONE_DATA, failed: true }));
  return (
    <PhoneLive initial={loaded.data} initialOk={!loaded.failed} signedIn={user !== null} refreshFirst={user !== null && token === null}>
      <PhonePanels data={loaded.data} />
    </PhoneLive>
  );
}
