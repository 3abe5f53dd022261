/**
 * The "When things go wrong" rows for hostile data, users' edits to the report sheets and
 * concurrent runs and saves: data only (no test code), like table.ts, so a README generator
 * can import them. Every text a user sees is a constant in `MSG` (or, where the other half
 * of the suite checks the same words, its `SAYS`); the rows quote those constants, and
 * test/faults/data-and-edits.test.ts asserts that the add-on shows exactly them.
 */
import { type FaultRow, SAYS } from "./table.ts";

const q = (text: string) => `“${text}”`;

/** The exact texts this half of the suite checks. */
export const MSG = {
  dotId: (id: string) =>
    `OpenQR code id "${id}" was not sent: "." and ".." would change the address of the request. Use the code's id as =OPENQR_CODES() lists it.`,
  deletedMidRun: SAYS.notFoundRun,
  oneFailed: SAYS.oneCodeFailed,
  failedStatus: SAYS.failedStatus,
  statusDeleted: "deleted at OpenQR: its rows in OpenQR Daily are kept",
  overTime: (refreshed: number, waiting: number) =>
    `Refreshed ${refreshed} codes; ${waiting} codes wait for the next run (this one reached its time limit).`,
  statusWaiting: "waiting: this run ran out of time; the next run refreshes it first",
  tooManyIds: (n: number) =>
    `id holds ${n} ids; one formula takes at most 200. Split the range across several formulas.`,
  tooManyChosen: 'Codes must be "all" or a list of 1 to 500 code ids.',
  hourlyTooMuch:
    "Hourly for 1,000 codes needs about 24,120 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Every 6 hours fits.",
  columnsMoved: (sheet: string, last: string, first: string, lastName: string) =>
    `Columns were inserted or moved among the add-on's columns of "${sheet}" (A to ${last}: ${first} to ${lastName}), so nothing was changed: move your own columns to the right of column ${last}, then refresh again.`,
  dailyRecreated: (days: number) =>
    `OpenQR Daily was missing and was created again: only the last ${days} days (what OpenQR still returns) could be refilled; older history is gone.`,
  recreated: (sheet: string) => `${sheet} was missing and was created again.`,
  busy: SAYS.busy,
  saveBusy: SAYS.saveBusy,
  outOfOrder:
    "OpenQR Daily was not in the add-on's order (sorted by another column, or rows moved), so this run read all of it and put it back in order: by day, then slug. Your own columns moved with their rows.",
} as const;

const NOTHING = "Nothing.";
const KEPT = "Every row already in the sheets is kept as it was.";

