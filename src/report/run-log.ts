/**
 * The OpenQR Runs sheet as data: one row per run (the run's report, LastRun), oldest first,
 * appended at the end. The log is bounded: once it holds TRIM_AT runs, the oldest go in one
 * deletion, back to the latest KEPT_RUNS, so a run trims only once in TRIM_AT - KEPT_RUNS.
 */
import { CHAT_LABELS, type LastRun, type SlackOutcome } from "../shared/settings.ts";
import { COUNT_FORMAT, formatsByName } from "./block-formats.ts";
import { literal, OWN_TEXT_FORMAT, type WritableRow } from "./sheet-cells.ts";

export const RUN_LOG_NAME = "OpenQR Runs";
/** Its developer metadata value under the report sheets' key (src/sheets/report-sheets.ts). */
export const RUN_LOG_KIND = "runs";

export const RUN_LOG_HEADER = [
  "Finished at",
  "Trigger",
  "Status",
  "Duration (s)",
  "Refreshed",
  "Failed",
  "Waiting",
  "Outcome",
  "Chat",
] as const;
export type RunLogColumn = (typeof RUN_LOG_HEADER)[number];
export const RUN_LOG_COLUMNS = RUN_LOG_HEADER.length;

/** Seconds as well as minutes: a manual run may follow another within the minute. */
export const RUN_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
export const RUN_LOG_FORMATS: Readonly<Partial<Record<RunLogColumn, string>>> = {
  "Finished at": RUN_TIME_FORMAT,
  "Duration (s)": "0.0",
  Refreshed: COUNT_FORMAT,
  Failed: COUNT_FORMAT,
  Waiting: COUNT_FORMAT,
};

/** The runs the log keeps at least, and the count at which the oldest beyond them are deleted. */
export const KEPT_RUNS = 500;
export const TRIM_AT = 550;

export const STATUS_COMPLETED = "completed";
/** The run stopped as a whole (no key, lock busy, key refused, …) and changed no report sheet. */
export const STATUS_FAILED = "failed";

/** The digest's outcome in words. */
export function chatOutcomeText(slack: SlackOutcome): string {
  if (slack.status === "posted") return `posted to ${CHAT_LABELS[slack.chat]}`;
  if (slack.status === "failed") return `${CHAT_LABELS[slack.chat]} failed: ${slack.why}`;
  return `not posted: ${slack.why}`;
}

/**
 * Every post of the run in words: the day's digest (a run that failed as a whole has none),
 * then the month's digest and the schedule's alert or recovery when the run had them.
 */
export function chatCellText(report: LastRun): string {
  const parts: string[] = [];
  if (report.ok || report.slack.status !== "not-due") parts.push(chatOutcomeText(report.slack));
  if (report.monthlyDigest) parts.push(`monthly digest ${chatOutcomeText(report.monthlyDigest)}`);
  if (report.alert && report.alert.status !== "not-due")
    parts.push(`${report.ok ? "recovery" : "alert"} ${chatOutcomeText(report.alert)}`);
  return parts.length > 0 ? parts.join("; ") : chatOutcomeText(report.slack);
}

/**
 * A run's row. A run that failed as a whole tried no code: its counts are unknown, so blank
 * (never 0); its Outcome says why.
 */
export function runLogRow(report: LastRun): WritableRow {
  const counted = report.ok;
  const finished = new Date(Date.parse(report.time));
  return [
    Number.isNaN(finished.getTime()) ? "" : finished,
    literal(report.trigger),
    literal(report.ok ? STATUS_COMPLETED : STATUS_FAILED),
    Number.isFinite(report.durationSeconds) ? report.durationSeconds : "",
    counted ? report.refreshed : "",
    counted ? report.failed : "",
    counted ? report.skippedForTime : "",
    literal(report.message),
    literal(chatCellText(report)),
  ];
}

/** The number format of each cell of a run's row: the declared ones, the add-on's text format elsewhere. */
export function runLogRowFormats(): string[] {
  const formats = RUN_LOG_HEADER.map((): string => OWN_TEXT_FORMAT);
  for (const { column, format } of formatsByName(RUN_LOG_HEADER, RUN_LOG_FORMATS, 1, 1))
    formats[column] = format;
  return formats;
}

/** How many of the oldest runs to delete when the log holds `runs` (0 until it reaches TRIM_AT). */
export function runsToTrim(runs: number): number {
  return runs >= TRIM_AT ? runs - KEPT_RUNS : 0;
}

export const RUN_LOG_NAME_IN_THE_WAY = `The run log was not written: a sheet named "${RUN_LOG_NAME}" is not the add-on's. Rename it to keep a log of the runs.`;

/** The note a run carries when its row could not be added to the log (the run itself is unchanged). */
export function runLogFailedNote(reason: string): string {
  return `The run log (${RUN_LOG_NAME}) could not be written: ${reason}`;
}
