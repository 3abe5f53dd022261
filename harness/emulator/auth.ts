import { PlatformError } from "./errors.ts";
import type { AuthMode } from "./execution.ts";

/** What a service method needs; each maps to the auth modes allowed and the OAuth scopes required. */
export type Capability =
  | "always"
  | "menu"
  | "document-read"
  | "document-write"
  | "dialog"
  | "toast"
  | "storage-read"
  | "storage-write"
  | "storage"
  | "urlfetch"
  | "triggers"
  | "identity"
  | "token"
  | "script-info";

export const SCOPES = {
  spreadsheetsCurrentOnly: "https://www.googleapis.com/auth/spreadsheets.currentonly",
  spreadsheets: "https://www.googleapis.com/auth/spreadsheets",
  externalRequest: "https://www.googleapis.com/auth/script.external_request",
  containerUi: "https://www.googleapis.com/auth/script.container.ui",
  scriptApp: "https://www.googleapis.com/auth/script.scriptapp",
} as const;

const DOCUMENT_SCOPES = [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets];

interface Rule {
  modes: readonly AuthMode[];
  /** Any one of these satisfies the requirement. */
  scopes?: readonly string[];
}

const ALL: readonly AuthMode[] = ["NONE", "LIMITED", "CUSTOM_FUNCTION", "FULL"];

// The auth-mode table of docs/apps-script-platform.md, one row per capability.
const RULES: Record<Capability, Rule> = {
  always: { modes: ALL },
  menu: { modes: ["NONE", "LIMITED", "FULL"] },
  "document-read": { modes: ["LIMITED", "CUSTOM_FUNCTION", "FULL"], scopes: DOCUMENT_SCOPES },
  "document-write": { modes: ["LIMITED", "FULL"], scopes: DOCUMENT_SCOPES },
  dialog: { modes: ["FULL"], scopes: [SCOPES.containerUi] },
  toast: { modes: ["LIMITED", "FULL"], scopes: DOCUMENT_SCOPES },
  "storage-read": { modes: ["LIMITED", "CUSTOM_FUNCTION", "FULL"] },
  "storage-write": { modes: ["LIMITED", "FULL"] },
  storage: { modes: ["LIMITED", "CUSTOM_FUNCTION", "FULL"] },
  urlfetch: { modes: ["CUSTOM_FUNCTION", "FULL"], scopes: [SCOPES.externalRequest] },
  triggers: { modes: ["FULL"], scopes: [SCOPES.scriptApp] },
  identity: { modes: ["LIMITED", "CUSTOM_FUNCTION", "FULL"] },
  token: { modes: ["FULL"] },
  // Custom functions may use only the services docs/apps-script-platform.md lists; ScriptApp is not one of them.
  "script-info": { modes: ["NONE", "LIMITED", "FULL"] },
};

/** Test switch: the user's grant is stale, so calls needing a scope fail until they re-authorize. */
export class AuthorizationSwitch {
  private everyone = false;
  private readonly users = new Set<string>();

  set(required: boolean, user?: string): void {
    if (user === undefined) {
      this.everyone = required;
      if (!required) this.users.clear();
    } else if (required) {
      this.users.add(user);
    } else {
      this.users.delete(user);
    }
  }

  isRequired(user: string): boolean {
    return this.everyone || this.users.has(user);
  }
}

export interface AuthContext {
  authMode: AuthMode;
  identity: string;
  /** The manifest's oauthScopes; undefined means the platform detects scopes (all granted). */
  manifestScopes: readonly string[] | undefined;
  authorization: AuthorizationSwitch;
}

export function permissionDenied(displayName: string, scopes?: readonly string[]): PlatformError {
  if (!scopes || scopes.length === 0)
    return new PlatformError(`You do not have permission to call ${displayName}`);
  const required = scopes.length === 1 ? scopes[0] : `(${scopes.join(" || ")})`;
  return new PlatformError(
    `You do not have permission to call ${displayName}. Required permissions: ${required}`,
  );
}

export function scopesOf(capability: Capability): readonly string[] | undefined {
  return RULES[capability].scopes;
}

export function isAllowedIn(capability: Capability, authMode: AuthMode): boolean {
  return RULES[capability].modes.includes(authMode);
}

/** Throws the platform's error when the current auth mode, manifest or grant forbids the call. */
export function checkCapability(context: AuthContext, capability: Capability, displayName: string): void {
  const rule = RULES[capability];
  if (!rule.modes.includes(context.authMode)) {
    // A custom function is refused for what it is, not for a missing scope.
    throw permissionDenied(displayName, context.authMode === "CUSTOM_FUNCTION" ? undefined : rule.scopes);
  }
  if (!rule.scopes) return;
  const declared = context.manifestScopes;
  if (declared && !rule.scopes.some((scope) => declared.includes(scope))) {
    throw permissionDenied(displayName, rule.scopes);
  }
  if (context.authorization.isRequired(context.identity)) {
    throw new PlatformError("Authorization is required to perform that action.");
  }
}
