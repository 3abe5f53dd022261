/**
 * The first sheet, renamed Formulas, as an editor's cells would show the OPENQR_ formulas:
 * first the ids the formulas refer to (A4:A6, typed by the editor, with a blank A7), then
 * each formula's text above the table it spills (its top-left cell carries the formula as a
 * note), errors as #ERROR! with the tooltip's message beside them. Counts show as #,##0.
 */
import type { AppsScript, CellValue, SheetModel } from "../../harness/emulator/index.ts";
import { columnOf } from "../../src/report/summary-rows.ts";

const LIFETIME = columnOf("Lifetime") - 1;
const STATUS = columnOf("Status") - 1;
const COUNT_FORMAT = "#,##0";
/** The ids' header row; the ids go in the rows below it, column A, then one blank row. */
const IDS_HEADER_ROW = 3;
const IDS = 3;

interface Example {
  text: string;
  name: string;
  args: unknown[];
}

/** The codes the examples use: the busiest three (by lifetime), with their slugs, from the Summary. */
function exampleCodes(gas: AppsScript): Array<{ id: string; slug: string }> {
  const summary = gas.spreadsheet.sheetByName("OpenQR Summary");
  if (!summary) return [];
  return summary
    .used((cell) => cell.value)
    .slice(1)
    .filter((row) => typeof row[LIFETIME] === "number" && row[0] !== "Total" && row[STATUS] === "ok")
    .sort((a, b) => (b[LIFETIME] as number) - (a[LIFETIME] as number))
    .map((row) => ({ id: String(row[0]), slug: String(row[1]) }))
    .slice(0, IDS);
}

/** The examples, referring to the ids' cells: A4 the busiest, A4:A6 all three, A7 blank. */
function examples(ids: readonly string[]): Example[] {
  const [busy = "", second = "", third = ""] = ids;
  const first = IDS_HEADER_ROW + 1;
  const a = (row: number) => `A${row}`;
  const range = (...cells: string[]) => cells.map((id) => [id]);
  return [
    { text: "=OPENQR_CODES()", name: "OPENQR_CODES", args: [] },
    { text: `=OPENQR_SCANS(${a(first)}, 7)`, name: "OPENQR_SCANS", args: [busy, 7] },
    {
      text: `=OPENQR_SCANS(${a(first)}:${a(first + 1)}, 7)   (two ids)`,
      name: "OPENQR_SCANS",
      args: [range(busy, second), 7],
    },
    {
      text: `=OPENQR_SUMMARY(${a(first)}:${a(first + 2)}, 30)   (three ids)`,
      name: "OPENQR_SUMMARY",
      args: [range(busy, second, third), 30],
    },
    {
      text: `=OPENQR_BREAKDOWN(${a(first)}, "referrer", 30)`,
      name: "OPENQR_BREAKDOWN",
      args: [busy, "referrer", 30],
    },
    {
      text: `=OPENQR_TOTAL(${a(first)}:${a(first + 3)})   (${a(first + 3)} blank)`,
      name: "OPENQR_TOTAL",
      args: [range(busy, second, third, "")],
    },
    { text: `=OPENQR_SCANS(${a(first)}, 400)`, name: "OPENQR_SCANS", args: [busy, 400] },
    {
      text: '=OPENQR_SCANS("spring-sale")   (a slug, not an id)',
      name: "OPENQR_SCANS",
      args: ["spring-sale", ""],
    },
  ];
}

/** How a result cell shows: counts as #,##0 (dates keep the workbook's day format). */
const formatOf = (value: CellValue) => (typeof value === "number" ? COUNT_FORMAT : "");

export function evaluateFormulas(gas: AppsScript, editor: string): void {
  const sheet: SheetModel = gas.spreadsheet.sheets[0]!;
  sheet.name = "Formulas";
  let row = 1;
  sheet.write(row, 1, {
    value: "What an editor's formula cells show (each formula's result spills below it)",
  });
  sheet.write(row, 1, { style: { fontWeight: "bold" } });
  const codes = exampleCodes(gas);
  row = IDS_HEADER_ROW;
  sheet.write(row, 1, { value: "Code ID", style: { fontWeight: "bold" } });
  sheet.write(row, 2, { value: "Slug", style: { fontWeight: "bold" } });
  sheet.write(row, 3, { value: "(typed by the editor; the formulas below refer to these cells)" });
  codes.forEach((code, index) => {
    sheet.write(row + 1 + index, 1, { value: code.id });
    sheet.write(row + 1 + index, 2, { value: code.slug });
  });
  // The ids, then the blank cell OPENQR_TOTAL's example keeps blank, then a gap.
  row += IDS + 3;
  for (const example of examples(codes.map((code) => code.id))) {
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
        const format = formatOf(value);
        sheet.write(
          row + r,
          c + 1,
          r === 0 && c === 0 ? { value, format, style: { note: example.text } } : { value, format },
        );
      });
    });
    row += table.length + 1;
  }
}
