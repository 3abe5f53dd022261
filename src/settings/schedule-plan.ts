/**
 * The quota planner (pure): what a refresh schedule costs a day against Apps Script's
 * daily quotas, whether it fits, and how long OpenQR Daily can keep growing.
 *
 * The cost model, per run:
 * - URL fetches: one scans request per code, plus, when the settings cover all codes, the
 *   list calls that find them (GET /v1/dynamic, CODE_PAGE_SIZE codes a page, at least one).
 *   Retries are not counted.
 * - Time: the last run's measured seconds per code (its duration over the codes it tried)
 *   when there is one; else MODEL_SECONDS_PER_CODE per code (a fetchAll batch of 20 codes
 *   costs about one 2-3 s round trip) plus MODEL_SECONDS_PER_RUN for the sheets.
 * - Formulas refreshed after each run (when the user opted in): each formula cell Sheets
 *   recalculates fetches what it asks for (formulaFetches, an upper bound), and rewriting
 *   the cells costs MODEL_SECONDS_PER_FORMULA_CELL each.
 * The quotas are a consumer account's (the add-on cannot tell a Workspace account, whose
 * quotas are larger), and a plan fits only within QUOTA_SHARE of each, leaving the rest
 * for formulas, manual refreshes and the user's other scripts.
 */
import type { FormulaCost } from "../functions/formula-calls.ts";
import { CODE_PAGE_SIZE } from "../openqr/client.ts";
import { DAILY_SHEET_COLUMNS } from "../report/daily-archive.ts";
import { groupThousands } from "../shared/numbers.ts";
import { SCHEDULE_LABELS, type Schedule, type SchedulePlan } from "../shared/settings.ts";

/** URL fetches a day on a consumer account (Workspace: 100,000). */
export const FETCH_QUOTA = 20_000;
/** Minutes of trigger run time a day on a consumer account (Workspace: 360). */
export const MINUTES_QUOTA = 90;
/** A plan fits when it needs at most this share of each quota. */
export const QUOTA_SHARE = 0.8;
export const MODEL_SECONDS_PER_CODE = 0.15;
export const MODEL_SECONDS_PER_RUN = 5;
/** Reading, clearing and writing back one formula cell: three service calls. */
export const MODEL_SECONDS_PER_FORMULA_CELL = 0.1;
/** A spreadsheet holds at most 10 million cells. */
export const SPREADSHEET_CELLS = 10_000_000;
/** OpenQR Daily's share of them; the rest is left for Summary, Breakdown and the user's own sheets. */
export const DAILY_SHARE_OF_CELLS = 0.95;

export const RUNS_PER_DAY: Record<Schedule, number> = { off: 0, hourly: 24, every6h: 4, daily: 1 };
/** Most frequent first: the first of these that fits is the suggestion. */
const SUGGESTIONS: readonly Schedule[] = ["hourly", "every6h", "daily"];

export interface PlanInput {
  schedule: Schedule;
  /** The codes the settings cover; null when not known. */
  codes: number | null;
  /** The settings cover all codes, so each run lists them first. */
  allCodes: boolean;
  /** The last run's measured seconds per code; null (or absent) for the model. */
  secondsPerCode?: number | null;
  /** Why `codes` is null: no saved key, or nothing has counted them yet. */
  unknownBecause?: "no-key" | "not-counted";
  /**
   * The formula cells refreshed after each run: absent when the user did not opt in, null
   * when they did and the cells are not counted yet.
   */
  formulas?: FormulaCost | null;
}

/** At most what recalculating the formula cells fetches, for a report of `codes` codes (see FormulaCost). */
export function formulaFetches(cost: FormulaCost, codes: number): number {
  const listing = Math.max(1, Math.ceil(codes / CODE_PAGE_SIZE));
  return cost.namedIds + cost.uncountedCalls * codes + cost.listings * listing;
}

interface Usage {
  fetches: number;
  minutes: number;
}

function usage(schedule: Schedule, input: PlanInput, codes: number): Usage {
  const runs = RUNS_PER_DAY[schedule];
  const listCalls = input.allCodes ? Math.max(1, Math.ceil(codes / CODE_PAGE_SIZE)) : 0;
  const perCode = input.secondsPerCode;
  const formulas = input.formulas ?? null;
  const formulaSeconds = formulas === null ? 0 : formulas.cells * MODEL_SECONDS_PER_FORMULA_CELL;
  const secondsPerRun =
    (perCode == null ? codes * MODEL_SECONDS_PER_CODE + MODEL_SECONDS_PER_RUN : codes * perCode) +
    formulaSeconds;
  const formulaFetchesPerRun = formulas === null ? 0 : formulaFetches(formulas, codes);
  return {
    fetches: runs * (codes + listCalls + formulaFetchesPerRun),
    minutes: (runs * secondsPerRun) / 60,
  };
}

const fitsQuotas = (use: Usage) =>
  use.fetches <= FETCH_QUOTA * QUOTA_SHARE && use.minutes <= MINUTES_QUOTA * QUOTA_SHARE;

