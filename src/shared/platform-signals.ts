/**
 * Signals in Apps Script's failures that survive translation: its exception texts come in
 * the user's language (docs/apps-script-gaps.md), but the service token a quota message
 * ends with and the address a network failure names are not translated. Pure: the
 * platform adapters (src/platform) decide with these.
 */

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A daily quota stop of `service` ("urlfetch", "properties"): in every language the message
 * ends with the untranslated service name ("…for one day: urlfetch."), after a space or colon.
 */
export function isQuotaStop(error: unknown, service: string): boolean {
  // Only the untranslated token at the end is read, never the (translated) words before it.
  const endsWithToken = new RegExp(`(^|[\\s:：])${service}[\\s.。]*$`);
  const text = messageOf(error);
  return endsWithToken.test(text);
}

/** The host of an http(s) URL, without the URL class (absent in Apps Script). */
function hostOf(url: string): string {
  return /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1] ?? url;
}

/**
 * UrlFetch's network failures (DNS, dropped connection, timeout) name the address they
 * failed on, whatever the language; the platform's refusals (authorization, quota) do not.
 */
export function namesAnyHost(error: unknown, urls: readonly string[]): boolean {
  const message = messageOf(error);
  return urls.some((url) => message.indexOf(hostOf(url)) >= 0);
}
