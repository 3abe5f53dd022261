// Two OpenQR accounts in one spreadsheet, from dist/ in the emulator: two editors, each with the
// key of another account and an hourly trigger of their own, over the same "all codes" settings.
import { beforeEach, describe, expect, it } from "vitest";
import type { FakeAccount } from "../../harness/fake-openqr/index.ts";
import { columnOf } from "../../src/report/summary-rows.ts";
import {
  BREAKDOWN,
  createRefreshWorld,
  DAILY,
  REPORT_SETTINGS,
  type RefreshWorld,
  SUMMARY,
} from "./refresh-world.ts";
import { EDITOR, OWNER } from "./world.ts";

const HOUR_MS = 3_600_000;
const CLIENT_KEY = "oqr_live_clientb0000000000000";
const CLIENT_WEBHOOK = "https://hooks.slack.com/services/T000/B111/CLIENTSECRET";
const STATUS = columnOf("Status") - 1;
const ACCOUNT = columnOf("Account") - 1;
const REFRESHED_AT = columnOf("Refreshed at") - 1;
const DELETED = "deleted at OpenQR: its rows in OpenQR Daily are kept";
const UNLISTED =
  "not listed by the account of this run's key: deleted at OpenQR, or a code of another account; its rows are kept";
/** The Account cell of an account created at an ISO instant with zero milliseconds. */
const accountOf = (createdAt: string) => `created ${createdAt.slice(0, 10)} ${createdAt.slice(11, 19)} UTC`;

let world: RefreshWorld;
let client: FakeAccount;

/** Fires a user's own clock trigger, as the platform would. */
function fireScheduleOf(user: string) {
  const trigger = world.gas.triggers.find((t) => t.owner === user && t.handler === "refreshReports");
  if (!trigger) throw new Error(`${user} has no refreshReports trigger`);
  world.gas.fireTrigger(trigger.uid);
  return world.lastRun();
}

/** The Summary's code rows by code id, and the rest of the sheet (Total row, series). */
function summary() {
  const values = world.gas.spreadsheet.sheetValues(SUMMARY);
  const total = values.findIndex((row) => row[0] === "Total");
  const rows = new Map(values.slice(1, total).map((row) => [row[0] as string, row]));
  return { rows, total: values[total]!, series: values.slice(total + 2) };
}

/** Every (day, code) row of OpenQR Daily, with its scans. */
function dailyKeys(): Map<string, unknown> {
  const rows = world.gas.spreadsheet.sheetValues(DAILY).slice(1);
  return new Map(rows.map((row) => [`${(row[0] as Date).toISOString()}|${row[1]}`, row[3]]));
}

/** Every row but its Refreshed at, which each run sets. */
const withoutRefreshedAt = (row: unknown[]) => row.filter((_, index) => index !== REFRESHED_AT);

beforeEach(() => {
  world = createRefreshWorld();
  client = world.api.addAccount({ keys: [CLIENT_KEY], codeCount: 3 });
  world.saveSettings({ schedule: "hourly" });
  world.call("saveApiKey", [CLIENT_KEY], EDITOR);
  world.call(
    "saveSettings",
    [{ ...REPORT_SETTINGS, schedule: "hourly", slackWebhookUrl: CLIENT_WEBHOOK }],
    EDITOR,
  );
  world.slack.addWebhook(CLIENT_WEBHOOK);
});

