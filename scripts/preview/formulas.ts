/**
 * The first sheet, renamed Formulas, as an editor's cells would show the OPENQR_ formulas:
 * each formula's text above the table it spills (its top-left cell carries the formula as a
 * note), errors as #ERROR! with the tooltip's message beside them.
 */
import type { AppsScript, CellValue, SheetModel } from "../../harness/emulator/index.ts";
import { columnOf } from "../../src/report/summary-rows.ts";

const LIFETIME = columnOf("Lifetime") - 1;
const STATUS = columnOf("Status") - 1;

interface Example {
  text: string;
  name: string;
  args: unknown[];
}

/** The codes the examples use: the busiest two (by lifetime) and one more, from the Summary. */
function exampleCodes(gas: AppsScript): string[] {
  const summary = gas.spreadsheet.sheetByName("OpenQR Summary");
  if (!summary) return [];
  return summary
    .used((cell) => cell.value)
    .slice(1)
    .filter((row) => typeof row[LIFETIME] === "number" && row[0] !== "Total" && row[STATUS] === "ok")
    .sort((a, b) => (b[LIFETIME] as number) - (a[LIFETIME] as number))
    .map((row) => String(row[0]))
    .slice(0, 3);
}

function examples(ids: readonly string[]): Example[] {
  const [busy = "", second = "", third = ""] = ids;
  const range = (...cells: string[]) => cells.map((id) => [id]);
  return [
    { text: "=OPENQR_CODES()", name: "OPENQR_CODES", args: [] },
    { text: `=OPENQR_SCANS("${busy}", 7)`, name: "OPENQR_SCANS", args: [busy, 7] },
    { text: "=OPENQR_SCANS(A2:A3, 7)   (two ids)", name: "OPENQR_SCANS", args: [range(busy, second), 7] },
    {
      text: "=OPENQR_SUMMARY(A2:A4, 30)   (three ids)",
      name: "OPENQR_SUMMARY",
      args: [range(busy, second, third), 30],
    },
    {
      text: `=OPENQR_BREAKDOWN("${busy}", "referrer", 30)`,
      name: "OPENQR_BREAKDOWN",
      args: [busy, "referrer", 30],
    },
    { text: "=OPENQR_TOTAL(A2:A4)   (A3 blank)", name: "OPENQR_TOTAL", args: [range(busy, "", second)] },
    { text: `=OPENQR_SCANS("${busy}", 400)`, name: "OPENQR_SCANS", args: [busy, 400] },
    {
      text: '=OPENQR_SCANS("spring-sale")   (a slug, not an id)',
      name: "OPENQR_SCANS",
      args: ["spring-sale", ""],
    },
  ];
}

export function evaluateFormulas(gas: AppsScript, editor: string): void {
  const sheet: SheetModel = gas.spreadsheet.sheets[0]!;
  sheet.name = "Formulas";
  let row = 1;
  sheet.write(row, 1, {
    value: "What an editor's formula cells show (each formula's result spills below it)",
  });
  sheet.write(row, 1, { style: { fontWeight: "bold" } });
  row += 2;
  for (const example of examples(exampleCodes(gas))) {
    sheet.write(row, 1, { value: example.text, style: { fontWeight: "bold" } });
    row += 1;
    const result = gas.runCustomFunction(example.name, example.args, { user: editor });
    if (!result.ok) {
      sheet.write(row, 1, { value: "#ERROR!", style: { fontColor: "#c5221f", note: example.text } });
      sheet.write(row, 2, { value: result.error });
      row += 2;
      continue;
    }
    const table = result.value as CellValue[][];
    table.forEach((cells, r) => {
      cells.forEach((value, c) => {
        sheet.write(
          row + r,
          c + 1,
          r === 0 && c === 0 ? { value, style: { note: example.text } } : { value },
        );
      });
    });
    row += table.length + 1;
  }
}