/** Years of one row per code per day that fit OpenQR Daily's cells (unrounded); null for no codes. */
function archiveYears(codes: number | null): number | null {
  if (codes === null || codes <= 0) return null;
  return (SPREADSHEET_CELLS * DAILY_SHARE_OF_CELLS) / (DAILY_SHEET_COLUMNS * codes * 365);
}

/** Years of history OpenQR Daily has room for, to one decimal; null for no codes. */
export function yearsOfArchive(codes: number): number | null {
  const years = archiveYears(codes);
  return years === null ? null : round1(years);
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** 24120 → "24,120", rounded to a whole number. */
const grouped = (value: number) => groupThousands(Math.round(value));

/** Whole minutes, rounded up (past float noise): a cost is never shown as less than it is. */
const minutesText = (minutes: number) => grouped(Math.ceil(Math.round(minutes * 1000) / 1000));

/** "43 years", "4.3 years": whole years from 10 up, one decimal below. */
function yearsText(years: number): string {
  return `${years >= 9.95 ? grouped(years) : years.toFixed(1)} years`;
}

/** Why a plan that does not fit fails, as the middle of its sentence. */
function overQuota(use: Usage): string {
  const fetchesOver = use.fetches > FETCH_QUOTA * QUOTA_SHARE;
  const [amount, unit, quota, rest] = fetchesOver
    ? [grouped(use.fetches), "URL fetches", FETCH_QUOTA, "too few for formulas"]
    : [minutesText(use.minutes), "trigger minutes", MINUTES_QUOTA, "too little for your other triggers"];
  const over = fetchesOver ? use.fetches > FETCH_QUOTA : use.minutes > MINUTES_QUOTA;
  return over
    ? `needs about ${amount} ${unit} a day, more than the ${grouped(quota)} Apps Script allows: refreshes would fail for part of every day.`
    : `needs about ${amount} of the ${grouped(quota)} ${unit} Apps Script allows a day, leaving ${rest}.`;
}

export const FORMULAS_NOT_COUNTED =
  "Refreshing formulas after each run is not counted yet: its cells are counted at the next formula refresh.";

export function planSchedule(input: PlanInput): SchedulePlan {
  const { schedule, codes } = input;
  const label = SCHEDULE_LABELS[schedule];
  const years = archiveYears(codes);
  const plan = {
    codes,
    runsPerDay: RUNS_PER_DAY[schedule],
    fetchQuota: FETCH_QUOTA,
    minutesQuota: MINUTES_QUOTA,
    yearsOfArchive: years === null ? null : round1(years),
    // Only when the user opted in to refreshing formulas after each run.
    ...(input.formulas !== undefined ? { formulaCells: input.formulas?.cells ?? null } : {}),
  };
  if (schedule === "off") {
    return {
      ...plan,
      fetchesPerDay: 0,
      minutesPerDay: 0,
      fits: true,
      message: "Off: reports refresh only when you choose Refresh now.",
      suggestion: null,
    };
  }
  if (codes === null) {
    return {
      ...plan,
      fetchesPerDay: null,
      minutesPerDay: null,
      fits: null,
      message:
        input.unknownBecause === "no-key"
          ? `Save your API key to see what ${label} would use: the number of codes is not known yet.`
          : `What ${label} uses is estimated once your codes are counted, at the first refresh.`,
      suggestion: null,
    };
  }
  const use = usage(schedule, input, codes);
  const fits = fitsQuotas(use);
  const suggestion = fits
    ? null
    : (SUGGESTIONS.filter((other) => fitsQuotas(usage(other, input, codes)))[0] ?? null);
  const cells = input.formulas?.cells;
  const subject =
    `${label} for ${grouped(codes)} ${codes === 1 ? "code" : "codes"}` +
    (cells === undefined ? "" : ` and ${grouped(cells)} formula ${cells === 1 ? "cell" : "cells"}`);
  let message: string;
  if (fits) {
    const history = years === null ? "" : yearsText(years);
    message =
      `${subject} uses about ${grouped(use.fetches)} of ${grouped(FETCH_QUOTA)} URL fetches and ` +
      `${minutesText(use.minutes)} of ${MINUTES_QUOTA} trigger minutes a day` +
      (history === "" ? "." : `; OpenQR Daily has room for about ${history} of history.`);
  } else {
    const instead =
      suggestion !== null
        ? `${SCHEDULE_LABELS[suggestion]} fits.`
        : schedule === "daily"
          ? "Choose fewer codes."
          : "Even Daily is too much: choose fewer codes.";
    message = `${subject} ${overQuota(use)} ${instead}`;
  }
  if (input.formulas === null) message += ` ${FORMULAS_NOT_COUNTED}`;
  return {
    ...plan,
    fetchesPerDay: use.fetches,
    minutesPerDay: round1(use.minutes),
    fits,
    message,
    suggestion,
  };
}
