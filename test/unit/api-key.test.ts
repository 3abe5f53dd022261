// API key shape, hint and redaction.
import { describe, expect, it } from "vitest";
import { keyHint, normalizeApiKey, redactKey } from "../../src/openqr/api-key.ts";

describe("normalizeApiKey", () => {
  it("accepts both published shapes and trims spaces", () => {
    expect(normalizeApiKey("oqr_live_yourkey")).toBe("oqr_live_yourkey");
    expect(normalizeApiKey("  oqr_AbC123xyz789  \n")).toBe("oqr_AbC123xyz789");
  });

  it.each([
    "sk_live_1234567890",
    "oqr_",
    "oqr_short",
    "oqr_has space inside",
    "oqr_dash-not-allowed",
    `oqr_${"a".repeat(197)}`,
  ])("refuses %j saying what a key looks like", (bad) => {
    expect(() => normalizeApiKey(bad)).toThrow(
      "That is not an OpenQR API key. An OpenQR API key starts with oqr_ followed by letters, digits or underscores (10-200 characters in all, no spaces). Copy it from openqr.uk › API keys.",
    );
  });

  it("refuses a blank or non-text key", () => {
    expect(() => normalizeApiKey("   ")).toThrow("No API key given.");
    expect(() => normalizeApiKey(undefined)).toThrow("No API key given.");
  });
});

describe("keyHint and redactKey", () => {
  it("shows only the prefix and the last four characters", () => {
    expect(keyHint("oqr_live_abcdefa1b2")).toBe("oqr_…a1b2");
  });

  it("removes every occurrence of the key", () => {
    expect(redactKey("x oqr_live_k123456 y oqr_live_k123456", "oqr_live_k123456")).toBe(
      "x [API key] y [API key]",
    );
    expect(redactKey("nothing", null)).toBe("nothing");
  });
});
