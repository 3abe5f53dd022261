// The layers of src/ as a rule: ARCHITECTURE.md's table, biome.json's per-folder
// noRestrictedImports, and the import graph itself all agree, and Biome reports an upward
// import (so `npm test`, which lints first, fails on one).
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const FOLDERS = [
  "shared",
  "openqr",
  "functions",
  "report",
  "settings",
  "platform",
  "sheets",
  "server",
  "sidebar",
];

/** ARCHITECTURE.md's "may import" column, by folder ("main.ts" for src/main.ts). */
function documentedLayers(): Record<string, string[]> {
  const text = readFileSync(join(root, "ARCHITECTURE.md"), "utf8");
  const layers: Record<string, string[]> = {};
  for (const line of text.split("\n")) {
    const row = /^\| `src\/([a-z]+\/|main\.ts)` +\|.*\| ([^|]*?) *\|$/.exec(line);
    if (!row) continue;
    const folder = row[1]!.replace("/", "");
    layers[folder] = [...row[2]!.matchAll(/`([a-z]+)\/`/g)].map((match) => match[1]!);
  }
  return layers;
}

interface Override {
  includes: string[];
  linter: {
    rules: { style: { noRestrictedImports: { options: { patterns: Array<{ group: string[] }> } } } };
  };
}

/** biome.json's forbidden folders, by folder. */
function lintedLayers(): Record<string, string[]> {
  const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as { overrides: Override[] };
  const forbidden: Record<string, string[]> = {};
  for (const override of config.overrides) {
    const folder = /^src\/([a-z]+)\/\*\*$/.exec(override.includes[0]!)?.[1];
    if (folder === undefined) continue;
    const { patterns } = override.linter.rules.style.noRestrictedImports.options;
    forbidden[folder] = patterns.flatMap((pattern) => pattern.group).map((group) => group.split("/")[1]!);
  }
  return forbidden;
}

/** Every relative import of a file (import, import type, export … from, import()), as written. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((match) => match[1]!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The folder of src/ a path is in ("main.ts" for src/main.ts). */
const folderOf = (path: string) => relative(join(root, "src"), path).split("/")[0]!;

