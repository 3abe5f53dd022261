import { format } from "node:util";
import type { ServiceEnv } from "./env.ts";

/** A log line as Stackdriver / the execution log would hold it. */
export function formatLogLine(args: unknown[]): string {
  return format(...args);
}

/** console.* in Apps Script writes to the execution log; we record every line. */
export function createConsole(env: Pick<ServiceEnv, "realm" | "world">) {
  const { realm, world } = env;
  const target = realm.newObject();
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    target[level] = realm.method(level, (_self, args) => {
      world.log(formatLogLine(args));
    });
  }
  return target;
}

export function createLogger(env: ServiceEnv) {
  const lines: string[] = [];
  const self = env.bind.object("Logger", {
    log: (...args: unknown[]) => {
      const line = formatLogLine(args);
      lines.push(line);
      env.world.log(line);
      return self;
    },
    getLog: () => lines.join("\n"),
    clear: () => {
      lines.length = 0;
    },
  });
  return self;
}
