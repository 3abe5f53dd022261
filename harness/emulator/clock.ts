/** Virtual time shared by every execution: nothing in the emulator ever really waits. */
export class VirtualClock {
  private current: number;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Cannot advance the clock by ${ms} ms`);
    this.current += ms;
  }
}

export const DEFAULT_START = Date.UTC(2026, 10, 25, 12, 0, 0);
