// store/: what publishing needs (the listing, the privacy policy, the images), checked against
// the add-on itself, so the listing and the policy cannot drift from what the bundle does.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { bannerSvg, iconSvg, renderPng } from "../../scripts/store/art.ts";
import { BANNER, ICON_SIZES, iconFile, SCREENSHOT_SIZE, STORE_DIR } from "../../scripts/store/assets.ts";
import { findChromium, SCREENSHOTS } from "../../scripts/store/screenshots.ts";
import { createRefreshWorld, REPORT_SETTINGS } from "../bundle/refresh-world.ts";
import { CHAT_WEBHOOK, KEY, OWNER, SLACK_WEBHOOK } from "../bundle/world.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const LISTING = read("store/listing.md");
const POLICY = read("store/privacy-policy.md");
const README = read("README.md");
const MANIFEST = JSON.parse(read("appsscript.json")) as {
  oauthScopes: string[];
  urlFetchWhitelist: string[];
};

function sizeOf(path: string): { width: number; height: number } {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height };
}

/**
 * Pixels of two same-sized PNGs that differ by more than a rounding step in any channel
 * (another machine's resvg build may round an edge differently; a changed drawing moves many).
 */
function pixelsApart(a: Buffer, b: Buffer): number {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (x.width !== y.width || x.height !== y.height) return Number.POSITIVE_INFINITY;
  let apart = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    let far = false;
    for (let channel = 0; channel < 4; channel++)
      far ||= Math.abs(x.data[i + channel]! - y.data[i + channel]!) > 2;
    if (far) apart++;
  }
  return apart;
}

/** The first paragraph under a "## Heading" of a markdown text. */
function section(markdown: string, heading: string): string {
  const at = markdown.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`no section ${heading}`);
  return markdown.slice(at).split("\n\n")[1]!.trim();
}

/** Every image `npm run store` writes, with its size. */
const EXPECTED: Array<{ path: string; width: number; height: number }> = [
  ...ICON_SIZES.map((size) => ({ path: `icons/${iconFile(size)}`, width: size, height: size })),
  { path: `icons/${BANNER.file}`, width: BANNER.width, height: BANNER.height },
  ...SCREENSHOTS.map((shot) => ({ path: `screenshots/${shot.file}`, ...SCREENSHOT_SIZE })),
];

