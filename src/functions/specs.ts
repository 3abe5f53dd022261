/**
 * The one source of truth for every global the bundle exposes to Apps Script.
 * The build generates each top-level `function NAME(params)` declaration from these
 * entries, with JSDoc for the custom functions, so autocomplete help cannot drift from
 * the code; a test checks the README documents every custom function's example.
 */

export interface ParamSpec {
  name: string;
  /** JSDoc type shown in the formula helper. */
  type: string;
  description: string;
}

export interface GlobalSpec {
  name: string;
  params: readonly ParamSpec[];
  /** One sentence for the formula helper or the generated comment. */
  summary: string;
}

export interface CustomFunctionSpec extends GlobalSpec {
  returns: string;
  example: string;
}

const idParam: ParamSpec = {
  name: "id",
  type: "string|Array<Array<string>>",
  description:
    'A dynamic code\'s id (not its slug), e.g. "b1c2d3", or a range of ids. Blank cells are skipped.',
};

const daysParam: ParamSpec = {
  name: "days",
  type: "number",
  description: "How many days to report, 1-365. Blank for 30. Your OpenQR plan may allow fewer.",
};

const daysOrStartParam: ParamSpec = {
  name: "days_or_start",
  type: "number|Date|string",
  description:
    'How many days to report, 1-365 (blank for 30), or the first day of a date range: a date cell or "YYYY-MM-DD" text, at most 364 days back and within your OpenQR plan\'s window.',
};

const endParam: ParamSpec = {
  name: "end",
  type: "Date|string",
  description:
    'With a start date: the range\'s last day, a date cell or "YYYY-MM-DD", not after today (UTC). Blank for today; leave it blank with a number of days.',
};

export const CUSTOM_FUNCTIONS: readonly CustomFunctionSpec[] = [
  {
    name: "OPENQR_SCANS",
    summary:
      "Daily scan counts of one or more OpenQR dynamic codes, oldest day first: the last `days` days, or the days from a start date to an end date, both included.",
    params: [idParam, daysOrStartParam, endParam],
    returns: "A table: Day, then one column of scans per code.",
    example: '=OPENQR_SCANS("b1c2d3e4f5a6b7c8d9e0f1a2", 30)',
  },
  {
    name: "OPENQR_ROLLUP",
    summary:
      "Daily scans of one or more OpenQR dynamic codes added together, oldest day first, over `days` days or a date range; an id repeated in the range counts once. With `groups`, one column per group.",
    params: [
      {
        ...idParam,
        description:
          "A dynamic code's id (not its slug), or a range of ids. Blank cells are skipped; a repeated id counts once.",
      },
      daysOrStartParam,
      endParam,
      {
        name: "groups",
        type: "string|Array<Array<string>>",
        description:
          "Optional: a range the same shape as id holding each code's group name (such as the Summary's Group column). Blank groups add up as (no group).",
      },
    ],
    returns:
      "A table: Day, then Scans: that day's scans summed over the codes; with groups, Day then one column per group, in first-seen order.",
    example: "=OPENQR_ROLLUP(A2:A20, 30)",
  },
  {
    name: "OPENQR_SUMMARY",
    summary:
      "One row per code: slug, URLs, lifetime, last 7 days and window totals, top country, device, referrer and busiest day.",
    params: [idParam, daysParam],
    returns: "A table with a header row and one row per code.",
    example: "=OPENQR_SUMMARY(A2:A10, 30)",
  },
  {
    name: "OPENQR_BREAKDOWN",
    summary: "Scans by country, device or referrer (top 8) within the last `days` days.",
    params: [
      idParam,
      {
        name: "dimension",
        type: "string",
        description: '"country", "device" or "referrer".',
      },
      daysParam,
    ],
    returns: "A table: the dimension's values and their scans.",
    example: '=OPENQR_BREAKDOWN("b1c2d3e4f5a6b7c8d9e0f1a2", "country", 30)',
  },
  {
    name: "OPENQR_TOTAL",
    summary: "Lifetime scan totals, in the same shape as the ids given (blank ids stay blank).",
    params: [{ ...idParam, description: "A code's id, or a range of ids; blank cells stay blank." }],
    returns: "Totals without a header, one per id.",
    example: "=OPENQR_TOTAL(A2:A20)",
  },
  {
    name: "OPENQR_CODES",
    summary: "Every dynamic code of the account: id, slug, short URL, destination, label, status, created.",
    params: [],
    returns: "A table with a header row and one row per code, newest first.",
    example: "=OPENQR_CODES()",
  },
];

/** Globals that are not custom functions: simple triggers, menu items and sidebar calls. */
export const ENTRY_POINTS: readonly GlobalSpec[] = [
  { name: "onOpen", params: [param("e")], summary: "Builds the add-on menu." },
  { name: "onInstall", params: [param("e")], summary: "Runs onOpen when the add-on is installed." },
  { name: "saveApiKey", params: [param("key")], summary: "Verifies and stores the user's OpenQR API key." },
  {
    name: "clearApiKey",
    params: [],
    summary: "Removes the user's OpenQR API key (and the formulas' copy of it).",
  },
  { name: "showSettings", params: [], summary: "Opens the settings sidebar." },
  { name: "getSettings", params: [], summary: "The sidebar's view of the settings (never a secret)." },
  {
    name: "saveSettings",
    params: [param("settings")],
    summary: "Validates and saves the sidebar's settings and schedule.",
  },
  { name: "listCodeChoices", params: [], summary: "The account's codes, for choosing which to report." },
  {
    name: "estimateSchedule",
    params: [param("settings")],
    summary: "What the sidebar's schedule would use of Apps Script's daily quotas; saves nothing.",
  },
  {
    name: "refreshNow",
    params: [],
    summary: "Refreshes the report sheets now and returns the run's report.",
  },
  {
    name: "refreshFormulas",
    params: [],
    summary: "Makes Sheets recalculate the spreadsheet's OPENQR_ formulas, with fresh numbers.",
  },
  { name: "openRunLog", params: [], summary: "Shows the OpenQR Runs sheet, the log of the refreshes." },
  {
    name: "refreshReports",
    params: [param("e")],
    summary: "The clock trigger's handler: refreshes the report sheets on the user's schedule.",
  },
  { name: "showHelp", params: [], summary: "Shows what the functions are, with examples." },
];

function param(name: string): ParamSpec {
  return { name, type: "*", description: "" };
}
