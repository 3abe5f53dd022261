// saveApiKey / clearApiKey from dist/ in FULL mode: what is stored, what comes back.
import { beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, KEY, OWNER, type TestWorld } from "./world.ts";

let world: TestWorld;
beforeEach(() => {
  world = createTestWorld();
});

const stored = () => world.gas.properties.user(OWNER).get("openqr.apiKey");

describe("saveApiKey", () => {
  it("trims a good key, verifies it with one call, stores it and returns only a hint", () => {
    expect(world.call("saveApiKey", [`   ${KEY}\n `])).toBe(`oqr_…${KEY.slice(-4)}`);
    expect(stored()).toBe(KEY);
    expect(world.api.requests.map((r) => r.url)).toEqual(["https://openqr.uk/v1/me"]);
    expect(world.gas.properties.document.size).toBe(0);
    expect(world.gas.properties.script.size).toBe(0);
  });

  it("refuses a malformed key saying what a key looks like; nothing stored, nothing sent", () => {
    expect(() => world.call("saveApiKey", ["sk_live_123456789"])).toThrow(
      "That is not an OpenQR API key. An OpenQR API key starts with oqr_ followed by letters, digits or underscores (10-200 characters in all, no spaces). Copy it from openqr.uk › API keys.",
    );
    expect(stored()).toBeUndefined();
    expect(world.api.requests).toHaveLength(0);
  });

  it("stores nothing when OpenQR rejects the key", () => {
    expect(() => world.call("saveApiKey", ["oqr_live_notakey000000000"])).toThrow(
      "OpenQR rejected this key (HTTP 401): it may be mistyped, revoked or rotated. Nothing was saved. Copy a current key from openqr.uk › API keys.",
    );
    expect(stored()).toBeUndefined();
  });

  it("stores nothing when the network fails", () => {
    world.api.inject(
      "*me",
      Array.from({ length: 5 }, () => ({ kind: "drop" as const })),
    );
    expect(() => world.call("saveApiKey", [KEY])).toThrow(
      "Could not reach OpenQR to check this key (network error), so nothing was saved. Try again in a moment.",
    );
    expect(stored()).toBeUndefined();
  });

  it("keeps the key out of logs and messages", () => {
    world.api.inject("*me", [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    expect(() => world.call("saveApiKey", [KEY])).toThrow(
      /^OpenQR could not check this key, so nothing was saved\./,
    );
    expect(world.gas.logs.join("\n")).not.toContain(KEY);
  });
});

describe("clearApiKey", () => {
  it("removes the stored key so formulas ask for one", () => {
    world.call("saveApiKey", [KEY]);
    world.call("clearApiKey");
    expect(stored()).toBeUndefined();
    expect(world.formula("OPENQR_CODES")).toEqual({
      ok: false,
      error: "No OpenQR API key: open Extensions › OpenQR › Settings",
    });
  });
});
