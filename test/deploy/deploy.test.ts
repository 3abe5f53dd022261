// `npm run push`, `npm run deploy` and `npm run open` (scripts/deploy.ts): what they check
// before clasp runs, the clasp commands they run, and the README steps they point to.
// Nothing here contacts Google: clasp itself only runs without credentials, where it stops
// before any request; every other run uses a recording stand-in for npm, git and clasp.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CREATE_SCRIPT,
  type Deps,
  deploymentIdOf,
  MESSAGES,
  main,
  PLACEHOLDER,
  parseArgs,
  ROOT,
  type Runner,
  type RunResult,
  spawnRunner,
  versionNumberOf,
} from "../../scripts/deploy.ts";

const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const SCRIPT_ID = "1FakeScriptIdForTests_abcdefghijklmnopqrstuvwxyz0123456789";

/** .clasp.json.example as a fresh clone has it (the committed one, or the file when git is unavailable). */
function committedExample(): string {
  try {
    return execFileSync("git", ["show", "HEAD:.clasp.json.example"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch {
    return readFileSync(join(ROOT, ".clasp.json.example"), "utf8");
  }
}

/** Whether git tracks, or ignores, this path of the repository (undefined when git is unavailable). */
function git(args: string[]): { code: number; stdout: string } | undefined {
  try {
    return { code: 0, stdout: execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    return typeof status === "number" ? { code: status, stdout: "" } : undefined;
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "openqr-deploy-"));
}

/** A folder with this .clasp.json (raw text, or an object), or none when undefined. */
function project(config?: string | Record<string, unknown>): string {
  const dir = tempDir();
  mkdirSync(join(dir, "dist"));
  if (config !== undefined) {
    writeFileSync(join(dir, ".clasp.json"), typeof config === "string" ? config : JSON.stringify(config));
  }
  return dir;
}

/** A home folder, logged in to clasp (a .clasprc.json exists) or not. */
function home(loggedIn: boolean): string {
  const dir = tempDir();
  if (loggedIn) writeFileSync(join(dir, ".clasprc.json"), "{}");
  return dir;
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command from the repository with clasp's project file chosen by `env`, and no credentials. */
function spawnIn(file: string, args: string[], env: Record<string, string>): Promise<Spawned> {
  const childEnv: Record<string, string | undefined> = { ...process.env };
  delete childEnv.clasp_config_project;
  // Were a check ever to let clasp run, it would find no credentials and stop before any request.
  childEnv.clasp_config_auth = join(tempDir(), "no-credentials.json");
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: ROOT, env: { ...childEnv, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

interface Call {
  tool: string;
  args: readonly string[];
  interactive: boolean;
}

/** A stand-in for npm, git and clasp that records its calls and answers from `replies`. */
function recorder(replies: (call: Call) => Partial<RunResult> | undefined = () => undefined) {
  const calls: Call[] = [];
  const run: Runner = async (tool, args, options) => {
    const call = { tool, args, interactive: Boolean(options.interactive) };
    calls.push(call);
    const reply = replies(call) ?? {};
    const stdout = reply.stdout ?? "";
    return { code: reply.code ?? 0, stdout, output: reply.output ?? stdout };
  };
  return { calls, run };
}

/** clasp's --json answers for a successful deploy (version 7). */
function claspReplies(call: Call): Partial<RunResult> | undefined {
  if (call.tool === "git" && call.args[0] === "rev-parse") return { stdout: "abc1234\n" };
  if (call.tool !== "clasp") return undefined;
  if (call.args.includes("push"))
    return { stdout: '[\n  "dist/Code.js",\n  "dist/Sidebar.html",\n  "dist/appsscript.json"\n]\n' };
  if (call.args.includes("create-version")) return { stdout: '{\n  "versionNumber": 7\n}\n' };
  if (call.args.includes("create-deployment")) {
    return { stdout: '{\n  "deploymentId": "AKfycbTest",\n  "versionNumber": 7,\n  "description": "x"\n}\n' };
  }
  return undefined;
}

interface Outcome {
  code: number;
  out: string[];
  err: string;
  calls: Call[];
}

async function runMain(
  argv: string[],
  setup: { project: string; home: string; run?: Runner; calls?: Call[]; env?: Deps["env"] },
): Promise<Outcome> {
  const fallback = recorder(claspReplies);
  const out: string[] = [];
  let err = "";
  const code = await main(argv, {
    root: ROOT,
    env: { clasp_config_project: setup.project, ...setup.env },
    home: setup.home,
    run: setup.run ?? fallback.run,
    out: (line) => out.push(line),
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err, calls: setup.calls ?? fallback.calls };
}

const args = (outcome: Outcome) => outcome.calls.map((call) => [call.tool, ...call.args].join(" "));

describe("clasp", () => {
  it("runs from node_modules after npm ci: npx clasp --version prints 3.x", () => {
    const version = execFileSync("npx", ["--no-install", "clasp", "--version"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(version.trim()).toMatch(/^3\.\d+\.\d+$/);
  });
});

describe("a fresh clone, without a script id", () => {
  it("ships .clasp.json.example with the placeholder and rootDir dist; .clasp.json is each user's own, ignored", () => {
    expect(JSON.parse(committedExample())).toEqual({ scriptId: PLACEHOLDER, rootDir: "dist" });
    const tracked = git(["ls-files", "--error-unmatch", ".clasp.json"]);
    if (tracked) expect(tracked.code, ".clasp.json must not be tracked").not.toBe(0);
    const ignored = git(["check-ignore", "--no-index", "-q", ".clasp.json"]);
    if (ignored) expect(ignored.code, ".clasp.json must be ignored").toBe(0);
  });

  it("is told the README step in one line", () => {
    expect(MESSAGES.noProjectFile).toBe(
      'No Apps Script project yet: there is no .clasp.json. Do step 2 of "Install for yourself" in README.md (npx clasp create-script --type standalone --title "OpenQR" --rootDir dist), then run this again.',
    );
    expect(MESSAGES.noScriptId).toBe(
      'No Apps Script project yet: .clasp.json has no scriptId. Put your project\'s Script ID in it, or delete it and do step 2 of "Install for yourself" in README.md (npx clasp create-script --type standalone --title "OpenQR" --rootDir dist), then run this again.',
    );
  });

  it.each([["push"], ["deploy"], ["open"], ["deploy", "--description", "Release 1"]])(
    "tsx scripts/deploy.ts %s … without .clasp.json prints only that line and exits 2",
    async (...argv) => {
      const run = await spawnIn(TSX, ["scripts/deploy.ts", ...argv], { clasp_config_project: project() });
      expect(run).toEqual({ code: 2, stdout: "", stderr: `${MESSAGES.noProjectFile}\n` });
    },
  );

  it("tsx scripts/deploy.ts push with the example copied unchanged says to put the Script ID in it", async () => {
    const dir = project(committedExample());
    const run = await spawnIn(TSX, ["scripts/deploy.ts", "push"], { clasp_config_project: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: `${MESSAGES.noScriptId}\n` });
  });

  const repoHasNoProject = !existsSync(join(ROOT, ".clasp.json"));
  it.runIf(repoHasNoProject).each(["push", "deploy", "open"])(
    "npm run --silent %s in this repository prints only that line and exits 2",
    async (command) => {
      const run = await spawnIn("npm", ["run", "--silent", command], {});
      expect(run).toEqual({ code: 2, stdout: "", stderr: `${MESSAGES.noProjectFile}\n` });
    },
  );
});

describe("what is checked before clasp runs", () => {
  const cases: [string, string | Record<string, unknown> | undefined, string][] = [
    ["no .clasp.json", undefined, MESSAGES.noProjectFile],
    ["an empty scriptId", { scriptId: "", rootDir: "dist" }, MESSAGES.noScriptId],
    ["no scriptId", { rootDir: "dist" }, MESSAGES.noScriptId],
    ["a blank placeholder", { scriptId: `  ${PLACEHOLDER} `, rootDir: "dist" }, MESSAGES.noScriptId],
    [
      "a URL for a scriptId",
      { scriptId: `https://script.google.com/d/${SCRIPT_ID}/edit`, rootDir: "dist" },
      `.clasp.json's scriptId "https://script.google.com/d/${SCRIPT_ID}/edit" is not a script id: copy the Script ID from the script editor's Project Settings, then run this again.`,
    ],
    [
      "rootDir src",
      { scriptId: SCRIPT_ID, rootDir: "src" },
      '.clasp.json has "rootDir": "src", but npm run build writes the add-on to dist/: set "rootDir": "dist" in .clasp.json, then run this again.',
    ],
    [
      "srcDir, which clasp prefers, not dist",
      { scriptId: SCRIPT_ID, rootDir: "dist", srcDir: "." },
      '.clasp.json has "srcDir": ".", but npm run build writes the add-on to dist/: set "rootDir": "dist" in .clasp.json, then run this again.',
    ],
    [
      "no rootDir",
      { scriptId: SCRIPT_ID },
      '.clasp.json has no "rootDir", so clasp would push the whole repository: set "rootDir": "dist" (npm run build writes the add-on there), then run this again.',
    ],
  ];

  it.each(cases)("%s: one line, exit 2, nothing run", async (_, config, message) => {
    for (const command of ["push", "deploy"]) {
      const outcome = await runMain([command], { project: project(config), home: home(true) });
      expect(outcome).toEqual({ code: 2, out: [], err: `${message}\n`, calls: [] });
    }
  });

  it("says when .clasp.json is not JSON", async () => {
    const outcome = await runMain(["deploy"], { project: project("{ scriptId: "), home: home(true) });
    expect(outcome.code).toBe(2);
    expect(outcome.err).toMatch(
      /^\.clasp\.json is not valid JSON \(.+\)\. Fix it, or do step 2 of "Install for yourself" in README\.md, then run this again\.\n$/,
    );
    expect(outcome.calls).toEqual([]);
  });

  it("accepts rootDir spelled ./dist/", async () => {
    const outcome = await runMain(["push"], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "./dist/" }),
      home: home(true),
    });
    expect(outcome.code).toBe(0);
  });

  it.each(["push", "deploy"])("%s without a clasp login: one line, exit 2, nothing run", async (command) => {
    const outcome = await runMain([command], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }),
      home: home(false),
    });
    expect(outcome).toEqual({
      code: 2,
      out: [],
      err: "clasp is not logged in (there is no ~/.clasprc.json). Run npx clasp login first.\n",
      calls: [],
    });
  });

  it("reads the credentials file clasp_config_auth names, and hands it to clasp", async () => {
    const auth = join(home(true), ".clasprc.json");
    const dir = project({ scriptId: SCRIPT_ID, rootDir: "dist" });
    const outcome = await runMain(["push"], {
      project: dir,
      home: home(false),
      env: { clasp_config_auth: auth },
    });
    expect(outcome.code).toBe(0);
    expect(args(outcome)).toContain(`clasp --json -P ${join(dir, ".clasp.json")} -A ${auth} push --force`);
  });

  it("open needs a script id, but neither a login nor rootDir", async () => {
    const dir = project({ scriptId: SCRIPT_ID });
    const outcome = await runMain(["open"], { project: dir, home: home(false) });
    expect(outcome.code).toBe(0);
    expect(outcome.calls).toEqual([
      { tool: "clasp", args: ["-P", join(dir, ".clasp.json"), "open-script"], interactive: true },
    ]);
    expect(outcome.out).toEqual([
      `Opening the script editor (clasp open-script): https://script.google.com/d/${SCRIPT_ID}/edit`,
    ]);
  });

  it.each([
    [["ship"], 'Unknown command "ship".'],
    [[], "Usage:"],
    [["push", "--description", "x"], 'Unknown option "--description" for push.'],
    [["deploy", "--description"], "--description needs a value."],
    [["deploy", "--force"], 'Unknown option "--force" for deploy.'],
  ])("rejects %j in one line, exit 2", async (argv, start) => {
    const outcome = await runMain(argv, { project: project(committedExample()), home: home(true) });
    expect(outcome.code).toBe(2);
    expect(outcome.err.startsWith(start)).toBe(true);
    expect(outcome.err.trimEnd()).not.toContain("\n");
    expect(outcome.calls).toEqual([]);
  });
});

describe("npm run push", () => {
  it("builds, then pushes dist/ with --force, one line per step", async () => {
    const dir = project({ scriptId: SCRIPT_ID, rootDir: "dist" });
    const auth = join(home(true), ".clasprc.json");
    const outcome = await runMain(["push"], {
      project: dir,
      home: home(false),
      env: { clasp_config_auth: auth },
    });
    expect(outcome.code).toBe(0);
    expect(args(outcome)).toEqual([
      "npm run build",
      `clasp --json -P ${join(dir, ".clasp.json")} -A ${auth} push --force`,
    ]);
    expect(outcome.out).toEqual([
      "1/2 Building dist/ (npm run build)",
      `2/2 Pushing dist/ to Apps Script project ${SCRIPT_ID} (clasp push --force)`,
      `Pushed 3 files. Open the editor with npm run open (https://script.google.com/d/${SCRIPT_ID}/edit).`,
    ]);
    expect(outcome.err).toBe("");
  });

  it("stops when the build fails, showing its output", async () => {
    const { calls, run } = recorder((call) =>
      call.tool === "npm" ? { code: 1, output: '✘ [ERROR] Could not resolve "./nope.ts"\n' } : undefined,
    );
    const outcome = await runMain(["push"], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }),
      home: home(true),
      run,
      calls,
    });
    expect(outcome.code).toBe(1);
    expect(outcome.err).toBe('npm run build failed (exit 1):\n✘ [ERROR] Could not resolve "./nope.ts"\n');
    expect(args(outcome)).toEqual(["npm run build"]);
  });
});

