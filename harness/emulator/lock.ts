import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";

export interface LockEvent {
  lock: string;
  user: string;
  action: "acquired" | "refused" | "timed-out" | "released" | "released-at-exit";
  at: number;
}

/**
 * Locks across executions. Executions run one at a time here, so contention only comes from
 * a test declaring a lock "held by another process".
 */
export class LockBoard {
  private readonly heldElsewhere = new Set<string>();
  readonly events: LockEvent[] = [];

  /** lock: "document", "script" or "user:<email>". */
  holdByAnotherProcess(lock: string): void {
    this.heldElsewhere.add(lock);
  }

  releaseOtherProcess(lock: string): void {
    this.heldElsewhere.delete(lock);
  }

  isHeldElsewhere(lock: string): boolean {
    return this.heldElsewhere.has(lock);
  }
}

function bindLock(env: ServiceEnv, lock: string) {
  const { world, execution } = env;
  const record = (action: LockEvent["action"]) =>
    world.locks.events.push({ lock, user: execution.spec.identity, action, at: world.clock.now() });
  const acquire = (timeout: unknown): boolean => {
    if (execution.heldLocks.has(lock)) return true;
    if (world.locks.isHeldElsewhere(lock)) {
      // Waiting costs the whole timeout (and may run past the execution's deadline).
      execution.spend(Math.max(0, Number(timeout) || 0));
      return false;
    }
    execution.heldLocks.add(lock);
    record("acquired");
    return true;
  };
  return env.bind.object(
    "Lock",
    {
      tryLock: (timeoutInMillis: unknown) => {
        const acquired = acquire(timeoutInMillis);
        if (!acquired) record("refused");
        return acquired;
      },
      waitLock: (timeoutInMillis: unknown) => {
        if (!acquire(timeoutInMillis)) {
          record("timed-out");
          throw new PlatformError("Lock timeout: another process was holding the lock for too long.");
        }
      },
      releaseLock: () => {
        if (execution.heldLocks.delete(lock)) record("released");
      },
      hasLock: () => execution.heldLocks.has(lock),
    },
    { capability: "storage" },
  );
}

export function createLockService(env: ServiceEnv) {
  return env.bind.object(
    "LockService",
    {
      // Null outside a document (documented; @types/google-apps-script says otherwise).
      getDocumentLock: () =>
        env.world.documentServicesMissing(env.execution) ? null : bindLock(env, "document"),
      getScriptLock: () => bindLock(env, "script"),
      getUserLock: () => bindLock(env, `user:${env.execution.spec.identity}`),
    },
    { capability: "storage" },
  );
}

/** The platform releases whatever the script still holds when the execution ends. */
export function releaseLocksAtExit(env: Pick<ServiceEnv, "world" | "execution">): void {
  for (const lock of env.execution.heldLocks) {
    env.world.locks.events.push({
      lock,
      user: env.execution.spec.identity,
      action: "released-at-exit",
      at: env.world.clock.now(),
    });
  }
  env.execution.heldLocks.clear();
}
