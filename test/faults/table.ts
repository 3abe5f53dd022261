/**
 * The "When things go wrong" table: one row per fault the suite drives, in plain words.
 *
 * Every text a user sees is a constant (or a function of the fault's numbers) in `SAYS`;
 * the rows quote those constants, and the tests in this folder assert that the add-on shows
 * exactly them. So a row cannot drift from the test behind it. Data only: no test code here,
 * so a README generator can import it.
 */
export type FaultRow = { fault: string; userSees: string; data: string; whatToDo: string };

const SETTINGS = "Extensions › OpenQR › Settings";
const q = (text: string) => `“${text}”`;
const tries = (n: number) => (n > 1 ? ` after ${n} tries` : "");

/** Custom functions try 4 times within 30 s; the refresh 5 times within its 6 minutes. */
export const FORMULA_TRIES = 4;
export const REFRESH_TRIES = 5;

/** The exact texts the suite checks. */
export const SAYS = {
  invalid: "OpenQR refused the request as invalid (HTTP 400).",
  unauthorized: `OpenQR rejected the API key (HTTP 401). Save a valid key in ${SETTINGS}.`,
  keyRejected:
    "OpenQR rejected this key (HTTP 401): it may be mistyped, revoked or rotated. Nothing was saved. Copy a current key from openqr.uk › API keys.",
  planLimit:
    "Your OpenQR plan does not allow this request (HTTP 403). Ask for fewer days or upgrade the plan at openqr.uk.",
  notFoundCell: (id: string) =>
    `OpenQR code "${id}" was not found (HTTP 404). Use the code's id (see =OPENQR_CODES()), not its slug.`,
  notFoundList: "OpenQR did not find that (HTTP 404).",
  notFoundRun: (id: string) =>
    `OpenQR has no code "${id}" (HTTP 404): it was deleted, or is not in this account. Its rows here are kept.`,
  rateLimited: (n: number) =>
    `OpenQR is limiting how often it can be asked (HTTP 429)${tries(n)}. Try again in a minute (a formula runs again when you edit it or a cell it refers to).`,
  serverError: (status: number, n: number) =>
    `OpenQR had a server error (HTTP ${status})${tries(n)}. Try again in a few minutes.`,
  unexpected: (status: number, problem: string) =>
    `Unexpected response from OpenQR (HTTP ${status}): ${problem}. Try again later.`,
  network: (n: number) =>
    `Could not reach OpenQR (network error${tries(n)}). Check that openqr.uk is reachable, then try again.`,
  keyNotChecked: (why: string) => `OpenQR could not check this key, so nothing was saved. ${why}`,
  keyUnreachable:
    "Could not reach OpenQR to check this key (network error), so nothing was saved. Try again in a moment.",
  notListed: (why: string) => `Could not list your OpenQR codes, so nothing was changed. ${why}`,
  notCounted: (why: string) => `Could not count your OpenQR codes to estimate the schedule. ${why}`,
  oneCodeFailed: "Refreshed 11 codes; 1 code failed and kept its previous rows.",
  allRefreshed: "Refreshed 12 codes.",
  failedStatus: (reason: string) => `failed: ${reason}`,
  /** The platform's own words when it stops an execution (30 s for a formula, 6 minutes for a run). */
  timeLimit: "Exceeded maximum execution time",
  quota:
    "Apps Script's daily URL fetch quota is used up (Service invoked too many times), so OpenQR cannot be asked until it resets, within 24 hours.",
  quotaWaiting:
    "Refreshed 0 codes; 12 codes wait: daily URL fetch quota reached (Apps Script allows 20,000 a day; it resets within 24 hours).",
  quotaStatus: "waiting: the daily URL fetch quota was reached; a run after it resets refreshes it first",
  quotaSlack: "Apps Script's daily URL fetch quota is used up; the next scheduled run tries again",
  busy: "A refresh is already running in this spreadsheet; try again in a minute.",
  saveBusy:
    "Another editor is saving this file's OpenQR settings, or a refresh is running. Nothing was saved: try again in a minute.",
  slackUrlTooLong: (length: number) =>
    `Webhook URL is too long for a webhook (${length} characters; Slack's and Google Chat's are under 300). Copy it again.`,
  tooManyCodes: (n: number) =>
    `Codes are too many to save: ${n} ticked codes need more than the 9 KB Apps Script keeps in one setting. Tick fewer, or choose All codes.`,
  storageFull:
    "Apps Script's storage for the OpenQR add-on is full (500 KB), so your changes could not all be saved. Turn off the schedule or remove the Slack webhook in spreadsheets where you no longer use OpenQR, then save again.",
  slackStorageFull:
    "not posted: Apps Script's storage for the add-on is full (500 KB), so the day's digest could not be marked as sent. Remove the add-on's schedule or webhook in spreadsheets you no longer use",
  slackTooLate: "this run had too little time left to post; the next scheduled run tries again",
  noDocument:
    "The scheduled refresh could not open this spreadsheet: Apps Script ran it without access to the file, so nothing was refreshed. Use Refresh now; if this keeps happening, turn the schedule off.",
  otherDocument:
    "The schedule saved for this spreadsheet ran in another file, so nothing was refreshed. Save the schedule again in Settings to recreate it.",
  /** Apps Script's own words for a lapsed grant, in English (other languages translate them). */
  platformAuthorization: "Authorization is required to perform that action.",
  fetchRefused: (platformText: string) =>
    `Apps Script refused to contact OpenQR: “${platformText}” If that asks for permission, open Extensions › OpenQR › Settings… once to grant it (for formulas, the spreadsheet's owner does this).`,
  paused:
    "Scheduled refreshes are paused: the add-on needs your permission again. Open Extensions › OpenQR › Settings once to grant it.",
  permissionAgain:
    "The OpenQR add-on needs permission again: open Extensions › OpenQR › Settings… once to grant it (for formulas, the spreadsheet's owner does this), then try again.",
  roomLow: (percent: number, cells: number, daily: number, codes: number, days: number) =>
    `This spreadsheet is ${percent}% full: ${cells.toLocaleString("en-US")} of the 10,000,000 cells Google Sheets allows, ` +
    `${daily.toLocaleString("en-US")} of them in OpenQR Daily. At ${codes} codes, OpenQR Daily has room for about ` +
    `${days.toLocaleString("en-US")} more days. When it is full, refreshes stop before writing anything. To make room, ` +
    "move old years of OpenQR Daily to another spreadsheet (copy the rows there, then delete them here), or delete " +
    "sheets, rows and columns you do not use.",
  cellLimit:
    "This spreadsheet has reached Google Sheets' limit of 10,000,000 cells, so the OpenQR sheets could not grow and the refresh stopped; the rows already in them are kept. Delete unused sheets, rows or columns (or move old rows of OpenQR Daily to another spreadsheet), then refresh again.",
} as const;