describe("two accounts refreshed in turn by their own users' triggers", () => {
  it("keep every row, never show an existing code as deleted, and keep statuses stable", () => {
    const ownerIds = world.api.codes.map((code) => code.id);
    const clientIds = client.codes.map((code) => code.id);
    const ownerAccount = accountOf(world.api.createdAt);
    const clientAccount = accountOf(client.createdAt);
    expect(ownerAccount).not.toBe(clientAccount);

    expect(fireScheduleOf(OWNER)).toMatchObject({ ok: true, refreshed: 12, failed: 0 });
    let before = summary();
    let daily = dailyKeys();
    const snapshots: Array<ReturnType<typeof summary>> = [];
    for (const [run, user] of [EDITOR, OWNER, EDITOR].entries()) {
      world.gas.clock.advance(HOUR_MS);
      const report = fireScheduleOf(user);
      expect(report, `run ${run + 2}`).toMatchObject({
        ok: true,
        refreshed: user === OWNER ? 12 : 3,
        failed: 0,
      });
      const after = summary();
      expect([...after.rows.keys()].sort()).toEqual([...ownerIds, ...clientIds].sort());
      for (const [codeId, row] of after.rows) {
        expect(row[STATUS], codeId).toBe("ok");
        expect(row[ACCOUNT], codeId).toBe(ownerIds.includes(codeId) ? ownerAccount : clientAccount);
      }
      // The other account's rows are left exactly as its own last run wrote them.
      const others = user === OWNER ? clientIds : ownerIds;
      for (const codeId of others.filter((id) => before.rows.has(id)))
        expect(after.rows.get(codeId), codeId).toEqual(before.rows.get(codeId));
      // Not one row of OpenQR Daily is lost, and every code has its week.
      const now = dailyKeys();
      const today = [...now.keys()]
        .map((key) => key.split("|")[0]!)
        .sort()
        .at(-1);
      for (const [key, scans] of daily) {
        // Today's count is still growing (OpenQR's today is partial); every other day is as it was.
        if (key.startsWith(`${today}|`)) expect(now.get(key), key).toBeGreaterThanOrEqual(scans as number);
        else expect(now.get(key), key).toBe(scans);
      }
      expect(now.size).toBe(7 * 15);
      daily = now;
      before = after;
      snapshots.push(after);
    }
    // The Total row and the chart's series are the whole workbook's, whichever account ran last.
    // OpenQR's own totals include today's count, still growing: they may only grow from run to run.
    const growing = ["Lifetime", "Last 7 days", "Window total"].map(
      (name) => columnOf(name as "Lifetime") - 1,
    );
    const steady = (row: unknown[]) =>
      withoutRefreshedAt(row.map((cell, i) => (growing.includes(i) ? "" : cell)));
    snapshots.forEach((snapshot, index) => {
      expect(steady(snapshot.total)).toEqual(steady(snapshots[0]!.total));
      for (const column of growing)
        expect(snapshot.total[column]).toBeGreaterThanOrEqual(
          snapshots[Math.max(0, index - 1)]!.total[column] as number,
        );
      expect(snapshot.series).toEqual(snapshots[0]!.series);
    });
    expect(snapshots[0]!.total.slice(0, 2)).toEqual(["Total", "15 codes"]);
    expect(snapshots[0]!.total[STATUS]).toBe("15 ok, 0 failed; the weeks cover 0 of 15 codes");
    // The series ends on the last complete UTC day (the runs are on the 25th), both accounts' codes in it.
    const yesterday = "2026-11-24";
    const fleetYesterday =
      world.api.codes.reduce((sum, code) => sum + world.api.scansOn(code.id, yesterday).n, 0) +
      client.codes.reduce((sum, code) => sum + client.scansOn(code.id, yesterday).n, 0);
    expect(snapshots[0]!.series.at(-1)![1]).toBe(fleetYesterday);
    const breakdownCodes = new Set(world.gas.spreadsheet.sheetValues(BREAKDOWN).map((row) => row[0]));
    for (const codeId of [...ownerIds, ...clientIds]) expect(breakdownCodes.has(codeId), codeId).toBe(true);
  });

  it("show a real deletion in one account as deleted, and only once that account's run sees it", () => {
    fireScheduleOf(OWNER);
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(EDITOR);
    const [gone] = client.codes;
    client.removeCode(gone!.id);
    const ownerGone = world.id("flyer-a5");
    world.api.removeCode(ownerGone);

    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(OWNER);
    // The owner's key cannot tell: the client's row stays as the client's run left it.
    expect(summary().rows.get(gone!.id)![STATUS]).toBe("ok");
    expect(summary().rows.get(ownerGone)![STATUS]).toBe(DELETED);
    expect(summary().total.slice(0, 2)).toEqual(["Total", "14 codes"]);

    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(EDITOR);
    expect(summary().rows.get(gone!.id)![STATUS]).toBe(DELETED);
    expect(summary().rows.get(ownerGone)![STATUS]).toBe(DELETED);
    expect(summary().total.slice(0, 2)).toEqual(["Total", "13 codes"]);
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(OWNER);
    expect(summary().rows.get(gone!.id)![STATUS]).toBe(DELETED);
    expect(summary().rows.size).toBe(15);
    const statuses = [...summary().rows.values()].map((row) => row[STATUS]);
    expect(statuses.filter((status) => status === "ok")).toHaveLength(13);
  });

  it("post each user's digest with their own account's codes only", () => {
    fireScheduleOf(OWNER);
    world.gas.clock.advance(HOUR_MS);
    expect(fireScheduleOf(EDITOR).slack).toEqual({ status: "posted", chat: "slack" });
    const posts = world.slack.posts.filter((post) => post.url === CLIENT_WEBHOOK);
    expect(posts).toHaveLength(1);
    const [message] = world.slack.messages;
    expect(message!.split("\n")[1]).toMatch(/ · 3 codes$/);
    expect(message).not.toContain("festival-gate");
  });

  it("with /v1/me failing, mark nothing deleted and leave the other account's rows alone", () => {
    fireScheduleOf(OWNER);
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(EDITOR);
    const ownerGone = world.id("flyer-a5");
    world.api.removeCode(ownerGone);
    const before = summary();
    world.api.inject("*me", Array(10).fill({ status: 500 }));
    world.gas.clock.advance(HOUR_MS);
    expect(fireScheduleOf(OWNER)).toMatchObject({ ok: true, refreshed: 11 });
    const after = summary();
    expect(after.rows.get(ownerGone)).toEqual(before.rows.get(ownerGone));
    for (const codeId of client.codes.map((code) => code.id))
      expect(after.rows.get(codeId)).toEqual(before.rows.get(codeId));
    world.api.clearFaults();
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(OWNER);
    expect(summary().rows.get(ownerGone)![STATUS]).toBe(DELETED);
  });
});

