/**
 * The quota planner's sentence under the schedule, kept up with the form: what the chosen
 * schedule and codes would use, asked of the server once the form has rested, and only the
 * latest choice's answer shown.
 */
import type { SchedulePlan, Settings, SettingsInput } from "../shared/settings.ts";
import { estimateInput } from "./form.ts";
import { callServer, errorMessage } from "./rpc.ts";
import { savedSettings } from "./saved.ts";
import { renderSchedulePlan } from "./view.ts";

/** Numbers the estimateSchedule calls, so only the latest choice's answer is shown. */
let planRequest = 0;
/** The schedule and codes the plan shown (or awaited) is for. */
let planFor = "";
let planTimer: ReturnType<typeof setTimeout> | undefined;
/** How long the form must rest before the plan is estimated again. */
const PLAN_DEBOUNCE_MS = 300;

const planKey = (input: Pick<SettingsInput, "schedule" | "codes" | "refreshFormulas">) =>
  JSON.stringify([input.schedule, input.codes, input.refreshFormulas === true]);

function showPlan(plan: SchedulePlan | null, key: string): void {
  clearTimeout(planTimer);
  planRequest++;
  planFor = key;
  renderSchedulePlan(plan);
}

/** Asks what the form's schedule and codes would use; an answer for an older choice is dropped. */
async function estimatePlan(): Promise<void> {
  clearTimeout(planTimer);
  const saved = savedSettings();
  if (saved === null) return;
  const input = estimateInput(saved);
  const key = planKey(input);
  // Nothing ticked: the codes field says so when saving; there is nothing to estimate.
  if (input.codes !== "all" && input.codes.length === 0) return showPlan(null, key);
  const request = ++planRequest;
  planFor = key;
  try {
    const plan = await callServer("estimateSchedule", input);
    if (request === planRequest) renderSchedulePlan(plan);
  } catch (error) {
    if (request === planRequest) renderSchedulePlan(null, errorMessage(error));
  }
}

/** Estimates once the form has rested; the answer to any earlier call is dropped. */
export function estimateSoon(): void {
  clearTimeout(planTimer);
  planRequest++;
  planFor = "";
  planTimer = setTimeout(() => void estimatePlan(), PLAN_DEBOUNCE_MS);
}

/**
 * Shows the saved settings' plan. getSettings never lists the codes, so for "all" codes
 * not yet counted by a refresh it asks estimateSchedule, unless the plan shown or awaited
 * is already for these settings (as after saving what was just estimated).
 */
export function showSavedPlan(settings: Settings): void {
  const plan = settings.schedulePlan ?? null;
  const key = planKey(settings);
  const uncounted = plan !== null && plan.codes === null && settings.hasKey && settings.schedule !== "off";
  if (!uncounted) showPlan(plan, key);
  else if (planFor !== key) {
    showPlan(plan, key);
    void estimatePlan();
  }
}
