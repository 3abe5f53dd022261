/**
 * The monthly digest's data: the month's rows of OpenQR Monthly as the run leaves them, for
 * this user's codes. Read from the rows that were written, so the digest says what the sheet
 * says (a deleted code's month included); codes another account's run keeps are left out, so
 * one client's numbers never reach another client's channel.
 */

import type { MonthlyDigestCode } from "./monthly-digest.ts";
import { MONTHLY_HEADER, readMonthlyRow } from "./monthly-rows.ts";
import { numberOf, textOf, type WritableRow } from "./sheet-cells.ts";
import { isCurrent } from "./summary-status.ts";
import type { SummaryCode } from "./summary-table.ts";

/** The month a run's monthly digest is about, and its codes. */
export interface MonthlyDigestData {
  month: string;
  codes: MonthlyDigestCode[];
}

const column = (name: (typeof MONTHLY_HEADER)[number]) => MONTHLY_HEADER.indexOf(name);

/** `month`'s rows of the Monthly table (any order, header excluded), less the codes in `othersCodes`. */
export function monthlyDigestData(
  rows: readonly WritableRow[],
  month: string,
  othersCodes: ReadonlySet<string>,
): MonthlyDigestData {
  const codes: MonthlyDigestCode[] = [];
  for (const cells of rows) {
    const row = readMonthlyRow(cells);
    if (row.kind !== "row" || row.key.month !== month || othersCodes.has(row.key.codeId)) continue;
    codes.push({
      slug: row.key.slug,
      group: textOf(cells[column("Group")]).trim(),
      scans: row.key.scans,
      complete: row.key.complete,
      previous: numberOf(cells[column("Previous month")]),
      lastYear: numberOf(cells[column("Same month last year")]),
    });
  }
  return { month, codes };
}

/** The Summary's current codes this run did not cover: another account's (or codes not chosen). */
export function othersCodes(codes: readonly SummaryCode[]): Set<string> {
  return new Set(codes.filter((code) => !code.covered && isCurrent(code.state)).map((code) => code.codeId));
}
