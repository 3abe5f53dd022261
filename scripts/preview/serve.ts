/**
 * `npm start -- --serve`: keeps the fake OpenQR API up until it is told to stop, and stops
 * cleanly. Ctrl+C, SIGTERM and SIGHUP close it; so does the end of any process that started
 * this one (npm, its shell, tsx), because `npm start` runs `sh -c "tsx scripts/start.ts"` and
 * npm forwards only SIGINT and SIGTERM to the shell, which does not pass them on: killing npm
 * would otherwise leave the server running.
 */
import { execFileSync } from "node:child_process";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const WATCH_MS = 500;

/** This process's ancestors, nearest first, up to (not including) init; [] where `ps` is missing. */
export function ancestors(): number[] {
  const found: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && found.length < 64) {
    found.push(pid);
    try {
      pid = Number(execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim());
    } catch {
      break;
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Resolves with why it should stop: a signal's name, or "parent" when a process that started it ended. */
export function untilStopped(): Promise<string> {
  const watched = ancestors();
  if (watched.length === 0) watched.push(process.ppid);
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      clearInterval(timer);
      for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
      resolve(reason);
    };
    const onSignal = (signal: NodeJS.Signals) => stop(signal);
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
    const timer = setInterval(() => {
      if (!watched.every(alive)) stop("parent");
    }, WATCH_MS);
  });
}
