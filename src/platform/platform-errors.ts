/**
 * A lapsed authorization, asked of the platform rather than read from its message: Apps
 * Script's exception texts come in the user's language (docs/apps-script-gaps.md). The
 * other language-independent signals are in src/shared/platform-signals.ts.
 */
import { SETTINGS_ITEM_PATH } from "../shared/addon-menu.ts";
import { UserError } from "../shared/user-error.ts";

export const AUTHORIZATION_AGAIN = `The OpenQR add-on needs permission again: open ${SETTINGS_ITEM_PATH} once to grant it (for formulas, the spreadsheet's owner does this), then try again.`;

/** The user's grant lapsed (new scopes, revoked access): only granting it again helps. */
export class AuthorizationLapsed extends UserError {
  constructor() {
    super(AUTHORIZATION_AGAIN);
    this.name = "AuthorizationLapsed";
  }
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
