// Week over week and the spike/drop judgement on known series, and the false-alarm rate on steady ones.
import { describe, expect, it } from "vitest";
import { poisson, randomFor } from "../../harness/fake-openqr/prng.ts";
import {
  type CodeStart,
  judgeDay,
  lowerTail,
  type Trend,
  upperTail,
  weekOverWeek,
} from "../../src/report/trends.ts";
import { daysEnding } from "../../src/shared/days.ts";

const DAY = "2026-11-24";

/** Counts for the `length` days ending with DAY, oldest first. */
function series(values: readonly number[], last = DAY): Record<string, number> {
  const days = daysEnding(last, values.length);
  return Object.fromEntries(days.map((day, i) => [day, values[i]!]));
}

const steady = (mean: number, days: number, key: string) => {
  const random = randomFor("steady", key);
  return Array.from({ length: days }, () => poisson(mean, random));
};

describe("weekOverWeek", () => {
  it("compares the 7 complete days with the 7 before them", () => {
    expect(weekOverWeek(series([...Array(7).fill(10), ...Array(7).fill(15)]), DAY)).toEqual({
      last: 105,
      previous: 70,
      change: 0.5,
    });
  });

  it("leaves the change blank when the previous week had no scans, and both blank when a day is missing", () => {
    expect(weekOverWeek(series([...Array(7).fill(0), ...Array(7).fill(3)]), DAY)).toEqual({
      last: 21,
      previous: 0,
      change: null,
    });
    expect(weekOverWeek(series(Array(10).fill(3)), DAY)).toEqual({ last: 21, previous: null, change: null });
  });
});

describe("judgeDay", () => {
  const judge = (values: number[], start: Partial<CodeStart> = {}) =>
    judgeDay(series(values), DAY, { created: null, firstScanned: null, ...start }).trend;

  it.each<[string, number[], Trend]>([
    ["a 10× day", [...steady(20, 28, "spike"), 200], "spike"],
    ["a zero day after a steady month of ~50 a day", [...steady(50, 28, "drop"), 0], "drop"],
    ["~0.2 a day", [...steady(0.2, 28, "quiet"), 1], "quiet"],
    ["a steady code", [...steady(30, 28, "steady"), 34], "steady"],
    [
      "a busy weekend-shaped code on a Saturday",
      [...Array.from({ length: 28 }, (_, i) => (i % 7 < 2 ? 90 : 40)), 95],
      "steady",
    ],
  ])("%s → %s", (_, values, trend) => {
    expect(judge(values)).toBe(trend);
  });

  it("calls a code new only when it was created under 14 days before the judged day", () => {
    const spiky = [...Array(24).fill(0), 5, 8, 6, 7, 90];
    // Created on the 11th: 13 days before the 24th, new whatever its numbers.
    expect(judge(spiky, { created: "2026-11-11" })).toBe("new");
    expect(judgeDay(series(spiky), DAY, { created: "2026-11-11", firstScanned: null })).toEqual({
      trend: "new",
      scans: 90,
      typical: null,
    });
    // Created today, after the judged day: new too.
    expect(judge([], { created: "2026-11-25" })).toBe("new");
    // Created on the 10th: 14 days of history, judged.
    expect(judge([...Array(14).fill(0), ...Array(14).fill(5), 6], { created: "2026-11-10" })).toBe("steady");
  });

  it("says learning, not new, when too little of an older code's history is known to judge it", () => {
    // Years old, but only 6 complete days known (a free plan's first refresh).
    expect(judge([4, 5, 6, 5, 4, 90], { created: "2023-05-01" })).toBe("learning");
    // No creation day (codes chosen one by one): history starts at the first scan.
    expect(judge([...Array(24).fill(0), 5, 8, 6, 7, 90], { firstScanned: "2026-11-20" })).toBe("learning");
    expect(judge([4, 5, 6, 90])).toBe("learning");
    // The judged day itself unknown.
    expect(judgeDay({}, DAY, { created: "2023-05-01", firstScanned: null }).trend).toBe("learning");
  });

  it("gives the day's scans and the baseline's typical (median) day", () => {
    expect(
      judgeDay(series([...Array(28).fill(48), 512]), DAY, { created: null, firstScanned: null }),
    ).toEqual({
      trend: "spike",
      scans: 512,
      typical: 48,
    });
  });

  it("computes exact tails: Poisson when not over-dispersed, negative binomial when it is", () => {
    // Poisson(2): P(X ≥ 7) = 0.004534…, P(X ≤ 0) = e^-2.
    expect(upperTail(7, 2, 2)).toBeCloseTo(0.0045338, 6);
    expect(lowerTail(0, 2, 1)).toBeCloseTo(Math.exp(-2), 12);
    // NB with mean 10, variance 30 (r = 5, p = 1/3): P(X = 0) = (1/3)^5.
    expect(lowerTail(0, 10, 30)).toBeCloseTo((1 / 3) ** 5, 12);
    expect(upperTail(40, 10, 30)).toBeGreaterThan(upperTail(40, 10, 10));
  });
});

describe("the false-alarm rate on steady data", () => {
  it("flags at most 0.1% of days of 200 steady codes × 60 days (Poisson, means 0.5 to 200)", () => {
    let judged = 0;
    let flagged = 0;
    for (let code = 0; code < 200; code++) {
      const mean = 0.5 * 1.03 ** code; // 0.5 … about 190 a day
      const values = steady(mean, 60, `fleet-${code}`);
      for (let last = 29; last < 60; last++) {
        const day = daysEnding(DAY, 60)[last]!;
        const { trend } = judgeDay(series(values.slice(0, last + 1), day), day, {
          created: null,
          firstScanned: null,
        });
        judged++;
        if (trend === "spike" || trend === "drop") flagged++;
      }
    }
    expect(judged).toBe(200 * 31);
    // Measured: see the README (Insights) and docs/report-sheets.md. The bound is what the test guarantees.
    expect(flagged / judged).toBeLessThanOrEqual(0.001);
    console.log(
      `false alarms: ${flagged} of ${judged} judged days (${((flagged / judged) * 100).toFixed(3)}%)`,
    );
  });
});
