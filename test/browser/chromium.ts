/**
 * Debian's Chromium for the browser tests, driven by playwright-core (which bundles no
 * browser). Without Chromium the tests are skipped with a loud notice, unless
 * REQUIRE_BROWSER=1 (CI), where a missing browser must fail rather than pass silently.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function findChromium(): string | null {
  for (const path of CANDIDATES) if (path && existsSync(path)) return path;
  return null;
}

function boxed(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${"-".repeat(width + 2)}+`;
  return [rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule].join("\n");
}

/**
 * The Chromium to test with, or null to skip. Call at the top of a test file: it throws
 * (failing the file) when REQUIRE_BROWSER=1 and there is no Chromium.
 */
export function chromiumOrSkip(): string | null {
  const path = findChromium();
  if (path) return path;
  const message = [
    "BROWSER TESTS SKIPPED: no Chromium at /usr/bin/chromium.",
    "Install it (apt-get install chromium) or set CHROMIUM_PATH.",
    "Set REQUIRE_BROWSER=1 to make a missing browser fail the run.",
  ];
  if (process.env.REQUIRE_BROWSER === "1") {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium was found (${CANDIDATES.filter(Boolean).join(", ")})`);
  }
  console.warn(`\n${boxed(message)}\n`);
  return null;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
