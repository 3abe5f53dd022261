import { type AuthContext, type Capability, checkCapability } from "./auth.ts";
import type { CallCounter } from "./counter.ts";
import { EXCEEDED_MAXIMUM_EXECUTION_TIME, PlatformError } from "./errors.ts";
import type { Execution } from "./execution.ts";
import { type Locale, localized } from "./locale.ts";
import type { Realm } from "./realm.ts";
import { SERVICE_GLOBALS } from "./service-names.ts";

// Parameters are checked at run time (the script passes anything), so implementations may narrow them.
export type ServiceMethod = (...args: never[]) => unknown;
export type ServiceObject = Record<string, unknown>;

export interface BindOptions {
  /** What the methods need: one capability for all, or decided per method name. */
  capability?: Capability | ((method: string) => Capability);
  /** Enum-like properties (copied into the script realm). */
  constants?: Record<string, unknown>;
  /** Host state behind the object, found again with `stateOf` when the script passes it back. */
  state?: unknown;
  /** Checked at each call, after the auth rules: throws when the object's state refuses the method now. */
  guard?: (method: string) => void;
}

// Static services are named in errors as "UrlFetchApp.fetch"; instances by method ("setValues").
const STATIC_SERVICES = new Set<string>(SERVICE_GLOBALS);

export function displayNameOf(className: string, method: string): string {
  return STATIC_SERVICES.has(className) ? `${className}.${method}` : method;
}

/**
 * Builds the script-realm objects the script calls. Every method call is counted, refused once
 * the execution has timed out, checked against the auth rules, and has its host errors turned
 * into script-realm errors.
 */
export class ServiceBinder {
  private readonly states = new WeakMap<object, unknown>();

  constructor(
    private readonly realm: Realm,
    private readonly execution: Execution,
    private readonly counter: CallCounter,
    private readonly auth: AuthContext,
    private readonly locale: Locale = "en",
  ) {}

  object(
    className: string,
    methods: Record<string, ServiceMethod>,
    options: BindOptions = {},
  ): ServiceObject {
    const target = this.realm.newObject();
    for (const [name, implementation] of Object.entries(methods)) {
      const { capability = "always" } = options;
      const needs = typeof capability === "function" ? capability(name) : capability;
      target[name] = this.realm.method(name, (_self, args) =>
        this.invoke(className, name, needs, implementation, args, options.guard),
      );
    }
    for (const [name, value] of Object.entries(options.constants ?? {}))
      target[name] = this.realm.copyIn(value);
    if (options.state !== undefined) this.states.set(target, options.state);
    return target;
  }

  stateOf<T>(value: unknown): T | undefined {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
    return this.states.get(value) as T | undefined;
  }

  /** Turns a host error into what the script can catch (an Error of its own realm). */
  toScriptError(error: unknown): unknown {
    if (this.realm.isScriptError(error) || error === null || typeof error !== "object") return error;
    // Duck-typed: Node's own errors may come from another realm than this module's.
    const { message, name } = error as { message?: unknown; name?: unknown };
    if (typeof message !== "string") return error;
    // The platform's own texts come in the user's language; the emulator's bugs stay as they are.
    const text = error instanceof PlatformError ? localized(message, this.locale) : message;
    return this.realm.newError(text, typeof name === "string" ? name : undefined);
  }

  private invoke(
    className: string,
    name: string,
    capability: Capability,
    implementation: ServiceMethod,
    args: unknown[],
    guard?: (method: string) => void,
  ): unknown {
    this.counter.add(`${className}.${name}`);
    try {
      if (this.execution.timedOut) throw new PlatformError(EXCEEDED_MAXIMUM_EXECUTION_TIME, "Error");
      checkCapability(this.auth, capability, displayNameOf(className, name));
      guard?.(name);
      return (implementation as (...params: unknown[]) => unknown)(...args);
    } catch (error) {
      throw this.toScriptError(error);
    }
  }
}
