/**
 * The banner that says the reports are stale: the server decides (Settings.stale, past twice
 * the schedule's interval), the sidebar only words it. The reason is the last failed run's
 * message, inserted as text.
 */
import { SCHEDULE_LABELS, type Settings } from "../shared/settings.ts";
import { formatTime } from "./last-run.ts";
import { ui } from "./ui.ts";
import { textElement } from "./view.ts";

export function renderStaleBanner(settings: Pick<Settings, "stale" | "timeZone" | "schedule">): void {
  const stale = settings.stale ?? null;
  ui.staleBanner.hidden = stale === null;
  if (stale === null) {
    ui.staleBanner.replaceChildren();
    return;
  }
  const since =
    typeof stale.lastSuccess === "string"
      ? `the last successful refresh was ${formatTime(stale.lastSuccess, settings.timeZone)}`
      : "no refresh has succeeded yet";
  const rows = [
    textElement(
      "p",
      `Reports are out of date: ${since}, though the schedule is ${SCHEDULE_LABELS[settings.schedule].toLowerCase()}.`,
    ),
  ];
  if (typeof stale.reason === "string" && stale.reason !== "")
    rows.push(textElement("p", `Last failure: ${stale.reason}`));
  ui.staleBanner.replaceChildren(...rows);
}
