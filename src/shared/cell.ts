/** A value as a spreadsheet cell holds it, and as Apps Script reads and writes it. */
export type Cell = string | number | boolean | Date;
