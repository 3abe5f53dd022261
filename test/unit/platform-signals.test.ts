// Telling Apps Script's failures apart without its prose, which comes in the user's language.
import { describe, expect, it } from "vitest";
import { localized } from "../../harness/emulator/locale.ts";
import { isQuotaStop, namesAnyHost } from "../../src/shared/platform-signals.ts";

const QUOTA = "Service invoked too many times for one day: urlfetch.";

describe("isQuotaStop", () => {
  it.each([
    ["English", QUOTA],
    ["Japanese (the emulator's)", localized(QUOTA, "ja")],
    ["a full stop in Japanese", "1 日にサービスを呼び出した回数が多すぎます: urlfetch。"],
    ["a full-width colon", "サービスの呼び出し回数が上限を超えました：urlfetch"],
    ["German", "Dienst wurde an einem Tag zu oft aufgerufen: urlfetch."],
  ])("knows the urlfetch quota in %s by the token it ends with", (_language, message) => {
    expect(isQuotaStop(new Error(message), "urlfetch")).toBe(true);
  });

  it.each([
    ["another service's quota", "Service invoked too many times for one day: properties."],
    ["a DNS failure whose URL ends with the token", "DNS error: https://example.com/urlfetch"],
    ["the URL length limit", "Limit Exceeded: URLFetch URL Length."],
    ["a lapsed authorization", "Authorization is required to perform that action."],
    ["the token inside a word", "Service invoked too many times for one day: myurlfetch."],
  ])("is not fooled by %s", (_what, message) => {
    expect(isQuotaStop(new Error(message), "urlfetch")).toBe(false);
  });
});

describe("namesAnyHost", () => {
  const urls = ["https://openqr.uk/v1/dynamic/a/scans?days=7", "https://openqr.uk/v1/dynamic"];

  it.each([
    "DNS error: https://openqr.uk/v1/dynamic",
    localized("Address unavailable: https://openqr.uk/v1/dynamic/a/scans?days=7", "ja"),
    localized("Timeout: https://openqr.uk/v1/dynamic", "ja"),
  ])("finds the requested host in a network failure: %s", (message) => {
    expect(namesAnyHost(new Error(message), urls)).toBe(true);
  });

  it.each([
    "Authorization is required to perform that action.",
    localized("Authorization is required to perform that action.", "ja"),
    "DNS error: https://elsewhere.example/v1",
  ])("finds none in a refusal: %s", (message) => {
    expect(namesAnyHost(new Error(message), urls)).toBe(false);
  });
});
