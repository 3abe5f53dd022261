// The pure table builders: exact cells of every custom function's output.
import { describe, expect, it } from "vitest";
import {
  breakdownTable,
  codesTable,
  OPENQR_SUMMARY_HEADER,
  scansTable,
  summaryTable,
  totalsTable,
} from "../../src/functions/tables.ts";
import { NOT_IN_PLAN } from "../../src/openqr/code-summary.ts";
import { scansBody } from "./fixtures.ts";

/** Stands in for the spreadsheet's zone: a day becomes UTC midnight. */
const utcDates = (days: readonly string[]) => days.map((day) => new Date(`${day}T00:00:00Z`));

describe("scansTable", () => {
  it("gives Day and Scans for one code, oldest first", () => {
    const table = scansTable(
      [
        scansBody("a", "spring", [
          ["2026-11-24", 3],
          ["2026-11-25", 0],
        ]),
      ],
      utcDates,
    );
    expect(table).toEqual([
      ["Day", "Scans"],
      [new Date("2026-11-24T00:00:00Z"), 3],
      [new Date("2026-11-25T00:00:00Z"), 0],
    ]);
  });

  it("aligns several codes by day under their slugs, a missing day counting 0", () => {
    const table = scansTable(
      [
        scansBody("a", "spring", [
          ["2026-11-24", 3],
          ["2026-11-25", 4],
        ]),
        scansBody("b", "menu", [["2026-11-25", 9]]),
      ],
      utcDates,
    );
    expect(table).toEqual([
      ["Day", "spring", "menu"],
      [new Date("2026-11-24T00:00:00Z"), 3, 0],
      [new Date("2026-11-25T00:00:00Z"), 4, 9],
    ]);
  });
});

describe("summaryTable", () => {
  it("gives one row per code with the busiest day as a date", () => {
    const body = scansBody("a", "spring", [
      ["2026-11-23", 2],
      ["2026-11-24", 7],
      ["2026-11-25", 7],
    ]);
    expect(summaryTable([body], utcDates)).toEqual([
      [...OPENQR_SUMMARY_HEADER],
      [
        "spring",
        "https://oqr.to/spring",
        "https://example.com/spring",
        116,
        16,
        16,
        3,
        "GB",
        "mobile",
        "Direct",
        new Date("2026-11-24T00:00:00Z"),
        7,
      ],
    ]);
  });

  it("says what the plan leaves out and leaves the busiest day blank without scans", () => {
    const body = scansBody("a", "quiet", [["2026-11-25", 0]], {
      by_country: [],
      by_device: undefined,
      by_referrer: undefined,
    });
    const lean = { ...body, scans: { ...body.scans, topCountry: null, topDevice: null } };
    expect(summaryTable([lean], utcDates)[1]!.slice(7)).toEqual(["", NOT_IN_PLAN, NOT_IN_PLAN, "", 0]);
  });
});

describe("breakdownTable", () => {
  it("gives the dimension and Scans for one code, in the API's order", () => {
    expect(breakdownTable([scansBody("a", "spring", [["2026-11-25", 1]])], "country")).toEqual([
      ["Country", "Scans"],
      ["GB", 10],
      ["IE", 4],
    ]);
  });

  it("leaves blank a value outside one code's top 8 when several are asked", () => {
    const a = scansBody("a", "spring", [["2026-11-25", 1]], {
      by_device: [
        { value: "mobile", n: 5 },
        { value: "tablet", n: 1 },
      ],
    });
    const b = scansBody("b", "menu", [["2026-11-25", 1]], { by_device: [{ value: "desktop", n: 9 }] });
    expect(breakdownTable([a, b], "device")).toEqual([
      ["Device", "spring", "menu"],
      ["desktop", "", 9],
      ["mobile", 5, ""],
      ["tablet", 1, ""],
    ]);
  });
});

describe("totalsTable and codesTable", () => {
  it("keeps the ids' shape, blanks blank", () => {
    const totals: Record<string, number> = { a: 5, b: 0 };
    expect(totalsTable([["a"], [null], ["b"]], (id) => totals[id]!)).toEqual([[5], [""], [0]]);
  });

  it("lists codes with a header, labels blank when null", () => {
    const created = new Date("2026-01-02T03:04:05Z");
    expect(
      codesTable(
        [
          {
            id: "a1",
            slug: "spring",
            short_url: "https://oqr.to/spring",
            destination: "https://example.com",
            label: null,
            status: "paused",
            created_at: "2026-01-02T03:04:05Z",
          },
        ],
        (iso) => new Date(iso),
      ),
    ).toEqual([
      ["Id", "Slug", "Short URL", "Destination", "Label", "Status", "Created"],
      ["a1", "spring", "https://oqr.to/spring", "https://example.com", "", "paused", created],
    ]);
  });
});
