/**
 * `npm start`: the local preview. Runs the built bundle (dist/) in the Apps Script
 * emulator against the built-in fake OpenQR API (seeded data, no network), saves a demo
 * key as the owner, and prints what a few formulas return for an editor of the sheet.
 */
import { createAppsScript } from "../harness/emulator/index.ts";
import { createFakeOpenQR, FAKE_OPENQR_KEY } from "../harness/fake-openqr/index.ts";

const NOW = Date.parse("2026-11-25T09:30:00Z");
const TIME_ZONE = "America/Los_Angeles";
const OWNER = "owner@example.com";
const EDITOR = "editor@example.com";

// The fake API reads the emulator's virtual clock, so "today" is the same on both sides.
let clock = () => NOW;
const openqr = createFakeOpenQR({ now: () => clock() });
const preview = createAppsScript({
  now: NOW,
  spreadsheet: { timeZone: TIME_ZONE, owner: OWNER, name: "Campaign scans" },
  routes: [openqr.route],
});
clock = () => preview.clock.now();

function show(title: string, table: unknown[][]): void {
  console.log(`\n${title}`);
  const text = table.map((row) => row.map((cell) => preview.display(cell)));
  const widths = text[0]!.map((_, column) => Math.max(...text.map((row) => (row[column] ?? "").length)));
  for (const row of text)
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")}`);
}

function formula(text: string, name: string, args: unknown[]): void {
  const result = preview.runCustomFunction(name, args, { user: EDITOR });
  if (result.ok) show(text, result.value as unknown[][]);
  else console.log(`\n${text}\n  #ERROR! ${result.error}`);
}

console.log("OpenQR for Google Sheets — local preview");
console.log(
  `The built bundle (dist/Code.js) in the Apps Script emulator; the fake OpenQR API; spreadsheet zone ${TIME_ZONE}.`,
);

const hint = preview.run("saveApiKey", [`  ${FAKE_OPENQR_KEY}  `], { user: OWNER, authMode: "FULL" });
console.log(`\nsaveApiKey("  ${"oqr_live_…"}  ") as the owner → ${String(hint)}`);

formula("=OPENQR_CODES()", "OPENQR_CODES", []);
const codes = openqr.codes;
const busy = codes.find((code) => code.slug === "festival-gate") ?? codes[0]!;
const second = codes.find((code) => code.slug === "spring-sale") ?? codes[1]!;
formula(`=OPENQR_SCANS("${busy.id}", 7)`, "OPENQR_SCANS", [busy.id, 7]);
formula(`=OPENQR_SCANS(A2:A3, 5)   (A2:A3 = two ids)`, "OPENQR_SCANS", [[[busy.id], [second.id]], 5]);
formula(`=OPENQR_SUMMARY(A2:A3)`, "OPENQR_SUMMARY", [[[busy.id], [second.id]], ""]);
formula(`=OPENQR_BREAKDOWN("${busy.id}", "country", 30)`, "OPENQR_BREAKDOWN", [busy.id, "country", 30]);
formula(`=OPENQR_TOTAL(A2:A4)   (A3 blank)`, "OPENQR_TOTAL", [[[busy.id], [""], [second.id]]]);
formula(`=OPENQR_SCANS("${busy.id}", 400)`, "OPENQR_SCANS", [busy.id, 400]);
formula(`=OPENQR_SCANS("spring-sale")   (a slug, not an id)`, "OPENQR_SCANS", ["spring-sale", ""]);

const firstPass = openqr.requests.length;
// Recalculate the same formulas: the 5-minute cache answers without any request.
preview.runCustomFunction("OPENQR_SCANS", [busy.id, 7], { user: EDITOR });
preview.runCustomFunction("OPENQR_SUMMARY", [[[busy.id], [second.id]], ""], { user: EDITOR });
preview.runCustomFunction("OPENQR_CODES", [], { user: EDITOR });
const recalculated = openqr.requests.length - firstPass;
console.log(
  `\n${firstPass} requests reached the fake OpenQR API; recalculating three of the formulas made ${recalculated} (cached).`,
);

// The same fake API over real HTTP on loopback, for poking at with curl.
const server = await openqr.listen(0);
console.log(`\nThe fake OpenQR API also serves HTTP at ${server.url}, for example:`);
console.log(
  `  curl -H "Authorization: Bearer ${FAKE_OPENQR_KEY}" "${server.url}/v1/dynamic/${busy.id}/scans?days=7"`,
);
if (process.argv.includes("--serve")) {
  console.log("Serving until Ctrl+C.");
} else {
  await server.close();
  console.log("(`npm start -- --serve` keeps it running.)");
}
