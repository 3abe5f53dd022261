// The README keeps its promises: the quick start and an example of every custom function.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CUSTOM_FUNCTIONS } from "../../src/functions/specs.ts";
import { TRENDS } from "../../src/report/trends.ts";

const readme = readFileSync("README.md", "utf8");

describe("README", () => {
  it("stays under 30 KB: the full tables live in docs/", () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(30_000);
    for (const doc of ["docs/faults.md", "docs/performance.md", "docs/report-sheets.md"])
      expect(readme).toContain(`(${doc}`);
  });

  it("gives the two quick-start commands", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm test");
  });

  it.each(CUSTOM_FUNCTIONS.map((spec) => [spec.name, spec.example]))(
    "documents %s with its example",
    (_, example) => {
      expect(readme).toContain(`\`${example}\``);
    },
  );

  it.each(TRENDS)("lists the trend `%s` in the Trend column's row and defines it under Insights", (trend) => {
    const insights = readme.slice(readme.indexOf("## Insights"), readme.indexOf("## When things go wrong"));
    expect(insights.split("\n").find((line) => line.startsWith("| `Trend`"))).toContain(`\`${trend}\``);
    expect(insights).toMatch(new RegExp(`^- \`${trend}\`: \\S`, "m"));
  });
});
