import { describe, expect, it } from "vitest";
import { planSchedule, yearsOfArchive } from "../../src/settings/schedule-plan.ts";

const quotas = { fetchQuota: 20_000, minutesQuota: 90 };

describe("planSchedule", () => {
  it("fits 100 chosen codes hourly, with room for decades of history", () => {
    expect(planSchedule({ schedule: "hourly", codes: 100, allCodes: false })).toEqual({
      codes: 100,
      runsPerDay: 24,
      fetchesPerDay: 2_400,
      ...quotas,
      // 24 × (100 × 0.15 s + 5 s) = 480 s
      minutesPerDay: 8,
      yearsOfArchive: 43.4,
      fits: true,
      message:
        "Hourly for 100 codes uses about 2,400 of 20,000 URL fetches and 8 of 90 trigger minutes a day; OpenQR Daily has room for about 43 years of history.",
      suggestion: null,
    });
  });

  it("counts the list calls when the settings cover all codes", () => {
    expect(planSchedule({ schedule: "hourly", codes: 100, allCodes: true }).fetchesPerDay).toBe(24 * 101);
    expect(planSchedule({ schedule: "hourly", codes: 401, allCodes: true }).fetchesPerDay).toBe(24 * 404);
    // Even an empty account is listed once a run.
    expect(planSchedule({ schedule: "daily", codes: 0, allCodes: true })).toMatchObject({
      fetchesPerDay: 1,
      yearsOfArchive: null,
      fits: true,
      message: "Daily for 0 codes uses about 1 of 20,000 URL fetches and 1 of 90 trigger minutes a day.",
    });
  });

  it("does not fit 1,000 codes hourly, and suggests every 6 hours", () => {
    expect(planSchedule({ schedule: "hourly", codes: 1_000, allCodes: true })).toEqual({
      codes: 1_000,
      runsPerDay: 24,
      fetchesPerDay: 24_120,
      ...quotas,
      // 24 × (1,000 × 0.15 s + 5 s) = 3,720 s
      minutesPerDay: 62,
      yearsOfArchive: 4.3,
      fits: false,
      message:
        "Hourly for 1,000 codes needs about 24,120 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Every 6 hours fits.",
      suggestion: "every6h",
    });
  });

  it("fits 1,000 codes every 6 hours and daily", () => {
    expect(planSchedule({ schedule: "every6h", codes: 1_000, allCodes: true })).toMatchObject({
      fetchesPerDay: 4_020,
      minutesPerDay: 10.3,
      fits: true,
      message:
        "Every 6 hours for 1,000 codes uses about 4,020 of 20,000 URL fetches and 11 of 90 trigger minutes a day; OpenQR Daily has room for about 4.3 years of history.",
      suggestion: null,
    });
    expect(planSchedule({ schedule: "daily", codes: 1_000, allCodes: true })).toEqual({
      codes: 1_000,
      runsPerDay: 1,
      fetchesPerDay: 1_005,
      ...quotas,
      minutesPerDay: 2.6,
      yearsOfArchive: 4.3,
      fits: true,
      message:
        "Daily for 1,000 codes uses about 1,005 of 20,000 URL fetches and 3 of 90 trigger minutes a day; OpenQR Daily has room for about 4.3 years of history.",
      suggestion: null,
    });
  });

  it("keeps a margin of 20% of each quota for formulas and other triggers", () => {
    // 24 × 704 = 16,896: under the quota, over 80% of it.
    expect(planSchedule({ schedule: "hourly", codes: 700, allCodes: true })).toMatchObject({
      fetchesPerDay: 16_896,
      fits: false,
      message:
        "Hourly for 700 codes needs about 16,896 of the 20,000 URL fetches Apps Script allows a day, leaving too few for formulas. Every 6 hours fits.",
      suggestion: "every6h",
    });
    // 24 × 666 = 15,984: within 80%.
    expect(planSchedule({ schedule: "hourly", codes: 666, allCodes: false }).fits).toBe(true);
  });

  it("uses the last run's measured time per code when given", () => {
    // 24 × 100 × 0.5 s = 1,200 s: no modelled 5 s per run.
    expect(
      planSchedule({ schedule: "hourly", codes: 100, allCodes: false, secondsPerCode: 0.5 }),
    ).toMatchObject({ minutesPerDay: 20, fits: true });
    // 24 × 100 × 2 s = 80 min: over 72 (80% of 90), under 90.
    expect(
      planSchedule({ schedule: "hourly", codes: 100, allCodes: false, secondsPerCode: 2 }),
    ).toMatchObject({
      fetchesPerDay: 2_400,
      minutesPerDay: 80,
      fits: false,
      message:
        "Hourly for 100 codes needs about 80 of the 90 trigger minutes Apps Script allows a day, leaving too little for your other triggers. Every 6 hours fits.",
      suggestion: "every6h",
    });
    expect(
      planSchedule({ schedule: "every6h", codes: 500, allCodes: false, secondsPerCode: 3 }),
    ).toMatchObject({
      minutesPerDay: 100,
      fits: false,
      message:
        "Every 6 hours for 500 codes needs about 100 trigger minutes a day, more than the 90 Apps Script allows: refreshes would fail for part of every day. Daily fits.",
      suggestion: "daily",
    });
  });

  it("says when not even daily fits", () => {
    expect(planSchedule({ schedule: "every6h", codes: 20_000, allCodes: true })).toMatchObject({
      fits: false,
      suggestion: null,
      message:
        "Every 6 hours for 20,000 codes needs about 80,400 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Even Daily is too much: choose fewer codes.",
    });
    expect(planSchedule({ schedule: "daily", codes: 20_000, allCodes: true }).message).toBe(
      "Daily for 20,000 codes needs about 20,100 URL fetches a day, more than the 20,000 Apps Script allows: refreshes would fail for part of every day. Choose fewer codes.",
    );
  });

  it("costs nothing when off", () => {
    const off = {
      runsPerDay: 0,
      fetchesPerDay: 0,
      ...quotas,
      minutesPerDay: 0,
      fits: true,
      message: "Off: reports refresh only when you choose Refresh now.",
      suggestion: null,
    };
    expect(planSchedule({ schedule: "off", codes: 1_000, allCodes: true })).toEqual({
      ...off,
      codes: 1_000,
      yearsOfArchive: 4.3,
    });
    expect(planSchedule({ schedule: "off", codes: null, allCodes: true })).toEqual({
      ...off,
      codes: null,
      yearsOfArchive: null,
    });
  });

  it("says why nothing is estimated when the number of codes is unknown", () => {
    const unknown = {
      codes: null,
      runsPerDay: 24,
      fetchesPerDay: null,
      ...quotas,
      minutesPerDay: null,
      yearsOfArchive: null,
      fits: null,
      suggestion: null,
    };
    expect(
      planSchedule({ schedule: "hourly", codes: null, allCodes: true, unknownBecause: "no-key" }),
    ).toEqual({
      ...unknown,
      message: "Save your API key to see what Hourly would use: the number of codes is not known yet.",
    });
    expect(
      planSchedule({ schedule: "hourly", codes: null, allCodes: true, unknownBecause: "not-counted" }),
    ).toEqual({
      ...unknown,
      message: "What Hourly uses is estimated once your codes are counted, at the first refresh.",
    });
  });
});

describe("yearsOfArchive", () => {
  it("fits 95% of 10 million cells with 6-cell rows, one per code per day", () => {
    // 9,500,000 / (6 × 12 × 365) = 361.49…
    expect(yearsOfArchive(12)).toBe(361.5);
    // 9,500,000 / (6 × 1,000 × 365) = 4.337…
    expect(yearsOfArchive(1_000)).toBe(4.3);
    expect(yearsOfArchive(0)).toBeNull();
  });

  it("says a year of history in a 12-code plan's message", () => {
    expect(planSchedule({ schedule: "daily", codes: 12, allCodes: true }).message).toBe(
      "Daily for 12 codes uses about 13 of 20,000 URL fetches and 1 of 90 trigger minutes a day; OpenQR Daily has room for about 361 years of history.",
    );
  });
});