describe("npm run deploy", () => {
  it("builds, pushes, creates a version and a deployment of it, with the default description", async () => {
    const dir = project({ scriptId: SCRIPT_ID, rootDir: "dist" });
    const h = home(true);
    const outcome = await runMain(["deploy"], { project: dir, home: h });
    const description = `OpenQR for Google Sheets ${VERSION} (abc1234)`;
    const clasp = `clasp --json -P ${join(dir, ".clasp.json")} -A ${join(h, ".clasprc.json")}`;
    expect(outcome.code).toBe(0);
    expect(args(outcome)).toEqual([
      "git rev-parse --short HEAD",
      "git status --porcelain --untracked-files=no",
      "npm run build",
      `${clasp} push --force`,
      `${clasp} create-version -- ${description}`,
      `${clasp} create-deployment -V 7 -d ${description}`,
    ]);
    expect(outcome.out).toEqual([
      "1/4 Building dist/ (npm run build)",
      `2/4 Pushing dist/ to Apps Script project ${SCRIPT_ID} (clasp push --force)`,
      `3/4 Creating a version: "${description}" (clasp create-version)`,
      "4/4 Creating a deployment of version 7 (clasp create-deployment)",
      `Deployed version 7 as AKfycbTest. To publish it, set version 7 in the Marketplace SDK's App Configuration (docs/publish.md).`,
    ]);
    expect(outcome.err).toBe("");
  });

  it("takes --description, and --deployment-id to move an existing deployment", async () => {
    const outcome = await runMain(["deploy", "--description", "-Release 1", "--deployment-id=AKfycbOld"], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }),
      home: home(true),
    });
    expect(outcome.code).toBe(0);
    const calls = outcome.calls.filter((call) => call.tool === "clasp").map((call) => call.args.slice(5));
    expect(calls).toEqual([
      ["push", "--force"],
      ["create-version", "--", "-Release 1"],
      ["create-deployment", "-V", "7", "-d", "-Release 1", "-i", "AKfycbOld"],
    ]);
    expect(outcome.calls.some((call) => call.tool === "git")).toBe(false);
    expect(outcome.out[3]).toBe("4/4 Moving deployment AKfycbOld to version 7 (clasp create-deployment -i)");
  });

  it("marks uncommitted changes, and leaves the commit out outside git", async () => {
    const dirty = recorder((call) =>
      call.tool === "git" && call.args[0] === "status" ? { stdout: " M src/main.ts\n" } : claspReplies(call),
    );
    const noGit = recorder((call) =>
      call.tool === "git" ? { code: 128, output: "fatal: not a git repository\n" } : claspReplies(call),
    );
    const setup = () => ({ project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }), home: home(true) });
    const first = await runMain(["deploy"], { ...setup(), ...dirty });
    const second = await runMain(["deploy"], { ...setup(), ...noGit });
    expect(first.out[2]).toBe(
      `3/4 Creating a version: "OpenQR for Google Sheets ${VERSION} (abc1234-dirty)" (clasp create-version)`,
    );
    expect(second.out[2]).toBe(
      `3/4 Creating a version: "OpenQR for Google Sheets ${VERSION}" (clasp create-version)`,
    );
  });

  it("stops at a failing clasp step with exit 1 and clasp's output", async () => {
    const { calls, run } = recorder((call) =>
      call.args.includes("create-version")
        ? { code: 1, output: "Request contains an invalid argument.\n" }
        : claspReplies(call),
    );
    const outcome = await runMain(["deploy", "-d", "x"], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }),
      home: home(true),
      run,
      calls,
    });
    expect(outcome.code).toBe(1);
    expect(outcome.err).toBe(
      "clasp create-version failed (exit 1):\nRequest contains an invalid argument.\n",
    );
    expect(calls.some((call) => call.args.includes("create-deployment"))).toBe(false);
  });

  it.each([
    [
      "No credentials found.\n",
      'clasp is not logged in (clasp says "No credentials found."). Run npx clasp login first.',
    ],
    [
      "invalid_grant\n",
      "clasp's login has expired or was revoked (invalid_grant). Run npx clasp login first.",
    ],
  ])("turns clasp's %j into one line, exit 2", async (said, line) => {
    const { calls, run } = recorder((call) =>
      call.tool === "clasp" ? { code: 1, output: said } : undefined,
    );
    const outcome = await runMain(["deploy", "-d", "x"], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }),
      home: home(true),
      run,
      calls,
    });
    expect(outcome.code).toBe(2);
    expect(outcome.err).toBe(`${line}\n`);
  });

  it("fails when clasp reports no version number", async () => {
    const { calls, run } = recorder((call) =>
      call.args.includes("create-version") ? { stdout: "{}\n" } : claspReplies(call),
    );
    const outcome = await runMain(["deploy", "-d", "x"], {
      project: project({ scriptId: SCRIPT_ID, rootDir: "dist" }),
      home: home(true),
      run,
      calls,
    });
    expect(outcome.code).toBe(1);
    expect(outcome.err).toBe("clasp create-version printed no version number:\n{}\n");
  });

  it("reads clasp's --json and plain answers", () => {
    expect(versionNumberOf('{\n  "versionNumber": 12\n}\n')).toBe(12);
    expect(versionNumberOf("Created version 3\n")).toBe(3);
    expect(versionNumberOf("")).toBeUndefined();
    expect(deploymentIdOf('{\n  "deploymentId": "AKfy-1_x",\n  "versionNumber": 3\n}')).toBe("AKfy-1_x");
    expect(deploymentIdOf("Deployed AKfy-2 @3\n")).toBe("AKfy-2");
    expect(parseArgs(["deploy", "-d", " Release 2 ", "-i", "AKfy"])).toEqual({
      command: "deploy",
      description: "Release 2",
      deploymentId: "AKfy",
    });
  });
});

