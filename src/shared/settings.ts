/**
 * The contract between the sidebar (browser) and the server functions (Apps Script) it
 * calls through google.script.run. Both sides import these types, so a renamed field or
 * function is a compile error. Values are plain data only (google.script.run carries no
 * Date): times travel as ISO strings.
 */

export const SCHEDULES = ["off", "hourly", "every6h", "daily"] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** Each schedule as the sidebar's menu and the quota planner's sentences name it. */
export const SCHEDULE_LABELS: Record<Schedule, string> = {
  off: "Off",
  hourly: "Hourly",
  every6h: "Every 6 hours",
  daily: "Daily",
};

/** One code the refresh could not update, and why (plain text for the user). */
export interface RunFailure {
  codeId: string;
  /** "" when OpenQR never told us the slug (the code failed before its first refresh). */
  slug: string;
  reason: string;
}

/** The kinds of chat webhook the digest can go to; a saved webhook's kind is told by its URL. */
export type ChatKind = "slack" | "google-chat";

/** Each kind as messages and the sidebar name it. */
export const CHAT_LABELS: Record<ChatKind, string> = { slack: "Slack", "google-chat": "Google Chat" };

/**
 * What happened to the digest in a run (Slack or Google Chat: the field keeps its first
 * name so stored reports stay readable). `chat` says where it went or failed to go.
 */
export type SlackOutcome =
  | { status: "posted"; chat: ChatKind }
  /** No webhook saved, a manual run, or the day's digest already went out. */
  | { status: "not-due"; why: string }
  | { status: "failed"; chat: ChatKind; why: string };

/**
 * Why a run failed as a whole, as a typed field (never read from the message's words):
 * what the schedule's alert (docs/alerts.md) says and asks the user to do. "busy": another
 * run held the lock, so this one had nothing to do (never alerted).
 */
