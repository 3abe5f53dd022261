/** The settings as the server last reported them (not the form's unsaved edits). */
import type { Settings } from "../shared/settings.ts";

let saved: Settings | null = null;

export function savedSettings(): Settings | null {
  return saved;
}

export function rememberSettings(settings: Settings): void {
  saved = settings;
}
