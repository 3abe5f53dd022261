/**
 * The account's codes as the Codes field's checkboxes: listed once, when the user chooses
 * codes; listed again after the key changes (another key means another account).
 */
import type { CodeChoice } from "../shared/settings.ts";
import { busy, whileBusy } from "./busy.ts";
import { clearFieldError } from "./errors.ts";
import { callServer, errorMessage } from "./rpc.ts";
import { estimateSoon } from "./schedule-estimate.ts";
import { ui } from "./ui.ts";
import { checkedCodeIds, renderCodeList } from "./view.ts";

/** The account's codes, once listed. */
let codeChoices: CodeChoice[] | null = null;
/** Numbers the listCodeChoices calls, so an answer for a replaced key is ignored. */
let codeRequest = 0;
let codePending = false;

/** The codes listed so far, or null. */
export function listedCodeChoices(): CodeChoice[] | null {
  return codeChoices;
}

export function forgetCodeChoices(): void {
  codeChoices = null;
  codeRequest++;
  codePending = false;
  if (ui.codesChosen.checked) void loadCodeChoices();
}

export async function loadCodeChoices(): Promise<void> {
  if (codeChoices !== null || codePending) return;
  codePending = true;
  const request = ++codeRequest;
  ui.codeListError.textContent = "";
  ui.retryCodes.hidden = true;
  try {
    const choices = await whileBusy(busy.codes, () => callServer("listCodeChoices"));
    if (request !== codeRequest) return;
    codeChoices = choices;
    renderCodeList(choices, ui.codeList.childElementCount > 0 ? checkedCodeIds() : []);
  } catch (error) {
    if (request !== codeRequest) return;
    // Not a field error: saving does not clear it, the next listing does.
    ui.codeListError.textContent = errorMessage(error);
    ui.retryCodes.hidden = false;
  } finally {
    if (request === codeRequest) codePending = false;
  }
}

/** "All codes" or "Chosen codes": the list shows (and is listed) only for chosen codes. */
export function onCodesModeChange(): void {
  estimateSoon();
  const chosen = ui.codesChosen.checked;
  ui.codeList.hidden = !chosen || ui.codeList.childElementCount === 0;
  if (chosen) {
    void loadCodeChoices();
  } else {
    clearFieldError("codes");
    ui.codeListError.textContent = "";
    ui.retryCodes.hidden = true;
    ui.codeListStatus.textContent = "";
  }
}
