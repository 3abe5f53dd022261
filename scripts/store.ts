/**
 * `npm run store`: the Marketplace listing's images, rendered from the current build so they
 * stay current: the app icon at the sizes the listing asks for and the card banner (from
 * SVG, by resvg), and the 1280 × 800 screenshots (the preview's spreadsheet and the real
 * sidebar, by Chromium). Deterministic: a fixed demo account and clock, bundled fonts only.
 * Writes into store/ (or --out DIR); store/README.md says where each file goes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { FAKE_OPENQR_KEY } from "../harness/fake-openqr/index.ts";
import { demoAccount } from "./preview/demo-account.ts";
import { demoSchedule, runScenario } from "./preview/scenario.ts";
import { bannerSvg, iconSvg, renderPng } from "./store/art.ts";
import { BANNER, ICON_SIZES, iconFile, STORE_DIR } from "./store/assets.ts";
import { findChromium, renderScreenshots, SCREENSHOTS } from "./store/screenshots.ts";

/** The demo's "now", as `npm start`'s: the same spreadsheet every time. */
const DEMO_NOW = Date.parse("2026-11-25T09:30:00Z");
/** The seeded dozen of the fake API: a clean account for a listing (no hostile demo codes). */
const LISTING_CODES = 12;

function write(path: string, bytes: Buffer): void {
  writeFileSync(path, bytes);
  console.log(`Wrote ${relative(process.cwd(), path) || path}`);
}

async function main(outDir: string): Promise<number> {
  mkdirSync(join(outDir, "icons"), { recursive: true });
  mkdirSync(join(outDir, "screenshots"), { recursive: true });
  for (const size of ICON_SIZES)
    write(join(outDir, "icons", iconFile(size)), renderPng(iconSvg(), size, size));
  write(
    join(outDir, "icons", BANNER.file),
    renderPng(bannerSvg(BANNER.width, BANNER.height), BANNER.width, BANNER.height),
  );
  writeFileSync(join(outDir, "icons", "icon.svg"), `${iconSvg()}\n`);

  const chromiumPath = findChromium();
  if (chromiumPath === null) {
    console.error(
      "npm run store needs Chromium for the screenshots: apt-get install chromium (Debian), or set CHROMIUM_PATH. The icons above were written; the screenshots were not.",
    );
    return 1;
  }
  let clock = () => DEMO_NOW;
  const fake = demoAccount(() => clock(), LISTING_CODES);
  const { gas } = runScenario({
    now: DEMO_NOW,
    key: FAKE_OPENQR_KEY,
    days: 30,
    openqr: fake.route,
    schedule: demoSchedule(DEMO_NOW),
    progress: () => {},
    onCreated: (emulator) => {
      clock = () => emulator.clock.now();
    },
  });
  const shots = await renderScreenshots(gas, chromiumPath);
  SCREENSHOTS.forEach((shot, index) => {
    write(join(outDir, "screenshots", shot.file), shots[index]!);
  });
  return 0;
}

function outDirOf(args: string[]): string {
  const at = args.indexOf("--out");
  if (at < 0) return STORE_DIR;
  const dir = args[at + 1];
  if (!dir) throw new Error("--out needs a directory");
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(outDirOf(process.argv.slice(2)));
}