describe("the real clasp, offline", () => {
  it("its own 'No credentials found.' becomes the login line (a .clasprc.json with no login)", async () => {
    const dir = project({ scriptId: SCRIPT_ID, rootDir: "dist" });
    writeFileSync(join(dir, "dist", "appsscript.json"), readFileSync(join(ROOT, "appsscript.json")));
    writeFileSync(join(dir, "dist", "Code.js"), "function onOpen() {}\n");
    const h = home(true);
    expect(readFileSync(join(h, ".clasprc.json"), "utf8")).toBe("{}");
    // The build is skipped; clasp is the installed one, given these files and no credentials.
    const calls: Call[] = [];
    const run: Runner = (tool, argv, options) => {
      calls.push({ tool, args: argv, interactive: false });
      if (tool !== "clasp") return Promise.resolve({ code: 0, stdout: "", output: "" });
      const env = { ...process.env };
      delete env.clasp_config_auth;
      delete env.clasp_config_project;
      return spawnRunner(tool, argv, { ...options, env });
    };
    const outcome = await runMain(["push"], { project: dir, home: h, run, calls });
    expect(outcome.err).toBe(
      'clasp is not logged in (clasp says "No credentials found."). Run npx clasp login first.\n',
    );
    expect(outcome.code).toBe(2);
    expect(args(outcome)[1]).toBe(
      `clasp --json -P ${join(dir, ".clasp.json")} -A ${join(h, ".clasprc.json")} push --force`,
    );
  });
});

