/**
 * "Last refresh": the report of the file's last refresh (LastRun), compact enough for the
 * 300 px sidebar. Slugs, reasons, messages and notes are untrusted text from the server
 * and OpenQR, so everything is inserted with textContent, never parsed as HTML.
 */
import {
  CHAT_LABELS,
  type ChatKind,
  type LastRun,
  type RunFailure,
  type Settings,
  type SlackOutcome,
} from "../shared/settings.ts";
import { renderStaleBanner } from "./stale-banner.ts";
import { ui } from "./ui.ts";
import { textElement } from "./view.ts";

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function failureOf(value: unknown): RunFailure {
  const failure = (value ?? {}) as Partial<RunFailure>;
  return { codeId: text(failure.codeId), slug: text(failure.slug), reason: text(failure.reason) };
}

function slackOf(value: unknown): SlackOutcome {
  const slack = (value ?? {}) as { status?: unknown; why?: unknown; chat?: unknown };
  // Reports from before Google Chat have no `chat`: their digests went to Slack.
  const chat: ChatKind = slack.chat === "google-chat" ? "google-chat" : "slack";
  if (slack.status === "posted") return { status: "posted", chat };
  if (slack.status === "failed") return { status: "failed", chat, why: text(slack.why) };
  return { status: "not-due", why: text(slack.why) };
}

/**
 * The report with every field present. The stored report is read back without checks, so
 * a missing or odd field shows as nothing rather than breaking the whole sidebar.
 */
export function completeReport(run: LastRun): LastRun {
  const report = run as Partial<LastRun>;
  return {
    time: text(report.time),
    trigger: report.trigger === "scheduled" ? "scheduled" : "manual",
    ok: report.ok !== false,
    refreshed: count(report.refreshed),
    failed: count(report.failed),
    failures: Array.isArray(report.failures) ? report.failures.map(failureOf) : [],
    skippedForTime: count(report.skippedForTime),
    durationSeconds: typeof report.durationSeconds === "number" ? report.durationSeconds : Number.NaN,
    slack: slackOf(report.slack),
    message: text(report.message),
    notes: Array.isArray(report.notes) ? report.notes.filter((note) => typeof note === "string") : [],
    ...(report.monthlyDigest === undefined ? {} : { monthlyDigest: slackOf(report.monthlyDigest) }),
  };
}

export function formatTime(iso: string, timeZone: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  };
  try {
    return time.toLocaleString(undefined, { ...options, timeZone });
  } catch {
    // An unknown time zone name: the browser's own zone is better than nothing.
    return time.toLocaleString(undefined, options);
  }
}

/** "12 s", "1 min 14 s", "under 1 s"; "" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  const whole = Math.round(seconds);
  if (whole < 1) return "under 1 s";
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The status line under Refresh now: the report's message, or a summary when it has none. */
export function refreshSummary(run: LastRun): string {
  const report = completeReport(run);
  if (report.message !== "") return report.message;
  if (!report.ok) return "The refresh failed; nothing was changed.";
  const refreshed = `Refreshed ${plural(report.refreshed, "code")}`;
  return report.failed > 0 ? `${refreshed}; ${report.failed} failed.` : `${refreshed}.`;
}

function whenLine(report: LastRun, timeZone: string): HTMLElement {
  const line = document.createElement("p");
  const time = textElement("time", formatTime(report.time, timeZone));
  time.setAttribute("datetime", report.time);
  line.appendChild(time);
  const parts: string[] = [report.trigger];
  const duration = formatDuration(report.durationSeconds);
  if (duration !== "") parts.push(duration);
  line.appendChild(document.createTextNode(parts.map((part) => ` · ${part}`).join("")));
  return line;
}

function countsLine(report: LastRun): HTMLElement {
  const line = document.createElement("p");
  line.appendChild(document.createTextNode(`${report.refreshed} refreshed, `));
  line.appendChild(textElement("span", `${report.failed} failed`, report.failed > 0 ? "error" : ""));
  return line;
}

function failureList(report: LastRun): HTMLElement {
  const list = document.createElement("ul");
  list.className = "run-list";
  list.setAttribute("aria-label", "Codes that failed");
  for (const failure of report.failures) {
    const item = document.createElement("li");
    item.appendChild(textElement("span", failure.slug || failure.codeId, "code-slug"));
    item.appendChild(document.createTextNode(` — ${failure.reason}`));
    list.appendChild(item);
  }
  const more = report.failed - report.failures.length;
  if (more > 0) list.appendChild(textElement("li", `…and ${more} more`, "secondary"));
  return list;
}

/**
 * Posted, failed (each naming the chat it went to), or (quietly, and only for a user with
 * a webhook, named by its kind) why it was not due.
 */
function slackLine(slack: SlackOutcome, webhookKind: ChatKind | null): HTMLElement | null {
  if (slack.status === "posted") return textElement("p", `${CHAT_LABELS[slack.chat]} digest posted`);
  if (slack.status === "failed") {
    const why = slack.why || "the digest could not be posted.";
    return textElement("p", `${CHAT_LABELS[slack.chat]}: ${why}`, "error");
  }
  if (webhookKind === null || slack.why === "") return null;
  return textElement("p", `${CHAT_LABELS[webhookKind]}: ${slack.why}`, "secondary");
}

function noteList(notes: string[]): HTMLElement {
  const list = document.createElement("ul");
  list.className = "run-notes";
  list.setAttribute("aria-label", "Notes");
  for (const note of notes) list.appendChild(textElement("li", note));
  return list;
}

/** Renders the settings' last refresh (settings.lastRun) in "Last refresh". */
export function renderLastRun(
  settings: Pick<Settings, "lastRun" | "timeZone" | "webhookKind" | "stale" | "schedule">,
): void {
  renderStaleBanner(settings);
  if (settings.lastRun === null) {
    ui.lastRun.replaceChildren(textElement("p", "Never"));
    return;
  }
  const report = completeReport(settings.lastRun);
  const rows: HTMLElement[] = [whenLine(report, settings.timeZone)];
  // A run that failed as a whole changed nothing: its counts would only say "0, 0".
  const counted = report.refreshed + report.failed + report.skippedForTime > 0;
  if (report.ok || counted) rows.push(countsLine(report));
  if (report.skippedForTime > 0) {
    rows.push(textElement("p", `${report.skippedForTime} waiting for a later run`));
  }
  if (report.message !== "") rows.push(textElement("p", report.message, report.ok ? "secondary" : "error"));
  if (report.failures.length > 0) rows.push(failureList(report));
  const slack = slackLine(report.slack, settings.webhookKind);
  if (slack) rows.push(slack);
  const monthly = report.monthlyDigest;
  if (monthly?.status === "posted")
    rows.push(textElement("p", `${CHAT_LABELS[monthly.chat]} monthly digest posted`));
  if (monthly?.status === "failed") {
    rows.push(textElement("p", `${CHAT_LABELS[monthly.chat]} monthly digest: ${monthly.why}`, "error"));
  }
  if (report.notes.length > 0) rows.push(noteList(report.notes));
  ui.lastRun.replaceChildren(...rows);
}