describe("two accounts with chosen codes", () => {
  it("leave a code of the other account alone instead of failing it every other hour", () => {
    const [festival, card] = [world.id("festival-gate"), world.id("business-card")];
    const [clientCode] = client.codes.map((code) => code.id);
    world.saveSettings({ schedule: "hourly", codes: [festival, card, clientCode!] });
    // First the owner: the client's code has no row yet, so its 404 is a failure like any other.
    expect(fireScheduleOf(OWNER)).toMatchObject({ refreshed: 2, failed: 1 });
    world.gas.clock.advance(HOUR_MS);
    expect(fireScheduleOf(EDITOR)).toMatchObject({ refreshed: 1, failed: 0 });
    const afterClient = summary();
    expect(afterClient.rows.get(clientCode!)![STATUS]).toBe("ok");
    expect(afterClient.rows.get(festival)![STATUS]).toBe("ok");
    for (const run of [OWNER, EDITOR, OWNER]) {
      world.gas.clock.advance(HOUR_MS);
      expect(fireScheduleOf(run)).toMatchObject({ ok: true, failed: 0 });
      const now = summary();
      expect([...now.rows.keys()].sort()).toEqual([festival, card, clientCode!].sort());
      for (const row of now.rows.values()) expect(row[STATUS]).toBe("ok");
      expect(now.total[STATUS]).toBe("3 ok, 0 failed; the weeks cover 0 of 3 codes");
    }
  });
});

describe("a workbook from before the Account column, with both accounts' codes", () => {
  it("is adopted account by account, and no code is shown as deleted meanwhile", () => {
    fireScheduleOf(OWNER);
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(EDITOR);
    // Blank every Account cell, as the rows of a legacy sheet are.
    const sheet = world.sheet(SUMMARY);
    const rowsCount = summary().rows.size;
    for (let row = 2; row <= rowsCount + 1; row++) sheet.write(row, ACCOUNT + 1, { value: "" });
    const clientIds = client.codes.map((code) => code.id);

    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(OWNER);
    let now = summary();
    for (const codeId of clientIds) {
      expect(now.rows.get(codeId)![STATUS]).toBe(UNLISTED);
      expect(now.rows.get(codeId)![ACCOUNT]).toBe("");
    }
    expect(now.total.slice(0, 2)).toEqual(["Total", "12 codes"]);
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(EDITOR);
    world.gas.clock.advance(HOUR_MS);
    fireScheduleOf(OWNER);
    now = summary();
    for (const [codeId, row] of now.rows) {
      expect(row[STATUS], codeId).toBe("ok");
      expect(row[ACCOUNT]).toBe(
        accountOf(clientIds.includes(codeId) ? client.createdAt : world.api.createdAt),
      );
    }
    expect(now.total.slice(0, 2)).toEqual(["Total", "15 codes"]);
  });
});
