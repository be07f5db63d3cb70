// The strings the tab starts with: English always (the fallback for a key Finnish lacks), Finnish fetched only
// for a Finnish user. Each language is ~50 kB of JSON; an English tab used to download both before its first
// paint. messages.ts (both, statically) stays for tests.
import en from './en-US.json';
import type { Locale, MessageBundle } from '../../../web-shared/src/index.ts';

export async function loadTeamsMessages(locale: Locale): Promise<MessageBundle> {
  if (locale !== 'fi-FI') return { 'en-US': en };
  try {
    const fi = await import('./fi-FI.json');
    return { 'en-US': en, 'fi-FI': fi.default };
  } catch (e) {
    // A failed fetch of the chunk (a dropped connection, a deploy replacing the files) must not leave a blank tab.
    console.warn('Suhde: Finnish strings did not load; the tab opens in English', e);
    return { 'en-US': en };
  }
}
