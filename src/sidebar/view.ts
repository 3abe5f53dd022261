/**
 * Renders settings and call results. Everything shown here comes from the server, so it
 * is inserted as text (textContent, createElement), never parsed as HTML.
 */
import {
  CHAT_LABELS,
  type CodeChoice,
  SCHEDULE_LABELS,
  SCHEDULES,
  type SchedulePlan,
  type Settings,
} from "../shared/settings.ts";
import { ui } from "./ui.ts";

export function textElement(tag: string, text: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Fills the selects whose options never change. */
export function buildStaticOptions(): void {
  for (const schedule of SCHEDULES) ui.schedule.add(new Option(SCHEDULE_LABELS[schedule], schedule));
  for (let hour = 0; hour < 24; hour++) ui.hour.add(new Option(`${twoDigits(hour)}:00`, String(hour)));
}

export function renderKey(settings: Settings): void {
  ui.keyStatus.textContent =
    settings.hasKey && settings.keyHint ? `Saved key: ${settings.keyHint}` : "No key saved.";
  ui.removeKey.hidden = !settings.hasKey;
  ui.apiKey.placeholder = settings.hasKey ? "Paste a new key to replace it" : "oqr_…";
  ui.formulasUseMyKey.checked = settings.formulasUseMyKey;
}

/** The report and schedule fields: replaces whatever the user had typed. */
export function renderFields(settings: Settings, choices: CodeChoice[] | null): void {
  ui.days.value = String(settings.days);
  ui.schedule.value = settings.schedule;
  ui.hour.value = String(settings.hour);
  ui.hourLabel.textContent = `Hour (${settings.timeZone})`;
  showHourIfDaily();
  ui.refreshFormulasAfterRun.checked = settings.refreshFormulas === true;
  const chosen = settings.codes !== "all";
  ui.codesAll.checked = !chosen;
  ui.codesChosen.checked = chosen;
  ui.codeList.hidden = !chosen;
  renderCodeList(choices, settings.codes === "all" ? [] : settings.codes);
}

export function showHourIfDaily(): void {
  ui.hourRow.hidden = ui.schedule.value !== "daily";
}

/**
 * The quota planner's sentence under the schedule: a warning when the plan does not fit
 * Apps Script's daily quotas (saving is still allowed), quiet otherwise. `failure` is a
 * message about why there is no plan; null clears it.
 */
export function renderSchedulePlan(plan: SchedulePlan | null, failure = ""): void {
  const message = plan !== null && typeof plan.message === "string" ? plan.message : failure;
  ui.schedulePlan.textContent = message;
  ui.schedulePlan.classList.toggle("warning", plan !== null && plan.fits === false);
}

/** Whether a webhook is saved, and of which kind: its URL is never sent to the sidebar. */
export function renderSlack(settings: Settings): void {
  const kind = settings.webhookKind;
  ui.slackSaved.hidden = kind === null;
  ui.slackSavedText.textContent = kind === null ? "" : `A ${CHAT_LABELS[kind]} webhook is saved.`;
  ui.slackUrl.value = "";
}

/** The ids ticked in the code list. */
export function checkedCodeIds(): string[] {
  const ids: string[] = [];
  ui.codeList.querySelectorAll<HTMLInputElement>("input[type=checkbox]").forEach((box) => {
    if (box.checked) ids.push(box.value);
  });
  return ids;
}

/**
 * The account's codes as checkboxes. Ticked ids the account no longer lists stay in the
 * list (ticked) so saving does not silently drop them; while `choices` is null they are
 * all there is.
 */
export function renderCodeList(choices: CodeChoice[] | null, ticked: string[]): void {
  const rows: HTMLElement[] = [];
  const known = choices ?? [];
  const knownIds = known.map((choice) => choice.id);
  const missing = ticked.filter((id) => knownIds.indexOf(id) < 0);
  const entries: Array<{ id: string; slug: string; label: string }> = known.concat(
    missing.map((id) => ({ id, slug: id, label: choices ? "(no longer in your account)" : "" })),
  );
  entries.forEach((entry, index) => {
    const row = document.createElement("div");
    row.className = "check";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `code-${index}`;
    box.value = entry.id;
    box.checked = ticked.indexOf(entry.id) >= 0;
    const label = document.createElement("label");
    label.htmlFor = box.id;
    label.appendChild(textElement("span", entry.slug, "code-slug"));
    if (entry.label) {
      label.appendChild(document.createTextNode(" "));
      label.appendChild(textElement("span", entry.label, "secondary"));
    }
    row.appendChild(box);
    row.appendChild(label);
    rows.push(row);
  });
  ui.codeList.replaceChildren(...rows);
  ui.codeList.hidden = !ui.codesChosen.checked || rows.length === 0;
  ui.codeListStatus.textContent =
    choices !== null && choices.length === 0 && ui.codesChosen.checked
      ? "Your account has no codes yet."
      : "";
}
