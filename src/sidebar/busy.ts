/**
 * The busy state of a call in flight: its region is aria-busy, its buttons are disabled
 * (so a second click cannot send it twice) and an indicator says so. Calls may overlap,
 * so every element counts the calls holding it and is released by the last one.
 */
import { ui } from "./ui.ts";

export interface BusyTarget {
  /** Marked aria-busy while the call runs. */
  region: HTMLElement;
  /** Disabled while the call runs. */
  buttons: HTMLButtonElement[];
  /** Shows `label` while the call runs. */
  indicator: HTMLElement;
  label?: string;
}

const WORKING = "Working…";
const holds = new Map<Element, number>();

function hold(target: Element, change: 1 | -1): boolean {
  const count = (holds.get(target) ?? 0) + change;
  if (count > 0) holds.set(target, count);
  else holds.delete(target);
  return count > 0;
}

function setBusy(target: BusyTarget, change: 1 | -1): void {
  const busy = hold(target.region, change);
  target.region.setAttribute("aria-busy", busy ? "true" : "false");
  for (const button of target.buttons) button.disabled = hold(button, change);
  const showing = hold(target.indicator, change);
  target.indicator.textContent = showing ? (target.label ?? WORKING) : "";
}

export async function whileBusy<T>(target: BusyTarget, work: () => Promise<T>): Promise<T> {
  // Disabling the focused button drops keyboard focus to <body>; give it back afterwards.
  const focused = document.activeElement;
  setBusy(target, 1);
  try {
    return await work();
  } finally {
    setBusy(target, -1);
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && focused instanceof HTMLElement && focused.isConnected && !focused.hidden) focused.focus();
  }
}

/** Each call's busy target. */
export const busy: Record<"load" | "key" | "save" | "slack" | "codes" | "refresh" | "formulas", BusyTarget> =
  {
    load: { region: ui.app, buttons: [ui.retryLoad], indicator: ui.loadStatus, label: "Loading settings…" },
    key: { region: ui.keySection, buttons: [ui.saveKey, ui.removeKey], indicator: ui.keyBusy },
    // Removing the webhook saves the settings too, so both buttons wait for either call.
    save: { region: ui.settingsForm, buttons: [ui.saveSettings, ui.removeSlack], indicator: ui.saveBusy },
    slack: { region: ui.settingsForm, buttons: [ui.saveSettings, ui.removeSlack], indicator: ui.slackBusy },
    codes: {
      region: ui.codesFieldset,
      buttons: [ui.retryCodes],
      indicator: ui.codesBusy,
      label: "Loading codes…",
    },
    refresh: {
      region: ui.refreshSection,
      buttons: [ui.refreshNow],
      indicator: ui.refreshBusy,
      label: "Refreshing…",
    },
    formulas: {
      region: ui.refreshSection,
      buttons: [ui.refreshFormulas],
      indicator: ui.formulasBusy,
      label: "Refreshing formulas…",
    },
  };
