/**
 * What the add-on keeps in Properties, as schemas: every stored value is parsed by its schema
 * when read, here and nowhere else. A value that is damaged (edited by hand, cut short, or
 * written by another version) never locks the user out: a settings field falls back to its
 * default, a report shows what it can, and a memory the run can do without is forgotten.
 */
import * as v from "valibot";
import type { FormulaCost } from "../functions/formula-calls.ts";
import type { TailFingerprint } from "../report/daily-tail.ts";
import type { AlertState } from "../report/schedule-alerts.ts";
import type { SheetIds } from "../report/sheet-kinds.ts";
import {
  type ChatKind,
  FAILURE_CAUSES,
  type LastRun,
  SCHEDULES,
  type SlackOutcome,
} from "../shared/settings.ts";
import {
  DEFAULT_REPORT_SETTINGS,
  DEFAULT_SCHEDULE,
  type ReportSettings,
  type UserSchedule,
} from "./defaults.ts";

type Schema<T> = v.GenericSchema<unknown, T>;

/** `schema`, or a fresh `fallback()` when the value is missing or does not fit. */
const or = <T>(schema: Schema<T>, fallback: () => T): Schema<T> => v.fallback(schema, fallback);
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const sheetId = v.pipe(v.number(), v.integer());
const text = or(v.string(), () => "");

export const reportSettingsSchema: Schema<ReportSettings> = or(
  v.object({
    days: or(whole(1, 365), () => DEFAULT_REPORT_SETTINGS.days),
    codes: or(v.union([v.literal("all"), v.array(v.string())]), () => DEFAULT_REPORT_SETTINGS.codes),
  }),
  () => ({ ...DEFAULT_REPORT_SETTINGS }),
);

export const userScheduleSchema: Schema<UserSchedule> = or(
  v.object({
    schedule: or(v.picklist(SCHEDULES), () => DEFAULT_SCHEDULE.schedule),
    hour: or(whole(0, 23), () => DEFAULT_SCHEDULE.hour),
    refreshFormulas: or(v.boolean(), () => DEFAULT_SCHEDULE.refreshFormulas),
  }),
  () => ({ ...DEFAULT_SCHEDULE }),
);

export const sheetIdsSchema: Schema<SheetIds> = v.object({
  daily: sheetId,
  breakdown: sheetId,
  summary: sheetId,
  monthly: sheetId,
});

/** The run log's sheet id (src/platform/run-log-memory.ts). */
export const runLogIdSchema: Schema<number> = sheetId;

export const tailFingerprintSchema: Schema<TailFingerprint> = v.object({
  sheetId,
  fromRow: v.pipe(v.number(), v.integer()),
  lastRow: v.pipe(v.number(), v.integer()),
  hash: v.string(),
});

/** A count: whole and not negative (a fraction is rounded down); anything else is 0. */
const count: Schema<number> = v.pipe(
  v.fallback(v.pipe(v.number(), v.finite(), v.minValue(0)), 0),
  v.transform((n) => Math.floor(n)),
);

/** Reports from before Google Chat have no `chat`: their digests went to Slack. */
const chatKind: Schema<ChatKind> = or(v.picklist(["slack", "google-chat"]), () => "slack" as const);

const slackOutcome: Schema<SlackOutcome> = v.fallback(
  v.variant("status", [
    v.object({ status: v.literal("posted"), chat: chatKind }),
    v.object({ status: v.literal("failed"), chat: chatKind, why: text }),
    v.object({ status: v.literal("not-due"), why: text }),
  ]),
  () => ({ status: "not-due", why: "" }),
);

/** A run report: a missing or odd field shows as nothing rather than hiding the whole report. */
export const lastRunSchema: Schema<LastRun> = v.object({
  time: text,
  trigger: or(v.picklist(["manual", "scheduled"]), () => "manual" as const),
  ok: or(v.boolean(), () => true),
  refreshed: count,
  failed: count,
  failures: or(v.array(v.object({ codeId: text, slug: text, reason: text })), () => []),
  skippedForTime: count,
  // Unknown: not a number, so the sidebar shows no duration and no time per code is measured.
  durationSeconds: or(v.number(), () => Number.NaN),
  slack: slackOutcome,
  message: text,
  notes: v.pipe(
    or(v.array(v.unknown()), () => []),
    v.transform((notes) => notes.filter((note): note is string => typeof note === "string")),
  ),
  formulaCells: v.fallback(v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))), undefined),
  monthlyDigest: v.fallback(v.optional(slackOutcome), undefined),
  // Reports from before causes were typed have none: their failure counts as "other".
  failure: v.fallback(
    v.optional(v.object({ cause: or(v.picklist(FAILURE_CAUSES), () => "other" as const) })),
    undefined,
  ),
  alert: v.fallback(v.optional(slackOutcome), undefined),
});

const isoTime = v.pipe(v.string(), v.isoTimestamp());

/** A user's streak of failed scheduled runs in one spreadsheet (src/report/schedule-alerts.ts). */
export const alertStateSchema: Schema<AlertState> = v.object({
  cause: v.picklist(FAILURE_CAUSES),
  since: isoTime,
  failedRuns: v.pipe(v.number(), v.integer(), v.minValue(1)),
  alertedAt: v.nullable(isoTime),
  alertedCause: v.nullable(v.picklist(FAILURE_CAUSES)),
});

const cellCount = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What recalculating the OPENQR_ formulas costs, as the last count left it. */
export const formulaCostSchema: Schema<FormulaCost> = v.object({
  cells: cellCount,
  namedIds: cellCount,
  uncountedCalls: cellCount,
  listings: cellCount,
});

/** The cells of one sheet being rewritten by Refresh formulas: [A1, formula] pairs. */
export interface FormulaJournal {
  sheetId: number;
  cells: Array<[string, string]>;
}

export const formulaJournalSchema: Schema<FormulaJournal> = v.object({
  sheetId,
  cells: v.array(v.tuple([v.string(), v.string()])),
});

/** A stored value (JSON text, null when absent) by its schema; null when absent or unreadable. */
export function parseStored<T>(stored: string | null, schema: Schema<T>): T | null {
  if (stored === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = undefined;
  }
  const result = v.safeParse(schema, value);
  return result.success ? result.output : null;
}
