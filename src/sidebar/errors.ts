/**
 * Messages shown beside the field they concern. Server messages about a field start with
 * its label (FIELD_LABELS), which fieldOfMessage recognises.
 */
import { fieldOfMessage, type SettingsField } from "../shared/settings.ts";

interface FieldParts {
  /** The control to mark invalid and focus; null for a group of controls. */
  control: string | null;
  /** The element holding the message; the control's aria-describedby names it. */
  error: string;
}

const FIELDS: Record<SettingsField, FieldParts> = {
  apiKey: { control: "api-key", error: "api-key-error" },
  days: { control: "days", error: "days-error" },
  schedule: { control: "schedule", error: "schedule-error" },
  hour: { control: "hour", error: "hour-error" },
  codes: { control: null, error: "codes-error" },
  formulasUseMyKey: { control: "formulas-use-my-key", error: "formulas-use-my-key-error" },
  refreshFormulas: { control: "refresh-formulas-after-run", error: "refresh-formulas-error" },
  slackWebhookUrl: { control: "slack-url", error: "slack-url-error" },
};

function byId(id: string | null): HTMLElement | null {
  return id === null ? null : document.getElementById(id);
}

export function showFieldError(field: SettingsField, message: string, focus = false): void {
  const parts = FIELDS[field];
  const error = byId(parts.error);
  if (error) error.textContent = message;
  const control = byId(parts.control);
  if (control) {
    control.setAttribute("aria-invalid", "true");
    if (focus) control.focus();
  }
}

export function clearFieldError(field: SettingsField): void {
  const parts = FIELDS[field];
  const error = byId(parts.error);
  if (error) error.textContent = "";
  byId(parts.control)?.removeAttribute("aria-invalid");
}

/**
 * Shows a server message beside its field, or in `general` when it concerns no field.
 * Focus moves to the field so keyboard users land where the fix is needed.
 */
export function placeMessage(message: string, general: HTMLElement): void {
  const field = fieldOfMessage(message);
  if (field === null) general.textContent = message;
  else showFieldError(field, message, true);
}

export function clearErrors(fields: SettingsField[], general: HTMLElement[]): void {
  for (const field of fields) clearFieldError(field);
  for (const element of general) element.textContent = "";
}