/** A long Slack URL the platform could not store (9 KB per value). */
export const LONG_SLACK_URL_LENGTH = "https://hooks.slack.com/services/".length + 9300;
/** Ticked codes whose ids (24 characters, as OpenQR's) pass 9 KB as one setting. */
export const TOO_MANY_CODES = 400;

const KEPT = "Nothing is written: every row of the three sheets stays as it was.";
const CODE_KEPT =
  "That code keeps its previous rows in OpenQR Daily and OpenQR Breakdown; the other codes are refreshed.";
const RETRY_LATER =
  "Nothing: the next scheduled run tries again (or Refresh now later; a formula runs again when you edit it).";

export const HTTP_ROWS = {
  badRequest: {
    fault: "OpenQR answers 400 (invalid request)",
    userSees: `The cell and the run report: ${q(SAYS.invalid)} The code's Summary Status says ${q(SAYS.failedStatus(SAYS.invalid))}.`,
    data: CODE_KEPT,
    whatToDo:
      "Check the formula's arguments; if it persists in the refresh, tell OpenQR support (the add-on asks nothing unusual).",
  },
  unauthorized: {
    fault: "OpenQR answers 401 (the key was revoked or rotated)",
    userSees: `Cells and the run report: ${q(SAYS.unauthorized)} Saving such a key says ${q(SAYS.keyRejected)}`,
    data: `The refresh stops as a whole before writing. ${KEPT}`,
    whatToDo: `Copy a current key from openqr.uk › API keys and save it in ${SETTINGS}.`,
  },
  planLimit: {
    fault: "OpenQR answers 403 plan_limit_exceeded",
    userSees: `The cell and the code's Summary Status: ${q(SAYS.planLimit)}`,
    data: CODE_KEPT,
    whatToDo: "Ask for fewer days (Settings › Days, or the formula's days), or upgrade the OpenQR plan.",
  },
  notFound: {
    fault: "OpenQR answers 404 for a code (deleted, or another account's id)",
    userSees: `A cell: ${q(SAYS.notFoundCell("<id>"))} The run report and Summary: ${q(SAYS.notFoundRun("<id>"))}`,
    data: "Its rows in OpenQR Daily are kept as history; the other codes are refreshed.",
    whatToDo: "Use the id from =OPENQR_CODES(); untick codes that were deleted at OpenQR.",
  },
  rateLimited: {
    fault: "OpenQR answers 429 without Retry-After, again and again",
    userSees: `After backing off (2, 4, 8 s…): ${q(SAYS.rateLimited(FORMULA_TRIES))} (the refresh: after ${REFRESH_TRIES} tries), in the cell or the code's Summary Status.`,
    data: CODE_KEPT,
    whatToDo: RETRY_LATER,
  },
  rateLimitedBriefly: {
    fault: "OpenQR answers 429 with Retry-After: 2, then answers",
    userSees:
      "Nothing unusual: the add-on waits the 2 seconds asked, and the cell or the refresh shows the numbers.",
    data: "Written as usual.",
    whatToDo: "Nothing.",
  },
  rateLimitedForAges: {
    fault: "OpenQR answers 429 with an absurd Retry-After (999999 s)",
    userSees: `At once, without waiting: ${q(SAYS.rateLimited(1))}`,
    data: CODE_KEPT,
    whatToDo: RETRY_LATER,
  },
  serverError: {
    fault: "OpenQR answers 500, again and again",
    userSees: `After backing off: ${q(SAYS.serverError(500, FORMULA_TRIES))} (the refresh: after ${REFRESH_TRIES} tries), in the cell or the code's Summary Status.`,
    data: CODE_KEPT,
    whatToDo: RETRY_LATER,
  },
  badGateway: {
    fault: "A proxy answers 502 with an HTML page",
    userSees: `${q(SAYS.serverError(502, FORMULA_TRIES))} Nothing of the page is shown.`,
    data: CODE_KEPT,
    whatToDo: RETRY_LATER,
  },
  unavailableOnce: {
    fault: "OpenQR answers 503 once, then answers",
    userSees: "Nothing unusual: the request is retried after a short wait and the numbers appear.",
    data: "Written as usual.",
    whatToDo: "Nothing.",
  },
  emptyBody: {
    fault: "OpenQR answers 200 with an empty body",
    userSees: q(SAYS.unexpected(200, "empty body")),
    data: CODE_KEPT,
    whatToDo: RETRY_LATER,
  },
  malformedJson: {
    fault: "OpenQR answers 200 with JSON cut off in the middle",
    userSees: q(SAYS.unexpected(200, "not valid JSON")),
    data: CODE_KEPT,
    whatToDo: RETRY_LATER,
  },
  wrongShape: {
    fault:
      "OpenQR answers valid JSON of the wrong shape: a field of the wrong type, no analytics, daily not a list, a negative or fractional count, a day that is not a date (such as 2026-13-45)",
    userSees: `The field is named, for example ${q(SAYS.unexpected(200, 'bad field "analytics.daily"'))}`,
    data: `${CODE_KEPT} No number from that answer is used anywhere.`,
    whatToDo: RETRY_LATER,
  },
  duplicatedDay: {
    fault: "OpenQR's daily series lists the same day twice",
    userSees: q(SAYS.unexpected(200, 'bad field "analytics.daily"')),
    data: `Not counted twice and no second row: ${CODE_KEPT}`,
    whatToDo: RETRY_LATER,
  },
  hugeResponse: {
    fault: "OpenQR answers with a very large body (5 MB)",
    userSees: "Nothing unusual: only the fields the add-on knows are kept.",
    data: "Written as usual.",
    whatToDo: "Nothing.",
  },
  redirect: {
    fault: "OpenQR answers 302, redirecting to another host",
    userSees: q(SAYS.unexpected(302, "a redirect, which is not followed")),
    data: `${CODE_KEPT} The redirect is not followed: the API key never reaches the other host.`,
    whatToDo: RETRY_LATER,
  },
  dropped: {
    fault: "The connection drops",
    userSees: `After retrying: ${q(SAYS.network(FORMULA_TRIES))}`,
    data: CODE_KEPT,
    whatToDo: "Check the network path to openqr.uk; otherwise nothing: the next run tries again.",
  },
  dns: {
    fault: "openqr.uk cannot be resolved (DNS failure)",
    userSees: `Cells: ${q(SAYS.network(FORMULA_TRIES))} The run report: ${q(SAYS.notListed(SAYS.network(REFRESH_TRIES)))}`,
    data: `The refresh stops before writing. ${KEPT}`,
    whatToDo: "Nothing if OpenQR is down; the next run tries again.",
  },
  neverAnswers: {
    fault: "OpenQR never answers (each request waits out UrlFetch's 60 s timeout)",
    userSees: `A cell: Apps Script's ${q(SAYS.timeLimit)} (a formula may run 30 s). The refresh sends nothing new after 4.5 minutes and ends inside its 6: codes that never answered say ${q(SAYS.failedStatus(SAYS.network(2)))} in the Summary.`,
    data: "The codes that answered are written; those that did not keep their rows.",
    whatToDo: RETRY_LATER,
  },
} satisfies Record<string, FaultRow>;

