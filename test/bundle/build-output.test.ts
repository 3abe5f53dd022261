// What clasp pushes: dist/Code.js's top-level declarations with their JSDoc, and the manifest.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CUSTOM_FUNCTIONS, ENTRY_POINTS } from "../../src/functions/specs.ts";

const code = readFileSync("dist/Code.js", "utf8");
const manifest = JSON.parse(readFileSync("dist/appsscript.json", "utf8"));

/** The JSDoc block right above `function NAME(`. */
function declarationOf(name: string): { doc: string; params: string } | null {
  const match = new RegExp(`/\\*\\*\\n((?: \\*.*\\n)+?) \\*/\\nfunction ${name}\\(([^)]*)\\) \\{`).exec(code);
  return match ? { doc: match[1]!, params: match[2]! } : null;
}

describe("dist/Code.js", () => {
  it.each(CUSTOM_FUNCTIONS.map((spec) => [spec.name, spec] as const))(
    "declares %s at top level with its real parameters, @param docs and @customfunction",
    (name, spec) => {
      const declaration = declarationOf(name);
      expect(declaration).not.toBeNull();
      expect(declaration!.params).toBe(spec.params.map((p) => p.name).join(", "));
      for (const param of spec.params) {
        expect(declaration!.doc).toContain(` * @param {${param.type}} ${param.name} ${param.description}\n`);
      }
      expect(declaration!.doc).toContain(" * @customfunction\n");
    },
  );

  it("declares every other entry point at top level, without @customfunction", () => {
    for (const spec of ENTRY_POINTS) {
      const declaration = declarationOf(spec.name);
      expect(declaration?.params).toBe(spec.params.map((p) => p.name).join(", "));
      expect(declaration!.doc).not.toContain("@customfunction");
    }
  });

  it("is one classic script: no import/export, no private fields or static blocks", () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/#\w+\s*[=;(]/);
  });

  it("stays small, since every formula call loads it", () => {
    // A guard against a dependency slipping in, not a budget for features: `npm run bench`
    // measures what the size costs (load + onOpen, about 2 ms at 110 KB). Raised from 120,000
    // when alerts, the run log, date ranges and OpenQR Monthly arrived (124 KB before Monthly).
    expect(code.length).toBeLessThan(150_000);
  });
});

describe("dist/appsscript.json", () => {
  it("asks for exactly the least scopes, V8, Stackdriver logging and the two fetch prefixes", () => {
    expect(manifest).toEqual({
      timeZone: expect.any(String),
      runtimeVersion: "V8",
      exceptionLogging: "STACKDRIVER",
      oauthScopes: [
        "https://www.googleapis.com/auth/spreadsheets.currentonly",
        "https://www.googleapis.com/auth/script.external_request",
        "https://www.googleapis.com/auth/script.container.ui",
        "https://www.googleapis.com/auth/script.scriptapp",
      ],
      urlFetchWhitelist: ["https://openqr.uk/", "https://hooks.slack.com/", "https://chat.googleapis.com/"],
    });
  });
});
