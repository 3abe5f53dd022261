/**
 * The run report (LastRun) the sidebar shows: what a refresh did, in numbers and one
 * sentence, small enough for a property value (9 KB) whatever the API's strings hold.
 */

import { clipText } from "../shared/clip.ts";
import {
  type FailureCause,
  type LastRun,
  MAX_REPORTED_FAILURES,
  type RunFailure,
  type SlackOutcome,
} from "../shared/settings.ts";

const MAX_SLUG_CHARS = 100;
const MAX_ID_CHARS = 100;
const MAX_REASON_CHARS = 300;
/** Property values hold 9 KB; keep a margin for the JSON around the strings. */
const MAX_REPORT_CHARS = 8000;

export interface RunTally {
  refreshed: number;
  failures: RunFailure[];
  skippedForTime: number;
  /** The skipped codes wait for the daily URL fetch quota, not for time. */
  quotaReached?: boolean;
  notes: string[];
}

export interface RunTiming {
  finishedAt: number;
  trigger: LastRun["trigger"];
  durationMs: number;
}

const clip = clipText;
const codes = (n: number) => `${n} ${n === 1 ? "code" : "codes"}`;

export function summarizeRun(tally: RunTally): string {
  const { refreshed, failures, skippedForTime } = tally;
  if (refreshed + failures.length + skippedForTime === 0) {
    return "No codes to refresh: the report settings cover no dynamic code of your OpenQR account.";
  }
  const parts = [`Refreshed ${codes(refreshed)}`];
  if (failures.length > 0) {
    parts.push(
      `${codes(failures.length)} failed and kept ${failures.length === 1 ? "its" : "their"} previous rows`,
    );
  }
  if (skippedForTime > 0 && tally.quotaReached) {
    parts.push(
      `${codes(skippedForTime)} wait: daily URL fetch quota reached (Apps Script allows 20,000 a day; it resets within 24 hours)`,
    );
  } else if (skippedForTime > 0) {
    parts.push(`${codes(skippedForTime)} wait for the next run (this one reached its time limit)`);
  }
  return `${parts.join("; ")}.`;
}

function base(timing: RunTiming): Pick<LastRun, "time" | "trigger" | "durationSeconds"> {
  return {
    time: new Date(timing.finishedAt).toISOString(),
    trigger: timing.trigger,
    durationSeconds: Math.round(timing.durationMs / 100) / 10,
  };
}

export function completedRun(timing: RunTiming, tally: RunTally, slack: SlackOutcome): LastRun {
  return fitted({
    ...base(timing),
    ok: true,
    refreshed: tally.refreshed,
    failed: tally.failures.length,
    failures: tally.failures.slice(0, MAX_REPORTED_FAILURES).map((failure) => ({
      codeId: clip(failure.codeId, MAX_ID_CHARS),
      slug: clip(failure.slug, MAX_SLUG_CHARS),
      reason: clip(failure.reason, MAX_REASON_CHARS),
    })),
    skippedForTime: tally.skippedForTime,
    slack,
    message: summarizeRun(tally),
    notes: tally.notes,
  });
}

/** A run that stopped before changing anything: no key, lock busy, authorization needed, … */
export function failedRun(
  timing: RunTiming,
  message: string,
  cause: FailureCause,
  notes: string[] = [],
): LastRun {
  return fitted({
    ...base(timing),
    ok: false,
    refreshed: 0,
    failed: 0,
    failures: [],
    skippedForTime: 0,
    slack: { status: "not-due", why: "the refresh did not run" },
    message,
    notes,
    failure: { cause },
  });
}

/** Drops listed failures (never the counts) until the report fits one property value. */
function fitted(report: LastRun): LastRun {
  const fitting = { ...report, failures: report.failures.slice() };
  while (JSON.stringify(fitting).length > MAX_REPORT_CHARS && fitting.failures.length > 0)
    fitting.failures.pop();
  return fitting;
}