describe("README", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  /** The text under a heading, up to the next heading. */
  const section = (heading: string) => {
    const start = readme.indexOf(`\n${heading}\n`);
    expect(start, heading).toBeGreaterThan(-1);
    const rest = readme.slice(start + heading.length + 2);
    const end = rest.search(/^#{2,3} /m);
    return end === -1 ? rest : rest.slice(0, end);
  };

  it("has the step the message names: step 2 of Install for yourself creates the project", () => {
    expect(MESSAGES.noScriptId).toContain('step 2 of "Install for yourself" in README.md');
    const install = section("### Install for yourself (test deployment)");
    const step2 = install.slice(install.indexOf("\n2. "), install.indexOf("\n3. "));
    expect(step2.replace(/\s+/g, " ")).toContain(`\`${CREATE_SCRIPT}\``);
    expect(step2).toContain("`.clasp.json.example`");
    // No step deletes a tracked file.
    expect(install).not.toMatch(/\brm\b/);
    expect(install).toContain("`npx clasp login`");
    expect(install).toContain("`npx clasp login --no-localhost`");
    expect(install).toContain("`npm run push`");
    expect(install).toContain("`npm run open`");
    expect(install).toContain("Test deployments do not run installable triggers");
  });

  it("publishing names exactly the manifest's scopes and the npm run deploy options", () => {
    const publish = readFileSync(join(ROOT, "docs/publish.md"), "utf8");
    expect(section("### Publish for others")).toContain("(docs/publish.md)");
    const manifest = JSON.parse(readFileSync(join(ROOT, "appsscript.json"), "utf8")) as {
      oauthScopes: string[];
    };
    const scopes = manifest.oauthScopes.map((scope) => scope.replace("https://www.googleapis.com/auth/", ""));
    expect(scopes).toHaveLength(4);
    for (const scope of scopes) expect(publish).toContain(`\`${scope}\``);
    const named = [...publish.matchAll(/`((?:spreadsheets|script|drive|userinfo)\.[\w.]+)`/g)].map(
      (m) => m[1],
    );
    expect(new Set(named)).toEqual(new Set(scopes));
    expect(publish).toContain("`npm run deploy`");
    expect(publish).toContain('`npm run deploy -- --description "…"`');
    expect(publish).toContain("`npm run deploy -- --deployment-id <id>`");
    for (const page of [
      "https://developers.google.com/workspace/add-ons/how-tos/publish-add-on-overview",
      "https://developers.google.com/workspace/marketplace/enable-configure-sdk",
      "https://developers.google.com/apps-script/guides/cloud-platform-projects",
    ]) {
      expect(publish).toContain(page);
    }
  });
});
