import type { VirtualClock } from "./clock.ts";
import { EXCEEDED_MAXIMUM_EXECUTION_TIME, PlatformError } from "./errors.ts";

export type AuthMode = "NONE" | "LIMITED" | "CUSTOM_FUNCTION" | "FULL";

/** interactive: a menu click, google.script.run or a simple trigger; trigger: an installable trigger. */
export type ExecutionKind = "interactive" | "trigger" | "custom-function";

export const CUSTOM_FUNCTION_LIMIT_MS = 30_000;
export const EXECUTION_LIMIT_MS = 6 * 60_000;

export interface ExecutionSpec {
  /** The person the platform runs the code for (the trigger's owner for triggers). */
  user: string;
  authMode: AuthMode;
  kind: ExecutionKind;
  /** Whose storage, triggers and quotas the code uses: the spreadsheet owner in custom functions. */
  identity: string;
  triggerUid?: string;
}

/** One run of the script: its user, auth mode and virtual-time budget. */
export class Execution {
  timedOut = false;
  readonly heldLocks = new Set<string>();
  readonly deadline: number;

  constructor(
    readonly spec: ExecutionSpec,
    private readonly clock: VirtualClock,
  ) {
    const limit = spec.kind === "custom-function" ? CUSTOM_FUNCTION_LIMIT_MS : EXECUTION_LIMIT_MS;
    this.deadline = clock.now() + limit;
  }

  get authMode(): AuthMode {
    return this.spec.authMode;
  }

  /** Passes virtual time inside the execution; past its deadline the platform kills it. */
  spend(ms: number): void {
    const remaining = this.deadline - this.clock.now();
    if (ms > remaining) {
      this.clock.advance(Math.max(0, remaining));
      this.timedOut = true;
      throw new PlatformError(EXCEEDED_MAXIMUM_EXECUTION_TIME, "Error");
    }
    this.clock.advance(ms);
  }
}
