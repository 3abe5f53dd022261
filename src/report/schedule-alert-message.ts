/**
 * The schedule's alert and recovery messages (docs/alerts.md), as format-neutral chat parts:
 * what failed, since when (in the spreadsheet's time zone), and the one thing to do. Built
 * from the typed cause only, so no run message, key or webhook can reach the chat.
 */
import { SETTINGS_PATH } from "../shared/addon-menu.ts";
import type { FailureCause } from "../shared/settings.ts";
import { bold, type ChatMessage, type Inline, icon, link, outside } from "./chat-message.ts";
import type { AlertPost } from "./schedule-alerts.ts";

/** What failed, and the one thing to do, for each cause. */
export const CAUSE_TEXTS: Record<FailureCause, { what: string; todo: string }> = {
  "key-rejected": {
    what: "OpenQR rejected the saved API key.",
    todo: `Save a valid API key in ${SETTINGS_PATH}.`,
  },
  "no-key": {
    what: "No OpenQR API key is saved for the schedule.",
    todo: `Save your OpenQR API key in ${SETTINGS_PATH}.`,
  },
  authorization: {
    what: "The add-on's permission has lapsed.",
    todo: `Open ${SETTINGS_PATH} once to grant it again.`,
  },
  unreachable: {
    what: "OpenQR could not be reached (network or server errors, after retries).",
    todo: "Nothing to change if openqr.uk is back up: the next scheduled run tries again.",
  },
  "fetch-quota": {
    what: "Apps Script's daily URL fetch quota is used up.",
    todo: `Choose a less frequent schedule or fewer codes in ${SETTINGS_PATH}.`,
  },
  "layout-refused": {
    what: "The report sheets' layout was refused (columns moved, a newer layout, or a sheet in the way).",
    todo: "Use Refresh reports now in the spreadsheet: its message names the sheet to fix.",
  },
  "document-unavailable": {
    what: "The schedule ran without access to the spreadsheet.",
    todo: `Open the spreadsheet and save the schedule again in ${SETTINGS_PATH}.`,
  },
  busy: {
    what: "Another refresh was running.",
    todo: "Nothing: the next scheduled run tries again.",
  },
  other: {
    what: "The scheduled refresh failed.",
    todo: `Open ${SETTINGS_PATH}: Last refresh says why.`,
  },
};

export interface AlertMessageInput {
  post: AlertPost;
  /** The spreadsheet's name, or null when the run could not open it. */
  spreadsheetName: string | null;
  spreadsheetUrl: string;
  /** When the streak began, as the spreadsheet's zone writes it ("2026-11-25 09:00 (Europe/London)"). */
  sinceText: string;
}

const runs = (n: number) => `${n} failed ${n === 1 ? "run" : "runs"}`;

export function scheduleAlert(input: AlertMessageInput): ChatMessage {
  const { post } = input;
  const file: Inline = link(
    input.spreadsheetUrl,
    input.spreadsheetName === null ? "your spreadsheet" : outside(input.spreadsheetName),
  );
  if (post.kind === "recovery") {
    return {
      lines: [
        [icon("recovered"), " ", bold("OpenQR scheduled refresh recovered"), " · ", file],
        [`Recovered after ${runs(post.failedRuns)} since ${input.sinceText}.`],
      ],
    };
  }
  const texts = CAUSE_TEXTS[post.cause];
  return {
    lines: [
      [icon("warning"), " ", bold("OpenQR scheduled refresh failed"), " · ", file],
      [`${texts.what} Failing since ${input.sinceText}; ${runs(post.failedRuns)} so far.`],
      [bold("To do:"), ` ${texts.todo}`],
    ],
  };
}
