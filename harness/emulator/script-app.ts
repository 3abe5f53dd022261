import { createHash } from "node:crypto";
import type { ServiceEnv } from "./env.ts";
import { createTriggerMethods, TRIGGER_CONSTANTS } from "./triggers.ts";

const AUTH_MODES = { NONE: "NONE", LIMITED: "LIMITED", CUSTOM_FUNCTION: "CUSTOM_FUNCTION", FULL: "FULL" };
const AUTHORIZATION_STATUS = { REQUIRED: "REQUIRED", NOT_REQUIRED: "NOT_REQUIRED" };

export function createScriptApp(env: ServiceEnv) {
  const { bind, world, execution, realm } = env;
  const triggers = createTriggerMethods(env);
  const authorizationInfo = () => {
    const required = world.authorization.isRequired(execution.spec.identity);
    return bind.object("AuthorizationInfo", {
      getAuthorizationStatus: () => (required ? "REQUIRED" : "NOT_REQUIRED"),
      getAuthorizationUrl: () =>
        required
          ? `https://script.google.com/macros/d/${world.scriptId}/authorize?user=${execution.spec.identity}`
          : null,
      getAuthorizedScopes: () => realm.copyIn(required ? [] : (world.manifest.oauthScopes ?? [])),
    });
  };
  return bind.object(
    "ScriptApp",
    {
      getAuthorizationInfo: () => authorizationInfo(),
      getOAuthToken: () =>
        `ya29.emulated-${createHash("sha256").update(execution.spec.identity).digest("hex").slice(0, 24)}`,
      getScriptId: () => world.scriptId,
      ...triggers,
    },
    {
      capability: (method) =>
        method in triggers ? "triggers" : method === "getOAuthToken" ? "token" : "script-info",
      constants: {
        AuthMode: AUTH_MODES,
        AuthorizationStatus: AUTHORIZATION_STATUS,
        ...TRIGGER_CONSTANTS,
        WeekDay: {
          MONDAY: "MONDAY",
          TUESDAY: "TUESDAY",
          WEDNESDAY: "WEDNESDAY",
          THURSDAY: "THURSDAY",
          FRIDAY: "FRIDAY",
          SATURDAY: "SATURDAY",
          SUNDAY: "SUNDAY",
        },
      },
    },
  );
}
