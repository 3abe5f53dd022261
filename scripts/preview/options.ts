/**
 * `npm start` options. A mistake gets one line naming the option and what it takes, and
 * exit code 2, never a stack trace.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";

export interface PreviewOptions {
  /** The report window the demo user chooses in the sidebar. */
  days: number;
  /** A synthetic fleet of this many codes instead of the demo dozen; null for the demo account. */
  codes: number | null;
  /** Keep the fake OpenQR API up on 127.0.0.1 afterwards. */
  serve: boolean;
  /** Against the real API (or `api`) with OPENQR_API_KEY instead of the fake one. */
  live: boolean;
  api: string;
  /** Where the workbook and the chart go. */
  outDir: string;
  /** Build dist/ first (npm start passes it), once the options are known good. */
  build: boolean;
  help: boolean;
}

export const MAX_PREVIEW_CODES = 2000;
export const DEFAULT_API = "https://openqr.uk";

export class UsageError extends Error {}

export const USAGE = `Usage: npm start -- [options]
  --days N      report window the demo user chooses, 1-365 (default 30)
  --codes N     a synthetic fleet of N codes instead of the demo account, 1-${MAX_PREVIEW_CODES}
  --serve       keep the fake OpenQR API running on 127.0.0.1 afterwards
  --live        use the real OpenQR API with the key in OPENQR_API_KEY (never printed or saved)
  --api URL     with --live: another base URL (default ${DEFAULT_API})
  --out DIR     the folder to write the workbook and the chart to (default preview)
  --build       build dist/ first (npm start does)`;

function wholeNumber(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}; "${text}" is not one.`);
  }
  return Number(text);
}

/**
 * Checks that `--out` can be a folder before any work: the path, or the nearest part of it that
 * exists, must be a folder (a file there would fail only after the whole preview ran).
 */
export function checkOutDir(outDir: string): void {
  let path = resolve(outDir);
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
  if (existsSync(path) && !statSync(path).isDirectory()) {
    const what = path === resolve(outDir) ? `"${outDir}" is a file` : `"${path}" in it is a file`;
    throw new UsageError(`--out takes a folder to write into; ${what}.`);
  }
}

export function parseOptions(argv: readonly string[]): PreviewOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        days: { type: "string" },
        codes: { type: "string" },
        serve: { type: "boolean" },
        live: { type: "boolean" },
        api: { type: "string" },
        out: { type: "string" },
        build: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    throw new UsageError(
      `${message.replace(/\. To specify.*$/, "")}. Run npm start -- --help for the options.`,
    );
  }
  const api = values.api as string | undefined;
  if (api !== undefined && !values.live) throw new UsageError("--api goes with --live.");
  if (api !== undefined && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(api)) {
    throw new UsageError(`--api takes an http(s) base URL such as ${DEFAULT_API}; "${api}" is not one.`);
  }
  const codes = wholeNumber("codes", values.codes as string | undefined, 1, MAX_PREVIEW_CODES);
  const outDir = (values.out as string | undefined) ?? "preview";
  if (values.help !== true) checkOutDir(outDir);
  if (codes !== undefined && values.live)
    throw new UsageError("--codes makes a synthetic fleet; it does not go with --live.");
  return {
    days: wholeNumber("days", values.days as string | undefined, 1, 365) ?? 30,
    codes: codes ?? null,
    serve: values.serve === true,
    live: values.live === true,
    api: (api ?? DEFAULT_API).replace(/\/+$/, ""),
    outDir,
    build: values.build === true,
    help: values.help === true,
  };
}
