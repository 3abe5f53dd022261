/**
 * The listing's screenshots: the preview's spreadsheet (the built add-on in the emulator,
 * after the demo user's refreshes) drawn as a spreadsheet window, with the real sidebar
 * served against the same emulator, photographed by Chromium at 1280 × 800.
 */
import { existsSync } from "node:fs";
import { chromium, type Frame } from "playwright-core";
import type { AppsScript } from "../../harness/emulator/index.ts";
import { renderDailyChart } from "../preview/chart.ts";
import { OWNER } from "../preview/scenario.ts";
import { fleetSeries } from "../preview/terminal.ts";
import { startSidebarPage } from "../sidebar-page.ts";
import { fontFaces, sheetWindowHtml, WINDOW, type WindowInput } from "./sheet-window.ts";

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function findChromium(): string | null {
  for (const path of CHROMIUM_CANDIDATES) if (path && existsSync(path)) return path;
  return null;
}

export interface Screenshot {
  /** The file name in store/screenshots/. */
  file: string;
  /** What it shows, for store/README.md and the listing's captions. */
  caption: string;
  sheet: string;
  chart: boolean;
  /** The sidebar: closed (null), or open and scrolled to an element (a selector) or not at all (""). */
  sidebar: string | null;
  selected: { row: number; column: number };
}

export const SCREENSHOTS: readonly Screenshot[] = [
  {
    file: "1-summary-and-settings.png",
    caption:
      "One row per code with week-over-week change and trend, the fleet's daily chart, and the settings sidebar.",
    sheet: "OpenQR Summary",
    chart: true,
    sidebar: "",
    selected: { row: 1, column: 1 },
  },
  {
    file: "2-daily-archive.png",
    caption:
      "OpenQR Daily keeps every code's scans per day, past your plan's window; the sidebar reports the last refresh.",
    sheet: "OpenQR Daily",
    chart: false,
    sidebar: "#schedule-section",
    selected: { row: 1, column: 1 },
  },
  {
    file: "3-formulas.png",
    caption: "Formulas such as =OPENQR_SCANS and =OPENQR_SUMMARY spill tables of scans into any sheet.",
    sheet: "Formulas",
    chart: false,
    sidebar: null,
    // The top-left cell of =OPENQR_SCANS(A4, 7)'s result: the bar shows the formula, A4 its id.
    selected: { row: 25, column: 1 },
  },
];

/** Waits until the sidebar has loaded its settings and no call is in flight. */
async function sidebarSettled(frame: Frame): Promise<void> {
  await frame.locator("#content").waitFor({ state: "visible" });
  await frame.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}

/** Renders each screenshot as PNG bytes, in SCREENSHOTS' order. */
export async function renderScreenshots(gas: AppsScript, chromiumPath: string): Promise<Buffer[]> {
  const series = fleetSeries(gas.spreadsheet);
  const chartImage = await renderDailyChart(series, { width: 560, height: 280 });
  const anchor = gas.spreadsheet.sheetByName("OpenQR Summary")?.charts[0]?.anchor ?? null;
  const site = await startSidebarPage(
    (fn, args) => gas.runFromSidebar(fn, args, { user: OWNER }),
    `<style>${fontFaces()}</style>`,
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--font-render-hinting=none", "--disable-lcd-text"],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: WINDOW.width, height: WINDOW.height },
      deviceScaleFactor: 1,
      locale: "en-US",
      timezoneId: gas.spreadsheet.timeZone,
    });
    context.setDefaultTimeout(15_000);
    const shots: Buffer[] = [];
    for (const shot of SCREENSHOTS) {
      const page = await context.newPage();
      const input: WindowInput = {
        spreadsheet: gas.spreadsheet,
        sheet: shot.sheet,
        chart:
          shot.chart && anchor
            ? { png: chartImage.png, width: 560, height: 280, row: anchor.row, column: anchor.column }
            : null,
        ...(shot.sidebar !== null ? { sidebarUrl: site.url } : {}),
        selected: shot.selected,
      };
      await page.setContent(sheetWindowHtml(input), { waitUntil: "load" });
      if (shot.sidebar !== null) {
        const frame = page.frames().find((candidate) => candidate.url().startsWith(site.url));
        if (!frame) throw new Error("The sidebar did not load");
        await sidebarSettled(frame);
        const scrollTo = shot.sidebar;
        if (scrollTo !== "")
          await frame.evaluate((selector) => document.querySelector(selector)?.scrollIntoView(), scrollTo);
      }
      await page.evaluate(() => document.fonts.ready);
      shots.push(await page.screenshot({ type: "png", animations: "disabled", caret: "hide" }));
      await page.close();
    }
    return shots;
  } finally {
    await browser.close();
    await site.close();
  }
}
