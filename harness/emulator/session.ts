import { createHash } from "node:crypto";
import type { ServiceEnv } from "./env.ts";

export const DEFAULT_SCRIPT_TIME_ZONE = "America/New_York";

export function createUser(env: ServiceEnv, email: string) {
  return env.bind.object("User", { getEmail: () => email });
}

/** The manifest's timeZone: what the script's own `Date` local time uses. */
export function scriptTimeZone(manifest: { timeZone?: string }): string {
  return manifest.timeZone ?? DEFAULT_SCRIPT_TIME_ZONE;
}

/**
 * Session. In a custom function the active user is "" (we model the case the platform
 * documents for users of another domain, the one the add-on must survive) and the effective
 * user is the spreadsheet owner, whose storage the custom function uses.
 */
export function createSession(env: ServiceEnv) {
  const { world, execution } = env;
  const isCustomFunction = execution.spec.kind === "custom-function";
  const activeEmail = isCustomFunction ? "" : execution.spec.user;
  return env.bind.object(
    "Session",
    {
      getActiveUser: () => createUser(env, activeEmail),
      getEffectiveUser: () => createUser(env, execution.spec.identity),
      getTemporaryActiveUserKey: () =>
        createHash("sha256").update(`active-user:${activeEmail}`).digest("base64").slice(0, 43),
      getScriptTimeZone: () => scriptTimeZone(world.manifest),
      getActiveUserLocale: () => "en",
    },
    {
      capability: (method) =>
        method === "getScriptTimeZone" || method === "getActiveUserLocale" ? "always" : "identity",
    },
  );
}
