/**
 * Validation of what the sidebar saves. Each message starts with the field's label
 * (FIELD_LABELS) so the sidebar can show it beside that field.
 */

import { utf8Length } from "../shared/numbers.ts";
import { FIELD_LABELS, SCHEDULES, type Schedule, type SettingsInput } from "../shared/settings.ts";
import { UserError } from "../shared/user-error.ts";
import { validateWebhookUrl } from "./chat-webhook.ts";

/** A list of chosen codes bigger than this would not fit a 6-minute refresh anyway. */
export const MAX_CHOSEN_CODES = 500;
/**
 * The report settings are one property value, and Apps Script keeps at most 9 KB in one:
 * the chosen ids (as JSON) get 8 KB of it, about 300 ids of OpenQR's 24 characters.
 */
export const MAX_CODES_BYTES = 8 * 1024;

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

export function validateSettingsInput(input: unknown): SettingsInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new UserError("Settings must be sent as an object of fields.");
  }
  const fields = input as Record<string, unknown>;
  const { days, schedule, hour, codes, formulasUseMyKey, refreshFormulas, slackWebhookUrl } = fields;

  if (!isWhole(days, 1, 365))
    throw new UserError(`${FIELD_LABELS.days} must be a whole number from 1 to 365.`);
  if (typeof schedule !== "string" || SCHEDULES.indexOf(schedule as Schedule) < 0) {
    throw new UserError(`${FIELD_LABELS.schedule} must be one of: ${SCHEDULES.join(", ")}.`);
  }
  if (!isWhole(hour, 0, 23)) throw new UserError(`${FIELD_LABELS.hour} must be a whole number from 0 to 23.`);
  if (typeof formulasUseMyKey !== "boolean") {
    throw new UserError(`${FIELD_LABELS.formulasUseMyKey} must be true or false.`);
  }
  const result: SettingsInput = {
    days,
    schedule: schedule as Schedule,
    hour,
    codes: validateCodes(codes),
    formulasUseMyKey,
  };
  if (refreshFormulas !== undefined) {
    if (typeof refreshFormulas !== "boolean") {
      throw new UserError(`${FIELD_LABELS.refreshFormulas} must be true or false.`);
    }
    result.refreshFormulas = refreshFormulas;
  }
  if (slackWebhookUrl !== undefined) result.slackWebhookUrl = validateWebhookUrl(slackWebhookUrl);
  return result;
}

function validateCodes(codes: unknown): "all" | string[] {
  if (codes === "all") return "all";
  if (Array.isArray(codes) && codes.length === 0) {
    throw new UserError(`${FIELD_LABELS.codes} needs at least one ticked code, or choose All codes.`);
  }
  const message = `${FIELD_LABELS.codes} must be "all" or a list of 1 to ${MAX_CHOSEN_CODES} code ids.`;
  if (!Array.isArray(codes) || codes.length > MAX_CHOSEN_CODES) throw new UserError(message);
  const ids = codes.map((id) => (typeof id === "string" ? id.trim() : ""));
  if (ids.some((id) => id === "" || id.length > 200)) throw new UserError(message);
  const unique = ids.filter((id, index) => ids.indexOf(id) === index);
  if (utf8Length(JSON.stringify(unique)) > MAX_CODES_BYTES) {
    throw new UserError(
      `${FIELD_LABELS.codes} are too many to save: ${unique.length} ticked codes need more than the 9 KB Apps Script keeps in one setting. Tick fewer, or choose All codes.`,
    );
  }
  return unique;
}