export const FAILURE_CAUSES = [
  "key-rejected",
  "no-key",
  "authorization",
  "unreachable",
  "fetch-quota",
  "layout-refused",
  "document-unavailable",
  "busy",
  "other",
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** Why a run failed as a whole. */
export interface RunFailureCause {
  cause: FailureCause;
}

/**
 * The report of the last refresh of this file (manual or scheduled), kept so the sidebar
 * can explain it later. A run that failed as a whole (no key, lock busy, authorization
 * needed) is recorded too, with `ok: false` and the reason in `message`.
 */
export interface LastRun {
  /** ISO timestamp of when the refresh finished. */
  time: string;
  trigger: "manual" | "scheduled";
  /** false when the run as a whole failed and no sheet was changed. */
  ok: boolean;
  refreshed: number;
  failed: number;
  /** The first MAX_REPORTED_FAILURES failures; `failed` counts them all. */
  failures: RunFailure[];
  /** Codes left for the next run because this one ran out of time. */
  skippedForTime: number;
  durationSeconds: number;
  slack: SlackOutcome;
  /** One sentence: what happened, and what to do when something needs the user. */
  message: string;
  /** Things the user should know about the sheets (a recreated sheet, a name in the way). */
  notes: string[];
  /** Formula cells refreshed after the run (present when its owner opted in and they were). */
  formulaCells?: number;
  /** The month's digest, when this run posted it or tried to (the first scheduled run of a month). */
  monthlyDigest?: SlackOutcome;
  /** Present when the run failed as a whole (`ok: false`): why, as a type. */
  failure?: RunFailureCause;
  /** What came of the schedule's failure alert or recovery message (absent: none was due). */
  alert?: SlackOutcome;
}

/**
 * The sidebar's stale banner: the last successful refresh is older than twice the
 * viewer's schedule's interval. `reason`: the last failed run's message ("" when none).
 */
export interface StaleReport {
  /** ISO time of the last successful refresh, or null when none is on record. */
  lastSuccess: string | null;
  reason: string;
}

/** What a "Refresh formulas" pass did (the menu item, the sidebar's button, a scheduled run). */
export interface FormulaRefresh {
  /** Formula cells calling OPENQR_ functions that were rewritten, so Sheets calculates them again. */
  refreshed: number;
  /** Cells left for the next pass: this one ran out of time. */
  waiting: number;
  /** Cells left as they were: their formula is too long to keep a safe copy while it is rewritten. */
  tooLong: number;
  /** Formulas put back that an interrupted pass had left cleared. */
  restored: number;
  /** Whether the formulas' 5-minute cache was bypassed (false: the run had no document cache). */
  cacheBypassed: boolean;
  /** One sentence for the user. */
  message: string;
}

export const MAX_REPORTED_FAILURES = 20;

/**
 * What a schedule costs a day against Apps Script's quotas (a consumer account's), for
 * the sidebar to show before saving. Counts are null when the number of codes is not
 * known (no key to list them, or nothing counted them yet); `message` then says so.
 */
export interface SchedulePlan {
  /** The codes the settings cover, or null when not known. */
  codes: number | null;
  /** off 0, hourly 24, every6h 4, daily 1. */
  runsPerDay: number;
  /** URL fetches a day: runsPerDay × (codes + list calls for "all"). */
  fetchesPerDay: number | null;
  fetchQuota: number;
  /** Trigger run time a day, in minutes (one decimal). */
  minutesPerDay: number | null;
  minutesQuota: number;
  /** Years of one row per code per day that fit OpenQR Daily (one decimal); null when unknown or no codes. */
  yearsOfArchive: number | null;
  /** Within 80% of both quotas; null when not known. */
  fits: boolean | null;
  /** One sentence for the user. */
  message: string;
  /** The most frequent schedule that fits, when this one does not (null if it fits or none does). */
  suggestion: Schedule | null;
  /**
   * Present when formulas are refreshed after each run: the formula cells counted (their
   * fetches are in fetchesPerDay), or null when not counted yet.
   */
  formulaCells?: number | null;
}

/** What the sidebar shows. Never the API key, never the webhook's URL. */
export interface Settings {
  hasKey: boolean;
  /** e.g. "oqr_…a1b2", or null without a key. */
  keyHint: string | null;
  formulasUseMyKey: boolean;
  days: number;
  schedule: Schedule;
  /** 0-23, the hour of the daily refresh in the spreadsheet's time zone. */
  hour: number;
  codes: "all" | string[];
  /** The kind of the user's saved webhook for this file, or null when none is saved. */
  webhookKind: ChatKind | null;
  /** This user's scheduled runs also refresh the spreadsheet's OPENQR_ formulas. */
  refreshFormulas: boolean;
  lastRun: LastRun | null;
  /** The spreadsheet's time zone, to label the hour. */
  timeZone: string;
  /** What the saved schedule costs (never lists the codes: unknown until a refresh counts them). */
  schedulePlan: SchedulePlan;
  /** Set when the reports are stale for this user's schedule (see StaleReport). */
  stale: StaleReport | null;
}

/**
 * What the sidebar saves. `slackWebhookUrl` is a Slack or Google Chat webhook (the name is
 * the first one's); undefined leaves the saved one as it is, "" removes it.
 */
export interface SettingsInput {
  days: number;
  schedule: Schedule;
  hour: number;
  codes: "all" | string[];
  formulasUseMyKey: boolean;
  /** Undefined leaves it as saved. */
  refreshFormulas?: boolean;
  slackWebhookUrl?: string;
}

/** A code the user can pick for reports. */
export interface CodeChoice {
  id: string;
  slug: string;
  label: string;
}

/** What "Open run log" did: the sheet shown, or (opened false) why not. */
export interface RunLogOpening {
  opened: boolean;
  message: string;
}

/** The server functions the sidebar may call, by their global names. */
export interface ServerFunctions {
  getSettings(): Settings;
  saveSettings(input: SettingsInput): Settings;
  saveApiKey(key: string): string;
  clearApiKey(): void;
  listCodeChoices(): CodeChoice[];
  refreshNow(): LastRun;
  estimateSchedule(input: SettingsInput): SchedulePlan;
  refreshFormulas(): FormulaRefresh;
  openRunLog(): RunLogOpening;
}

/**
 * The user-visible name of each field. Every validation message the server throws for a
 * field starts with its label, so the sidebar can show it beside that field.
 */
export const FIELD_LABELS = {
  apiKey: "API key",
  days: "Days",
  schedule: "Schedule",
  hour: "Hour",
  codes: "Codes",
  formulasUseMyKey: "Let formulas in this spreadsheet use my key",
  refreshFormulas: "Refresh formulas after each scheduled refresh",
  slackWebhookUrl: "Webhook URL",
} as const;
export type SettingsField = keyof typeof FIELD_LABELS;

/** The field a server message is about, or null for a general message. */
export function fieldOfMessage(message: string): SettingsField | null {
  const fields = Object.keys(FIELD_LABELS) as SettingsField[];
  return fields.filter((field) => message.indexOf(`${FIELD_LABELS[field]} `) === 0)[0] ?? null;
}