export const DATA_ROWS = {
  hostileText: {
    fault:
      "Text from OpenQR that looks like a formula (starting with =, +, - or @), HTML or a script, in a slug, label, destination, short URL, country, device or referrer",
    userSees:
      "The text exactly as OpenQR sent it: in the report sheets, in formula results and in the sidebar's list of codes. It is never run as a formula and never shown as HTML.",
    data: `Stored as text, never as a formula, number or date. ${KEPT}`,
    whatToDo: NOTHING,
  },
  slackMarkup: {
    fault: "Slack mark-up in OpenQR's text or the file's name (<!channel>, <@U123>, <https://x|y>, *bold*)",
    userSees:
      "The Slack digest shows it as plain text. Because <, > and & are escaped, it can't ping anyone or make a link. A *, _ or ~ can still style that one name.",
    data: `The sheets store the text as sent. ${KEPT}`,
    whatToDo: NOTHING,
  },
  longText: {
    fault:
      "A value of 50,000 characters or more (a cell holds 50,000, and the add-on adds an apostrophe to keep text literal)",
    userSees:
      "The cell or formula result shows the start of the text, ending with “…”. The run report cuts names to 100 characters and the Slack digest to 80. A cut never splits an emoji.",
    data: `Only the over-long text is shortened; the numbers and other cells are whole. ${KEPT}`,
    whatToDo: "Nothing. To see the whole value, use OpenQR itself.",
  },
  controlCharacters: {
    fault: "Control characters (U+0000 to U+001F: tabs, line breaks, NUL) in OpenQR's text",
    userSees:
      "Cells and formula results keep them as sent. In the Slack digest, each run of them becomes one space, so a name can't start a fake line.",
    data: KEPT,
    whatToDo: NOTHING,
  },
  rightToLeft: {
    fault: "A right-to-left override (U+202E) in a name",
    userSees:
      "The cell keeps it, and it reverses only that cell's own text. The Slack digest removes it, so it can't reverse the numbers that follow it on the line.",
    data: KEPT,
    whatToDo: NOTHING,
  },
  emoji: {
    fault:
      "Emoji and other characters outside the Basic Multilingual Plane, in a name that has to be shortened",
    userSees: "Every shortened name ends on a whole emoji, never on half of one (which shows as “�”).",
    data: KEPT,
    whatToDo: NOTHING,
  },
  oddIds: {
    fault: "A code id with /, ?, #, % or .. in it",
    userSees:
      "It works like any other id. The request URL percent-encodes it, so OpenQR receives exactly that id.",
    data: "Its rows are stored under the exact id.",
    whatToDo: NOTHING,
  },
  dotIds: {
    fault: "A code id that is exactly “.” or “..”",
    userSees: `The formula cell, or the code's Summary Status (“failed: …”), says ${q(MSG.dotId(".."))}`,
    data: "Nothing is sent to OpenQR for that code, and its rows are kept. Every other code is refreshed.",
    whatToDo: "Use the id shown by =OPENQR_CODES().",
  },
  deletedMidRun: {
    fault:
      "A code deleted at OpenQR after the refresh listed the codes and before it fetched that code's scans",
    userSees: `The run report says ${q(MSG.oneFailed)} and names the code: ${q(MSG.deletedMidRun("<id>"))} The next run sets its Summary Status to ${q(MSG.statusDeleted)}.`,
    data: "Its rows in OpenQR Daily and OpenQR Breakdown are kept. The other codes are refreshed.",
    whatToDo: NOTHING,
  },
  duplicateIdsInRange: {
    fault: "The same id twice in a formula's range",
    userSees:
      "OPENQR_SCANS, OPENQR_ROLLUP, OPENQR_SUMMARY and OPENQR_BREAKDOWN show that code once (and count it once). OPENQR_TOTAL answers every cell in the range's shape. Each code is requested once.",
    data: "No data is written.",
    whatToDo: NOTHING,
  },
  duplicateChosenCodes: {
    fault:
      "The same code chosen twice: saved twice from the sidebar, in a settings value written earlier, or listed twice by OpenQR",
    userSees: "The code is refreshed once. It has one Summary row and one OpenQR Daily row per day.",
    data: "No duplicate rows are written.",
    whatToDo: NOTHING,
  },
  thousandCodesRefresh: {
    fault: "1,000 codes, more than one run has time to fetch (6 minutes; here, 6 s per OpenQR round trip)",
    userSees: `The run report says ${q(MSG.overTime(800, 200))} Those 200 codes have the Summary Status ${q(MSG.statusWaiting)}. The next run fetches them first (stalest first).`,
    data: "Every code is covered within two runs, and each keeps its previous rows until then. No row is duplicated.",
    whatToDo:
      "Nothing. For a fleet this size, pick a schedule that fits: the sidebar's quota planner says which.",
  },
  thousandCodesFormula: {
    fault: "A formula given a range of more than 200 ids (for example 1,000)",
    userSees: `The cell says ${q(MSG.tooManyIds(1000))}`,
    data: "Nothing is fetched and no data is written.",
    whatToDo: "Split the range across several formulas of at most 200 ids.",
  },
  thousandCodesSidebar: {
    fault: "1,000 codes in the sidebar: the list, more than 500 ticked, and an hourly schedule",
    userSees: `The sidebar lists all 1,000 codes. If more than 500 are ticked, saving says ${q(MSG.tooManyChosen)} and the quota planner warns: ${q(MSG.hourlyTooMuch)}`,
    data: "Nothing is saved until the settings are valid.",
    whatToDo: "Choose “All codes” (or fewer ticked codes), and a schedule the planner says fits.",
  },
} satisfies Record<string, FaultRow>;