describe("the layers of src/", () => {
  it("are the same in ARCHITECTURE.md and biome.json: a folder is forbidden every folder it may not import", () => {
    const documented = documentedLayers();
    const linted = lintedLayers();
    expect(Object.keys(documented).sort()).toEqual([...FOLDERS, "main.ts"].sort());
    for (const folder of FOLDERS) {
      const mayNot = FOLDERS.filter((other) => other !== folder && !documented[folder]!.includes(other));
      expect(linted[folder]!.filter((name) => name !== "main.ts").sort(), folder).toEqual(mayNot.sort());
      expect(linted[folder], folder).toContain("main.ts");
    }
  });

  it("has no upward arrow: every import of every file is one its folder may make", () => {
    const documented = documentedLayers();
    const arrows = new Set<string>();
    const upward: string[] = [];
    for (const file of sourceFiles(join(root, "src"))) {
      const from = folderOf(file);
      for (const specifier of importsOf(file)) {
        const to = folderOf(join(dirname(file), specifier));
        if (to === from) continue;
        arrows.add(`${from} → ${to}`);
        if (!documented[from]!.includes(to)) upward.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(upward).toEqual([]);
    // The leaks the layering was written to end: report → functions, settings → platform, platform → sheets.
    expect(arrows).not.toContain("report → functions");
    expect(arrows).not.toContain("settings → platform");
    expect(arrows).not.toContain("platform → sheets");
    expect(arrows).toContain("server → report");
  });

  it("has no source file over 250 lines", () => {
    const long = sourceFiles(join(root, "src"))
      .map((file) => ({
        file: relative(root, file),
        lines: readFileSync(file, "utf8").split("\n").length - 1,
      }))
      .filter(({ lines }) => lines > 250);
    expect(long).toEqual([]);
  });
});

describe("Biome with the repository's biome.json", () => {
  // A copy of the configuration in a scratch directory, so the probes never touch src/.
  const scratch = mkdtempSync(join(tmpdir(), "openqr-layers-"));
  copyFileSync(join(root, "biome.json"), join(scratch, "biome.json"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function lint(
    files: Record<string, string>,
  ): Array<{ path: string; line: number; category: string; message: string }> {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    }
    const run = spawnSync(
      join(root, "node_modules/.bin/biome"),
      ["lint", "--reporter=json", ...Object.keys(files)],
      {
        cwd: scratch,
        encoding: "utf8",
      },
    );
    const report = JSON.parse(run.stdout) as {
      diagnostics: Array<{
        category: string;
        message: string;
        location: { path: string; start: { line: number } };
      }>;
    };
    return report.diagnostics.map((d) => ({
      path: d.location.path,
      line: d.location.start.line,
      category: d.category,
      message: d.message,
    }));
  }

  it("reports an upward import in every folder, in each form an import takes", () => {
    const linted = lintedLayers();
    const files: Record<string, string> = {};
    const expected: Array<{ path: string; line: number }> = [];
    for (const folder of FOLDERS) {
      const path = `src/${folder}/layer-probe.ts`;
      const lines = linted[folder]!.map((target, index) => {
        const specifier = target === "main.ts" ? "../main.ts" : `../${target}/x.ts`;
        const forms = [
          `import { a${index} } from "${specifier}";`,
          `import type { T${index} } from "${specifier}";`,
          `export { e${index} } from "${specifier}";`,
        ];
        return forms[index % forms.length]!;
      });
      files[path] = `${lines.join("\n")}\n`;
      lines.forEach((_, index) => {
        expected.push({ path, line: index + 1 });
      });
    }
    // The probes' imports are unused too: only the layering diagnostics count here.
    const found = lint(files).filter((d) => d.category === "lint/style/noRestrictedImports");
    expect(found.map(({ path, line }) => ({ path, line })).sort(byPlace)).toEqual(expected.sort(byPlace));
    expect(found.find((d) => d.path === "src/report/layer-probe.ts")!.message).toBe(
      "src/report/ may import only report/, openqr/ and shared/ (see ARCHITECTURE.md).",
    );
  });

  it("reports report/ importing server/, settings/ importing platform/ and platform/ importing sheets/", () => {
    const found = lint({
      "src/report/leak.ts":
        'import { refreshSheets } from "../server/refresh-run.ts";\nexport const a = refreshSheets;\n',
      "src/settings/leak.ts":
        'import { utf8Length } from "../platform/result-cache.ts";\nexport const b = utf8Length;\n',
      "src/platform/leak.ts":
        'import type { SheetIds } from "../sheets/report-sheets.ts";\nexport type C = SheetIds;\n',
    });
    expect(
      found
        .map((d) => [d.path, d.category])
        .filter(([, category]) => category !== "lint/correctness/noUnusedImports")
        .sort(),
    ).toEqual([
      ["src/platform/leak.ts", "lint/style/noRestrictedImports"],
      ["src/report/leak.ts", "lint/style/noRestrictedImports"],
      ["src/settings/leak.ts", "lint/style/noRestrictedImports"],
    ]);
  });

  it("lets each folder import the folders below it, and keeps Apps Script's services out of the pure core", () => {
    const found = lint({
      "src/server/fine.ts":
        'import { a } from "../sheets/a.ts";\nimport { b } from "../report/b.ts";\nexport const c = [a, b];\n',
      "src/report/fine.ts":
        'import { a } from "../openqr/a.ts";\nimport { b } from "../shared/b.ts";\nexport const c = [a, b];\n',
      "src/report/impure.ts": "export const now = () => Utilities.formatDate(new Date(), 'UTC', 'yyyy');\n",
      "src/platform/service.ts":
        "export const now = () => Utilities.formatDate(new Date(), 'UTC', 'yyyy');\n",
    });
    expect(found.map((d) => [d.path, d.category])).toEqual([
      ["src/report/impure.ts", "lint/style/noRestrictedGlobals"],
    ]);
  });
});

const byPlace = (a: { path: string; line: number }, b: { path: string; line: number }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;

describe("the repository stands alone", () => {
  const cited = ["src", "harness"].flatMap((dir) =>
    sourceFiles(join(root, dir)).concat(
      readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".md"))
        .map((name) => join(root, dir, name)),
    ),
  );

  it("cites only docs/ pages that exist, never a reference outside the repository", () => {
    const missing: string[] = [];
    const outside: string[] = [];
    for (const file of cited) {
      const text = readFileSync(file, "utf8");
      for (const [page] of text.matchAll(/docs\/[\w.-]+\.md/g)) {
        if (!existsSync(join(root, page))) missing.push(`${relative(root, file)} cites ${page}`);
      }
      if (/shared\/reference|\/work\//.test(text)) outside.push(relative(root, file));
    }
    expect(missing).toEqual([]);
    expect(outside).toEqual([]);
  });
});
