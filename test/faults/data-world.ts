/**
 * Helpers of the data, sheet-edit and concurrency faults (test/faults/data-and-edits.test.ts),
 * beside the shared fault world: hostile codes, route hooks around the fake API, readers of
 * the report sheets by code, and checks for text that was shortened or escaped.
 */
import { expect } from "vitest";
import type { CellValue } from "../../harness/emulator/index.ts";
import { parseRequest } from "../../harness/fake-openqr/routes.ts";
import type { FakeCode } from "../../harness/fake-openqr/types.ts";
import type { HttpReply, HttpRequest } from "../../harness/http-types.ts";
import { type FaultWorld, reportSheets } from "./fault-world.ts";

/** Where the add-on's own cells stop: Sheets holds 50,000 characters, the apostrophe is one. */
export const SHEET_TEXT_MAX = 49_998;
export const FORMULA_TEXT_MAX = 50_000;
export const REPORT_NAME_MAX = 100;
export const SLACK_NAME_MAX = 80;

/**
 * A code whose every string field is `text`: slug (and so its short URL), label, destination,
 * and the only country, device and referrer it is scanned from. Busy enough (1,000 a day) to
 * head the Slack digest's top codes, and old enough to have a full window.
 */
export function addHostileCode(world: FaultWorld, text: string, input: { id?: string } = {}): FakeCode {
  return world.api.addCode({
    ...input,
    slug: text,
    label: text,
    destination: text,
    created_at: "2026-09-01T00:00:00Z",
    profile: {
      meanDaily: 1000,
      countryWeights: { [text]: 1 },
      deviceWeights: { [text]: 1 },
      referrerWeights: { [text]: 1 },
    },
  });
}

/** A half of an emoji (surrogate pair) left alone: what a careless cut leaves. */
export function loneSurrogates(text: string): string[] {
  return text.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g) ?? [];
}

/**
 * `shown` is `text` when it fits in `max` code units; otherwise the start of it, cut on a whole
 * character and ending with "…", as long as fits.
 */
export function expectFitted(shown: unknown, text: string, max: number): void {
  expect(typeof shown).toBe("string");
  const value = shown as string;
  if (text.length <= max) {
    expect(value).toBe(text);
    return;
  }
  expect(value.length).toBeLessThanOrEqual(max);
  expect(value.length).toBeGreaterThanOrEqual(max - 1);
  expect(value.endsWith("…")).toBe(true);
  expect(text.startsWith(value.slice(0, -1))).toBe(true);
  expect(loneSurrogates(value)).toEqual([]);
}

/** What the Slack digest should show of an outside name: flattened, without bidi controls, clipped, escaped. */
export function slackShown(text: string): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the digest flattens them.
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
  const cut = Array.from(flat);
  let short = flat;
  if (flat.length > SLACK_NAME_MAX) {
    short = "";
    for (const char of cut) {
      if (short.length + char.length > SLACK_NAME_MAX - 1) break;
      short += char;
    }
    short += "…";
  }
  return short.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A Slack message in which outside text can do nothing: its only `<…>` is the header's link to
 * the file, no control character but line breaks, no bidi control, no half of an emoji.
 */
export function expectInertSlackText(message: string, spreadsheetUrl: string): void {
  const brackets = message.match(/<[^>]*>/g) ?? [];
  expect(brackets).toHaveLength(1);
  expect(brackets[0]!.startsWith(`<${spreadsheetUrl}|`)).toBe(true);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point.
  expect(message.match(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/g) ?? []).toEqual([]);
  expect(message.match(/[\u202a-\u202e\u2066-\u2069]/g) ?? []).toEqual([]);
  expect(loneSurrogates(message)).toEqual([]);
}

/**
 * Wraps the fake API's route (the emulator keeps the route object, so replacing its handler
 * takes effect at once): `hook` sees each request and the fake's reply and returns the reply.
 */
export function hookApi(
  world: FaultWorld,
  hook: (request: HttpRequest, reply: HttpReply) => HttpReply,
): void {
  const route = world.api.route as { handle: (request: HttpRequest) => HttpReply };
  const original = route.handle;
  route.handle = (request) => hook(request, original(request));
}

export const isListRequest = (request: HttpRequest) => parseRequest(request.url).route.kind === "list";
export const isScansRequest = (request: HttpRequest) => parseRequest(request.url).route.kind === "scans";

/** The code id the fake API understood from a request's URL ("" when it names none). */
export function idReceived(request: HttpRequest): string {
  const { route } = parseRequest(request.url);
  return route.kind === "scans" || route.kind === "code" ? route.id : "";
}

/** The used area of a report sheet (found by its tag, whatever its name now). */
export function reportValues(world: FaultWorld, kind: "daily" | "breakdown" | "summary"): CellValue[][] {
  const sheet = reportSheets(world).find((s) =>
    world.gas.spreadsheet.metadataOf(s).some((r) => r.key === "openqr.reportSheet" && r.value === kind),
  );
  return sheet ? sheet.used((cell) => cell.value) : [];
}

/** Every report sheet's values, for "nothing changed" comparisons. */
export function allReportValues(world: FaultWorld): string {
  return JSON.stringify(
    (["daily", "breakdown", "summary"] as const).map((kind) => reportValues(world, kind)),
  );
}

/** The rows of one code in a report sheet (Code ID is column B in Daily, A elsewhere). */
export function rowsOf(
  world: FaultWorld,
  kind: "daily" | "breakdown" | "summary",
  id: string,
): CellValue[][] {
  const column = kind === "daily" ? 1 : 0;
  return reportValues(world, kind)
    .slice(1)
    .filter((row) => row[column] === id);
}

/** The scans requests the fake API received since `from`, by the id it understood. */
export function scansIdsSince(world: FaultWorld, from: number): string[] {
  return world.api.requests.slice(from).filter(isScansRequest).map(idReceived);
}
