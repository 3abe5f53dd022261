/**
 * What the sidebar tests need from "the server": a function serving google.script.run
 * calls, plus test controls that work the same for the in-memory fake and for the
 * emulator-backed server functions.
 */
import { markAddOnFailure } from "../../src/shared/add-on-failure.ts";
import type { LastRun, ServerFunctions } from "../../src/shared/settings.ts";

export type ServerName = keyof ServerFunctions;

/** Serves one google.script.run call: returns the result, or throws the user's message. */
export type Backend = (fn: string, args: unknown[]) => unknown;

export interface Call {
  fn: string;
  args: unknown[];
}

export interface InstrumentedBackend {
  call: Backend;
  /** Every call so far, in order. */
  calls: Call[];
  /** Makes calls of `fn` wait until the returned release function is called. */
  hold(fn: ServerName): () => void;
  /**
   * Serves `fn` with `reply` instead of the backend (e.g. a hostile message); returns the undo.
   * `reply` stands for the add-on's server function, so what it throws carries the add-on's mark.
   */
  override<K extends ServerName>(
    fn: K,
    reply: (...args: Parameters<ServerFunctions[K]>) => unknown,
  ): () => void;
}

export interface TestBackend extends InstrumentedBackend {
  /** Sets what getSettings reports as the last refresh. */
  setLastRun(lastRun: LastRun | null): void;
}

export function instrumentBackend(serve: Backend): InstrumentedBackend {
  const calls: Call[] = [];
  const gates = new Map<string, Promise<void>>();
  const overrides = new Map<string, (...args: never[]) => unknown>();
  return {
    calls,
    async call(fn, args) {
      calls.push({ fn, args });
      await gates.get(fn);
      const replacement = overrides.get(fn);
      if (!replacement) return serve(fn, args);
      try {
        return await replacement(...(args as never[]));
      } catch (error) {
        throw new Error(markAddOnFailure(error instanceof Error ? error.message : String(error)));
      }
    },
    hold(fn) {
      let release = () => {};
      gates.set(
        fn,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return () => {
        gates.delete(fn);
        release();
      };
    },
    override(fn, reply) {
      const replacement = reply as (...args: never[]) => unknown;
      overrides.set(fn, replacement);
      return () => {
        if (overrides.get(fn) === replacement) overrides.delete(fn);
      };
    },
  };
}