describe("store/: the listing's images", () => {
  it("holds icons at 128, 96, 48 and 32 px, the 220 × 140 card banner and 1280 × 800 screenshots, and nothing else", () => {
    expect(ICON_SIZES).toEqual(expect.arrayContaining([128, 32]));
    expect(SCREENSHOT_SIZE).toEqual({ width: 1280, height: 800 });
    for (const { path, width, height } of EXPECTED)
      expect(sizeOf(join(STORE_DIR, path)), path).toEqual({ width, height });
    const pngs = ["icons", "screenshots"].flatMap((dir) =>
      readdirSync(join(STORE_DIR, dir))
        .filter((file) => file.endsWith(".png"))
        .map((file) => `${dir}/${file}`),
    );
    expect(pngs.sort()).toEqual(EXPECTED.map((image) => image.path).sort());
  });

  it("holds the current artwork: the icons and banner render again to the committed images", () => {
    for (const size of ICON_SIZES) {
      const file = join(STORE_DIR, "icons", iconFile(size));
      expect(pixelsApart(renderPng(iconSvg(), size, size), readFileSync(file)), file).toBe(0);
    }
    const banner = renderPng(bannerSvg(BANNER.width, BANNER.height), BANNER.width, BANNER.height);
    expect(pixelsApart(banner, readFileSync(join(STORE_DIR, "icons", BANNER.file)))).toBe(0);
    expect(readFileSync(join(STORE_DIR, "icons", "icon.svg"), "utf8")).toBe(`${iconSvg()}\n`);
  });

  const chromium = findChromium();
  it.skipIf(chromium === null)(
    "npm run store writes every image at its listing size from the current build (needs Chromium)",
    () => {
      const out = mkdtempSync(join(tmpdir(), "openqr-store-"));
      try {
        const run = spawnSync("npx", ["tsx", "scripts/store.ts", "--out", out], {
          cwd: ROOT,
          encoding: "utf8",
        });
        expect(run.status, run.stderr).toBe(0);
        for (const { path, width, height } of EXPECTED)
          expect(sizeOf(join(out, path)), path).toEqual({ width, height });
        // Deterministic: the icons are the committed bytes.
        expect(
          readFileSync(join(out, "icons", iconFile(128))).equals(
            readFileSync(join(STORE_DIR, "icons", iconFile(128))),
          ),
        ).toBe(true);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe("the add-on's name: the menu, its messages, the README and the listing agree", () => {
  it("names every menu path in the add-on's messages after the menu Sheets shows under the listed name", () => {
    const listed = section(LISTING, "App name");
    const title = /create-script --type standalone --title "([^"]+)"/.exec(README)?.[1];
    expect(title).toBe(listed);
    expect(listed).toBe("OpenQR");

    // Sheets titles an editor add-on's menu with its published name.
    const world = createRefreshWorld({ saveKey: false, addonName: listed });
    const { gas } = world;
    gas.run("onOpen", [{ authMode: "NONE" }], { authMode: "NONE" });
    const menu = gas.ui.menus[0]!;
    const captions = menu.items.filter((item) => item.fn).map((item) => item.caption);

    // What the add-on says where it names its menu: Help, a formula without a key, a lapsed grant.
    const said: string[] = [];
    gas.runMenuItem("Help", { user: OWNER });
    said.push(...gas.ui.alerts);
    const noKey = world.formula("OPENQR_CODES");
    said.push(noKey.ok ? "" : noKey.error);
    world.saveOwnerKey();
    world.saveSettings({ schedule: "hourly" });
    world.api.revokeKey(KEY);
    const revoked = world.formula("OPENQR_SCANS", world.id("festival-gate"), 7);
    said.push(revoked.ok ? "" : revoked.error);
    gas.setAuthorizationRequired(true);
    world.fireSchedule();
    said.push(world.lastRun().message);
    try {
      world.call("getSettings");
    } catch (error) {
      said.push((error as Error).message);
    }

    const paths = said.flatMap((text) => [...text.matchAll(/Extensions › ([^›]+?) › (.+)/g)]);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    for (const [whole, name, item] of paths) {
      expect(name, whole).toBe(menu.title);
      // The words after the path begin with one of the menu's items (its "…" may be left out).
      expect(
        captions.some((caption) => item!.startsWith(caption.replace(/…$/, ""))),
        whole,
      ).toBe(true);
    }
    for (const [whole, name] of README.matchAll(/Extensions › (\w+) ›/g)) expect(name, whole).toBe(listed);
  });
});

describe("the listing's scopes", () => {
  it("are exactly the manifest's, each with what it is for, and the publish steps (docs/publish.md) point to store/", () => {
    const listed = [
      ...LISTING.matchAll(/^\| `(https:\/\/www\.googleapis\.com\/auth\/[\w.]+)`\s*\| (.+?)\s*\|$/gm),
    ];
    expect(listed.map((row) => row[1])).toEqual(MANIFEST.oauthScopes);
    for (const row of listed) expect(row[2]!.length, row[1]).toBeGreaterThan(40);
    for (const link of ["store/listing.md", "store/privacy-policy.md", "store/README.md", "npm run store"]) {
      expect(read("docs/publish.md").includes(link), link).toBe(true);
    }
  });
});

describe("the privacy policy", () => {
  it("names every key the add-on stores, in the store that holds it, the cache's five minutes, and the only three addresses", () => {
    // Everything a user can turn on: key, shared key, schedule, Slack, Google Chat, a refresh, digests, formulas.
    const world = createRefreshWorld();
    const formula = "=OPENQR_CODES()";
    world.gas.spreadsheet.sheet("Sheet1").write(1, 1, { value: formula, formula });
    world.saveSettings({
      ...REPORT_SETTINGS,
      schedule: "hourly",
      formulasUseMyKey: true,
      refreshFormulas: true,
      slackWebhookUrl: SLACK_WEBHOOK,
    });
    expect(world.refreshNow().ok).toBe(true);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "slack" });
    // The next day's digest goes to a Google Chat webhook saved in the Slack one's place.
    world.saveSettings({
      ...REPORT_SETTINGS,
      schedule: "hourly",
      formulasUseMyKey: true,
      slackWebhookUrl: CHAT_WEBHOOK,
    });
    world.gas.clock.advance(24 * 3_600_000);
    world.fireSchedule();
    expect(world.lastRun().slack).toEqual({ status: "posted", chat: "google-chat" });
    // 00:30 on 1 December in Los Angeles: November's monthly digest.
    world.gas.clock.advance(Date.parse("2026-12-01T08:30:00Z") - world.gas.clock.now());
    world.fireSchedule();
    expect(world.lastRun().monthlyDigest).toEqual({ status: "posted", chat: "google-chat" });
    world.cells("OPENQR_CODES");
    // A scheduled run that could not open the spreadsheet is kept in the user's own properties.
    world.gas.settings.activeSpreadsheetInTriggers = false;
    world.fireSchedule();
    world.gas.settings.activeSpreadsheetInTriggers = true;

    const id = world.gas.spreadsheet.id;
    const named = (key: string) => key.split(id).join("<spreadsheet id>");
    const rows = [
      ...POLICY.matchAll(/^\| (User properties|Document properties|Document cache)\s*\| (.+?)\s*\| .+\|$/gm),
    ];
    const policy = (store: string) =>
      rows.filter((row) => row[1] === store).map((row) => row[2]!.replace(/`/g, ""));
    expect([...world.gas.properties.user(OWNER).keys()].map(named).sort()).toEqual(
      policy("User properties").sort(),
    );
    expect([...world.gas.properties.document.keys()].map(named).sort()).toEqual(
      policy("Document properties").sort(),
    );
    expect([...world.gas.properties.script.keys()]).toEqual([]);

    // Answers cached for five minutes, in the document's cache only; the formula refresh's mark for six hours.
    const cache = world.gas.caches.document;
    const lifetime = (key: string) => cache.entries.get(key)!.expiresAt - world.gas.clock.now();
    const answers = [...cache.entries.keys()].filter((key) => key !== "oqr:formula-generation");
    expect(answers.length).toBeGreaterThan(0);
    for (const key of answers) expect(lifetime(key)).toBe(5 * 60_000);
    expect(lifetime("oqr:formula-generation")).toBeGreaterThan(5 * 60_000);
    expect(lifetime("oqr:formula-generation")).toBeLessThanOrEqual(6 * 3_600_000);
    expect(policy("Document cache")).toContain("oqr:formula-generation");
    expect(POLICY).toContain("`openqr.formulaRewrite`");
    expect(world.gas.caches.script.keys()).toEqual([]);
    expect(POLICY).toContain("for five\n  minutes");

    // Requests went to OpenQR and the two webhooks only, and the manifest allows nothing else.
    const hosts = new Set(world.gas.http.map((request) => new URL(request.url).origin));
    expect([...hosts].sort()).toEqual([
      "https://chat.googleapis.com",
      "https://hooks.slack.com",
      "https://openqr.uk",
    ]);
    expect(MANIFEST.urlFetchWhitelist).toEqual([
      "https://openqr.uk/",
      "https://hooks.slack.com/",
      "https://chat.googleapis.com/",
    ]);
    for (const address of MANIFEST.urlFetchWhitelist) expect(POLICY).toContain(`(\`${address}\`)`);
  });

  it("is linked from the listing, and the listing's scopes match the policy's four permissions", () => {
    expect(LISTING).toContain("privacy-policy.md");
    expect(POLICY).toContain("four permissions");
    expect(existsSync(join(STORE_DIR, "README.md"))).toBe(true);
  });
});
