/**
 * Public types of the fake OpenQR API, plus the mutable state its modules share.
 * Field names of rows and bodies follow the published API (snake_case), not our style.
 */
import type { HttpReply, HttpRequest, Route } from "../http-types.ts";

export type CodeStatus = "active" | "paused";

/** A row exactly as `GET /v1/dynamic` and `GET /v1/dynamic/{id}` return it. */
export interface CodeRow {
  id: string;
  slug: string;
  short_url: string;
  destination: string;
  label: string | null;
  status: CodeStatus;
  created_at: string;
}

/** How a code's scans are generated; weights are relative, not percentages. */
export interface ScanProfile {
  /** Typical scans per day; 0 means the code is never scanned. */
  meanDaily: number;
  /** Multiplier applied on Saturdays and Sundays (menus are busier, office flyers quieter). */
  weekendFactor: number;
  countryWeights: Readonly<Record<string, number>>;
  deviceWeights: Readonly<Record<string, number>>;
  referrerWeights: Readonly<Record<string, number>>;
}

export interface FakeCode extends Readonly<CodeRow> {
  readonly profile: Readonly<ScanProfile>;
  /** Exact counts by UTC day that replace the generated ones; days not listed have no scans. */
  readonly fixedDaily?: Readonly<Record<string, number>>;
}

/** What `addCode` accepts: any field may be chosen, the rest get defaults. */
export interface FakeCodeInput extends Partial<Omit<CodeRow, "short_url">> {
  profile?: Partial<ScanProfile>;
  fixedDaily?: Record<string, number>;
}

/** One UTC day of one code: the count and how it splits per dimension (full, not top 8). */
export interface DayScans {
  day: string;
  n: number;
  byCountry: Record<string, number>;
  byDevice: Record<string, number>;
  byReferrer: Record<string, number>;
}

export interface Plan {
  /** The longest analytics window the plan allows; null means unlimited (365, the API maximum). */
  analyticsDays: number | null;
  /** Without detailed analytics, `by_device` and `by_referrer` are omitted from scans bodies. */
  detailed: boolean;
  /** Reported by `/v1/me`; defaults to "pro" when detailed, else "free". */
  name?: "pro" | "free";
}

export interface Variations {
  /** List responses leave out `next_cursor` entirely on their last page. */
  omitNextCursor: boolean;
  /** Every error envelope leaves out `code` (older API versions did not send it). */
  omitErrorCode: boolean;
}

export interface ErrorFault {
  status: number;
  code?: string;
  message?: string;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
  omitCode?: boolean;
}

export type Fault =
  | ErrorFault
  | { kind: "html"; status?: number }
  | { kind: "malformed"; status?: number }
  | { kind: "truncated" }
  | { kind: "empty"; status?: number }
  | { kind: "drop" }
  | { kind: "slow"; ms: number };

export interface FakeOpenQROptions {
  /** Epoch ms of "now"; the emulator passes its virtual clock. */
  now?: () => number;
  seed?: number;
  codeCount?: number;
  keys?: string[];
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A second (third…) account at the same address: its own keys, codes, plan and creation time. */
export interface FakeAccountOptions {
  keys: string[];
  /** Seeds its codes and scans; defaults to one derived from the fake's seed. */
  seed?: number;
  /** Seeded codes (default 12, the same templates as the first account's, with other ids). */
  codeCount?: number;
  /** What its `/v1/me` reports as `created_at`; defaults to a seeded instant, distinct from the others'. */
  createdAt?: string;
}

/** One account of the fake API: what a test may see and change of it. */
export interface FakeAccount {
  /** Its `/v1/me` `created_at`, fixed when the account is made. */
  readonly createdAt: string;
  /** Every code, newest first, as the list endpoint would order them. */
  readonly codes: readonly FakeCode[];
  addCode(input?: FakeCodeInput): FakeCode;
  removeCode(id: string): boolean;
  /** The scans a code has on one UTC day (YYYY-MM-DD) by now (today: so far), for tests that predict bodies. */
  scansOn(id: string, day: string): DayScans;
  readonly plan: Readonly<Plan>;
  setPlan(plan: Plan): void;
  addKey(key: string): void;
  revokeKey(key: string): void;
}

/** The fake API; its own fields are its first account's (the demo key's). */
export interface FakeOpenQR extends FakeAccount {
  handle(request: HttpRequest): HttpReply;
  readonly route: Route;
  listen(port?: number): Promise<RunningServer>;
  /**
   * Another account at the same address: a request is answered from the account whose keys
   * hold its key, so each key lists and reads only its own account's codes.
   */
  addAccount(options: FakeAccountOptions): FakeAccount;
  /** Queue faults for requests about code `target`, or "*list", "*me", "*" (any request). */
  inject(target: string, faults: Fault[]): void;
  clearFaults(): void;
  readonly variations: Variations;
  /** Every request received, in order. */
  readonly requests: HttpRequest[];
  /** Back to the seeded state; accounts added by addAccount are removed. */
  reset(): void;
}

/** Internal: what the request handlers read. */
export interface FakeState {
  seed: number;
  now: () => number;
  codes: Map<string, FakeCode>;
  keys: Set<string>;
  plan: Plan;
  variations: Variations;
  /** The account's `created_at` on `/v1/me`. */
  createdAt: string;
}