export const PLATFORM_ROWS = {
  quota: {
    fault: 'UrlFetch says "Service invoked too many times" (the 20,000 fetches a day are used)',
    userSees: `Cells and the sidebar: ${q(SAYS.quota)} A refresh of chosen codes: ${q(SAYS.quotaWaiting)}, their Status ${q(SAYS.quotaStatus)}.`,
    data: "Nothing more is fetched; what was fetched is written and every row is kept.",
    whatToDo:
      "Wait for the quota to reset, or choose a less frequent schedule (the sidebar's planner says which fits).",
  },
  lockHeld: {
    fault: "Another refresh holds the spreadsheet's lock",
    userSees: `The run report: ${q(SAYS.busy)} Saving settings: ${q(SAYS.saveBusy)}`,
    data: `${KEPT} The settings stay as they were.`,
    whatToDo: "Try again in a minute.",
  },
  settingTooLarge: {
    fault: "A setting bigger than a property holds (9 KB): a pasted webhook URL of 9 KB, or 400 ticked codes",
    userSees: `Beside the field: ${q(SAYS.slackUrlTooLong(LONG_SLACK_URL_LENGTH))} or ${q(SAYS.tooManyCodes(TOO_MANY_CODES))}`,
    data: "Nothing is saved; the previous settings stay.",
    whatToDo: "Paste the webhook URL again from Slack or Google Chat; tick fewer codes or choose All codes.",
  },
  runReportTooLarge: {
    fault: "A run report that would pass 9 KB (30 failing codes with 2,000-character slugs)",
    userSees: "The run report, shortened (the first 20 failures, long texts clipped with …).",
    data: "Written as usual; the failing codes keep their rows.",
    whatToDo: "Nothing.",
  },
  storeFull: {
    fault: "Your add-on storage is full (500 KB of user properties across your spreadsheets)",
    userSees: `Saving settings: ${q(SAYS.storageFull)} The day's digest: ${q(SAYS.slackStorageFull)}`,
    data: "The refresh writes the sheets as usual; the digest is not posted (never posted twice).",
    whatToDo: "Turn off schedules and webhooks in spreadsheets you no longer use.",
  },
  cacheTooLarge: {
    fault: "A formula's answer is too big for the cache (over 100 KB), or the cache drops everything",
    userSees: "Nothing unusual: the table appears; the formula fetches again the next time it runs.",
    data: "Nothing is written.",
    whatToDo: "Nothing.",
  },
  noSpreadsheet: {
    fault:
      "The schedule runs without the spreadsheet (no active spreadsheet, document properties or lock), or in another file than the one it was saved in",
    userSees: `The Last refresh of your sidebar in that spreadsheet: ${q(SAYS.noDocument)} Or, for another file: ${q(SAYS.otherDocument)}`,
    data: "Nothing is written, in either file.",
    whatToDo:
      "Refresh now by hand; if it keeps happening, turn the schedule off (or save it again in the file it belongs to).",
  },
  authorization: {
    fault: "The add-on needs authorization again (new scopes, access revoked)",
    userSees: `The run report: ${q(SAYS.paused)} The sidebar: ${q(SAYS.permissionAgain)} Cells: Apps Script's own words (in your language), then how to grant it.`,
    data: `${KEPT} Nothing is fetched.`,
    whatToDo: `Open ${SETTINGS} once and allow access (for formulas, the spreadsheet's owner).`,
  },
  roomLow: {
    fault: "The spreadsheet is 80% full or more (of the 10 million cells Google Sheets allows)",
    userSees: `The refresh works; its run report adds a note, for example: ${q(SAYS.roomLow(85, 8_500_000, 6_000, 12, 20_833))}`,
    data: "Written as usual.",
    whatToDo:
      "Before it is full: move old years of OpenQR Daily to another spreadsheet, or delete sheets, rows and columns you do not use.",
  },
  cellLimit: {
    fault: "The spreadsheet is at its 10 million cells, so the OpenQR sheets cannot grow",
    userSees: `The run report: ${q(SAYS.cellLimit)}`,
    data: `${KEPT} The refresh stops before writing anything, even to a sheet that had room.`,
    whatToDo:
      "Delete unused sheets, rows or columns, or move old rows of OpenQR Daily to another spreadsheet.",
  },
  killed: {
    fault: "Apps Script stops a run at 6 minutes while it writes the sheets",
    userSees: `A manual refresh: ${q(SAYS.timeLimit)}; the run report still shows the run before. The next run: ${q(SAYS.allRefreshed)}`,
    data: "Sheets written before the stop keep their new rows; the next run finishes the rest, without a duplicate (day, code) row.",
    whatToDo: "Nothing: the next run repairs it.",
  },
  slackTooLate: {
    fault: "A run that is slow to fetch leaves too little time to post to Slack",
    userSees: `The run report's Slack line: ${q(SAYS.slackTooLate)}`,
    data: "The sheets are written; the digest goes with the next scheduled run, once.",
    whatToDo: "Nothing.",
  },
} satisfies Record<string, FaultRow>;

export const FAULT_ROWS: FaultRow[] = [...Object.values(HTTP_ROWS), ...Object.values(PLATFORM_ROWS)];