export const SHEET_EDIT_ROWS = {
  sorted: {
    fault: "OpenQR Daily sorted by the user, for example by Scans",
    userSees: `After the next refresh the sheet is back in order (day, then slug), and the run report's note says ${q(MSG.outOfOrder)}`,
    data: "No row is lost or duplicated, and the values and formulas of columns the user added move with their rows.",
    whatToDo: NOTHING,
  },
  filtered: {
    fault: "A filter on a report sheet (rows hidden)",
    userSees:
      "The same as without a filter. The refresh reads and writes only through getDataRange, getLastRow, getValues and setValues, and those include hidden rows. The emulator doesn't model hidden rows; the test checks that the refresh uses nothing else.",
    data: KEPT,
    whatToDo: NOTHING,
  },
  rowsDeleted: {
    fault: "Rows deleted from OpenQR Daily",
    userSees:
      "The next refresh refills deleted rows that are inside OpenQR's window (the Days setting). Older rows stay deleted.",
    data: "Rows outside the window are gone, because OpenQR no longer returns them. Every other row is kept.",
    whatToDo: "To keep history, don't delete rows. Hide them or filter them instead.",
  },
  columnAddedRight: {
    fault: "A column added to the right of the add-on's columns",
    userSees:
      "The refresh works. Its values and formulas move with their row when rows are re-sorted, and a formula keeps reading its own row (=D5*2 becomes =D7*2 when its row moves to row 7; $D$5 stays $D$5). Its formats, notes, checkboxes and conditional formatting stay where they are: they belong to the position, not to the row.",
    data: KEPT,
    whatToDo: NOTHING,
  },
  columnInsertedBefore: {
    fault:
      "A column inserted before or among the add-on's columns (or one of them deleted), even if a header was renamed as well",
    userSees: `The refresh stops, and the run report says, for example, ${q(MSG.columnsMoved("OpenQR Daily", "D", "Day", "Scans"))}`,
    data: "No sheet is changed. Nothing is written into the wrong columns.",
    whatToDo: "Move your columns to the right of the add-on's columns (or delete them), then refresh again.",
  },
  headerRenamed: {
    fault: "A header cell of a report sheet renamed",
    userSees: "The refresh works and keeps your header text.",
    data: KEPT,
    whatToDo: NOTHING,
  },
  sheetRenamed: {
    fault: "A report sheet renamed",
    userSees:
      "The refresh finds the sheet by its tag (developer metadata) and refreshes it under its new name. It doesn't create a second copy.",
    data: KEPT,
    whatToDo: NOTHING,
  },
  sheetDeleted: {
    fault: "A report sheet deleted between runs",
    userSees: `The next refresh creates the sheet again, and its report notes ${q(MSG.dailyRecreated(7))} (or ${q(MSG.recreated("OpenQR Summary"))})`,
    data: "OpenQR Daily is refilled with OpenQR's window only: older history is lost with the deleted sheet. The other sheets are kept.",
    whatToDo: "Restore the sheet from File › Version history if you need the older days.",
  },
  scansTyped: {
    fault: "A value typed into the Scans column of OpenQR Daily",
    userSees:
      "Inside OpenQR's window, the next refresh sets it back to OpenQR's count. Outside the window it's kept, because OpenQR no longer has that day.",
    data: "Only the typed cell is affected. Every other row is kept.",
    whatToDo: "To note something, use a column of your own to the right.",
  },
} satisfies Record<string, FaultRow>;

export const CONCURRENCY_ROWS = {
  refreshDuringRefresh: {
    fault: "A refresh started while another is running (Refresh now during a scheduled run, or the reverse)",
    userSees: `The second run stops at once. Its toast, the sidebar and Last refresh say ${q(MSG.busy)}`,
    data: "The second run changes nothing, fetches nothing and posts nothing. The running one finishes normally.",
    whatToDo: "Wait a minute, then refresh again.",
  },
  saveDuringSave: {
    fault: "Saving settings while another editor saves, or while a refresh runs",
    userSees: `The sidebar says ${q(MSG.saveBusy)}`,
    data: "Nothing of that save is stored: not the shared settings, the schedule or the Slack webhook.",
    whatToDo: "Save again in a minute.",
  },
  twoEditorsSave: {
    fault: "Two editors saving settings, one after the other",
    userSees:
      "The last save's Days and Codes apply to both editors, because they're the file's settings. Each editor keeps their own key, schedule and Slack webhook.",
    data: "Neither save removes the other editor's trigger or webhook.",
    whatToDo: "Agree on the file's Days and Codes.",
  },
  twoUsersTriggers: {
    fault: "Two users with their own key and schedule on the same file",
    userSees:
      "Both users' triggers refresh the same sheets. Each user's Slack digest goes to their own webhook, once a day.",
    data: "No row is duplicated: rows are matched by day and code.",
    whatToDo: "Nothing. One schedule is enough, though: a second one doubles the requests to OpenQR.",
  },
} satisfies Record<string, FaultRow>;

/** This half's rows, in table order. */
export const DATA_AND_EDIT_ROWS: FaultRow[] = [
  ...Object.values(DATA_ROWS),
  ...Object.values(SHEET_EDIT_ROWS),
  ...Object.values(CONCURRENCY_ROWS),
];
