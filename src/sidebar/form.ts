/** What the form says, as the server's SettingsInput. The server validates it. */
import { SCHEDULES, type Schedule, type Settings, type SettingsInput } from "../shared/settings.ts";
import { ui } from "./ui.ts";
import { checkedCodeIds } from "./view.ts";

function scheduleValue(value: string, fallback: Schedule): Schedule {
  const index = SCHEDULES.indexOf(value as Schedule);
  return index < 0 ? fallback : SCHEDULES[index]!;
}

export function readSettingsInput(saved: Settings): SettingsInput {
  const input: SettingsInput = {
    // A number input holds "" for anything that is not a number; Number("") is 0, which
    // the server rejects with its "Days must be …" message, shown beside the field.
    days: Number(ui.days.value),
    schedule: scheduleValue(ui.schedule.value, saved.schedule),
    hour: Number(ui.hour.value),
    codes: ui.codesChosen.checked ? checkedCodeIds() : "all",
    formulasUseMyKey: ui.formulasUseMyKey.checked,
    refreshFormulas: ui.refreshFormulasAfterRun.checked,
  };
  const slack = ui.slackUrl.value.trim();
  // Blank keeps the saved webhook; removing it is a separate button that sends "".
  if (slack !== "") input.slackWebhookUrl = slack;
  return input;
}

/** The saved settings as input, to change one thing without saving the form's edits. */
export function savedSettingsInput(saved: Settings): SettingsInput {
  return {
    days: saved.days,
    schedule: saved.schedule,
    hour: saved.hour,
    codes: saved.codes,
    formulasUseMyKey: saved.formulasUseMyKey,
    refreshFormulas: saved.refreshFormulas,
  };
}

/** What the quota planner needs from the form: its schedule, codes and formulas box, the rest as saved. */
export function estimateInput(saved: Settings): SettingsInput {
  return {
    ...savedSettingsInput(saved),
    schedule: scheduleValue(ui.schedule.value, saved.schedule),
    codes: ui.codesChosen.checked ? checkedCodeIds() : "all",
    refreshFormulas: ui.refreshFormulasAfterRun.checked,
  };
}
