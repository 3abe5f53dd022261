/** Counts every service method call ("Range.getValues": 3); later work measures performance by it. */
export class CallCounter {
  /** Live object: resetting clears it in place so references held by tests stay valid. */
  readonly counts: Record<string, number> = {};
  /** Each Range.setValues, in call order: the sheet's name and the rectangle written (1-based). */
  readonly valueWrites: ValueWrite[] = [];

  add(key: string, by = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + by;
  }

  reset(): void {
    for (const key of Object.keys(this.counts)) delete this.counts[key];
    this.valueWrites.length = 0;
  }
}

export interface ValueWrite {
  sheet: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}
