/**
 * Apps Script's failures, told apart without reading its prose: its exception texts come in
 * the user's language (docs/apps-script-gaps.md). The signals used here are not translated:
 * the service token a quota message ends with (`urlfetch`), the authorization status the
 * platform reports, and the address a network failure names.
 */
import { UserError } from "../shared/user-error.ts";

export const AUTHORIZATION_AGAIN =
  "The OpenQR add-on needs permission again: open Extensions › OpenQR › Settings… once to grant it (for formulas, the spreadsheet's owner does this), then try again.";

/** The user's grant lapsed (new scopes, revoked access): only granting it again helps. */
export class AuthorizationLapsed extends UserError {
  constructor() {
    super(AUTHORIZATION_AGAIN);
    this.name = "AuthorizationLapsed";
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A daily quota stop of `service` ("urlfetch", "properties"): in every language the message
 * ends with the untranslated service name ("…for one day: urlfetch."), after a space or colon.
 */
export function isQuotaStop(error: unknown, service: string): boolean {
  return new RegExp(`(^|[\\s:：])${service}[\\s.。]*$`).test(messageOf(error));
}

/**
 * Whether the add-on must be authorized again, as the platform reports it; null when this
 * run cannot ask (custom functions may not call ScriptApp) or the question itself failed.
 */
export function authorizationLapsed(): boolean | null {
  try {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    return info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
  } catch {
    return null;
  }
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
