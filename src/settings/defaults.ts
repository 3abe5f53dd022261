/** Report settings shared by the file's editors, and each user's schedule for the file. */
import type { Schedule } from "../shared/settings.ts";

export interface ReportSettings {
  days: number;
  codes: "all" | string[];
}

export interface UserSchedule {
  schedule: Schedule;
  hour: number;
  /** Scheduled runs also refresh the spreadsheet's OPENQR_ formulas (opt-in). */
  refreshFormulas: boolean;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { days: 30, codes: "all" };
export const DEFAULT_SCHEDULE: UserSchedule = { schedule: "off", hour: 7, refreshFormulas: false };
