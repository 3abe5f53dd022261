/**
 * `npm run push`, `npm run deploy` and `npm run open`: build dist/ and hand it to clasp.
 *
 * Before clasp runs, this checks what clasp would otherwise fail on in its own words, or
 * not at all: no script id yet (a fresh clone has no .clasp.json: it is each user's own and
 * ignored by git; .clasp.json.example holds the placeholder), a rootDir
 * other than dist/ (clasp would push the whole repository), and no clasp login. Each is one
 * line naming the fix, and exit code 2. A failing build or clasp step shows its output and
 * exits non-zero.
 *
 *   tsx scripts/deploy.ts push
 *   tsx scripts/deploy.ts deploy [--description "…"] [--deployment-id <id>]
 *   tsx scripts/deploy.ts open
 *
 * clasp's own variables choose other files, for this script as for clasp:
 * `clasp_config_project` (a .clasp.json or its folder) and `clasp_config_auth` (a
 * .clasprc.json or its folder).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ADDON_NAME } from "../src/shared/addon-menu.ts";

/** The repository: package.json, `npm run build` and git. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const PRODUCT = "OpenQR for Google Sheets";
/** The project's title: the add-on's name, which a test deployment's menu may be titled with. */
export const PROJECT_TITLE = ADDON_NAME;
/** What .clasp.json.example holds instead of a script id. */
export const PLACEHOLDER = "REPLACE_WITH_YOUR_SCRIPT_ID";
export const CREATE_SCRIPT = `npx clasp create-script --type standalone --title "${PROJECT_TITLE}" --rootDir dist`;
/** The README step that creates the Apps Script project (README.md, "Install for yourself"). */
export const README_STEP = 'step 2 of "Install for yourself" in README.md';

export const MESSAGES = {
  noScriptId: `No Apps Script project yet: .clasp.json has no scriptId. Put your project's Script ID in it, or delete it and do ${README_STEP} (${CREATE_SCRIPT}), then run this again.`,
  noProjectFile: `No Apps Script project yet: there is no .clasp.json. Do ${README_STEP} (${CREATE_SCRIPT}), then run this again.`,
  loginFirst: "Run npx clasp login first.",
} as const;

export type Command = "push" | "deploy" | "open";

export interface Options {
  command: Command;
  description?: string;
  deploymentId?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  /** stdout and stderr as they arrived. */
  output: string;
}

/** Runs npm, git or clasp; `interactive` hands the terminal over (clasp open-script opens a browser). */
export type Runner = (
  tool: "npm" | "git" | "clasp",
  args: readonly string[],
  options: { cwd: string; env: Deps["env"]; interactive?: boolean },
) => Promise<RunResult>;

export interface Deps {
  root: string;
  env: Record<string, string | undefined>;
  home: string;
  run: Runner;
  /** Progress, one line per step. */
  out: (line: string) => void;
  /** Problems, and the output of a step that failed. */
  err: (text: string) => void;
}

const USAGE =
  'Usage: npm run push | npm run deploy [-- --description "…" --deployment-id <id>] | npm run open';

class SetupError extends Error {}

export function parseArgs(argv: readonly string[]): Options {
  const [command, ...rest] = argv;
  if (command !== "push" && command !== "deploy" && command !== "open") {
    throw new SetupError(command ? `Unknown command "${command}". ${USAGE}` : USAGE);
  }
  const options: Options = { command };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? splitOnce(arg, "=") : [arg, undefined];
    const key =
      flag === "--description" || flag === "-d"
        ? "description"
        : flag === "--deployment-id" || flag === "-i"
          ? "deploymentId"
          : undefined;
    if (!key || command !== "deploy") {
      throw new SetupError(`Unknown option "${arg}" for ${command}. ${USAGE}`);
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value.trim() === "") throw new SetupError(`${flag} needs a value. ${USAGE}`);
    options[key] = value.trim();
  }
  return options;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

/** The .clasp.json clasp would use: `clasp_config_project` (a file or its folder), else the repository's. */
export function projectFile(root: string, env: Deps["env"]): string {
  const configured = env.clasp_config_project;
  if (!configured) return join(root, ".clasp.json");
  const path = resolve(root, configured);
  return existsSync(path) && statSync(path).isDirectory() ? join(path, ".clasp.json") : path;
}

/** The credentials file clasp reads: `clasp_config_auth` (a file or its folder), else ~/.clasprc.json. */
export function authFile(root: string, env: Deps["env"], home: string): string {
  const configured = env.clasp_config_auth;
  if (!configured) return join(home, ".clasprc.json");
  const path = resolve(root, configured);
  return existsSync(path) && statSync(path).isDirectory() ? join(path, ".clasprc.json") : path;
}

/** Reads .clasp.json and returns its script id, or throws the one line that says what to do. */
export function checkProject(file: string, needsDist: boolean): string {
  if (!existsSync(file)) throw new SetupError(MESSAGES.noProjectFile);
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SetupError(
      `.clasp.json is not valid JSON (${reason}). Fix it, or do ${README_STEP}, then run this again.`,
    );
  }
  const settings = (typeof config === "object" && config !== null ? config : {}) as Record<string, unknown>;
  const scriptId = typeof settings.scriptId === "string" ? settings.scriptId.trim() : "";
  if (scriptId === "" || scriptId === PLACEHOLDER) throw new SetupError(MESSAGES.noScriptId);
  if (!/^[\w-]+$/.test(scriptId)) {
    throw new SetupError(
      `.clasp.json's scriptId "${scriptId}" is not a script id: copy the Script ID from the script editor's Project Settings, then run this again.`,
    );
  }
  if (needsDist) {
    // clasp pushes `srcDir`, else `rootDir`, else the folder of .clasp.json itself.
    const key = settings.srcDir ? "srcDir" : "rootDir";
    const value = settings[key];
    const folder = dirname(file);
    if (typeof value !== "string" || value.trim() === "") {
      throw new SetupError(
        `.clasp.json has no "rootDir", so clasp would push the whole repository: set "rootDir": "dist" (npm run build writes the add-on there), then run this again.`,
      );
    }
    if (resolve(folder, value) !== resolve(folder, "dist")) {
      throw new SetupError(
        `.clasp.json has "${key}": ${JSON.stringify(value)}, but npm run build writes the add-on to dist/: set "rootDir": "dist" in .clasp.json, then run this again.`,
      );
    }
  }
  return scriptId;
}

export function checkLogin(file: string, home: string): void {
  if (existsSync(file)) return;
  const shown = file.startsWith(home + sep) ? `~/${relative(home, file).split(sep).join("/")}` : file;
  throw new SetupError(`clasp is not logged in (there is no ${shown}). ${MESSAGES.loginFirst}`);
}

/** One line for clasp's own words about credentials, or undefined for any other failure. */
export function loginProblem(output: string): string | undefined {
  if (/No credentials found|not logged in/i.test(output)) {
    return `clasp is not logged in (clasp says "No credentials found."). ${MESSAGES.loginFirst}`;
  }
  if (/invalid_grant|invalid_rapt/i.test(output)) {
    return `clasp's login has expired or was revoked (invalid_grant). ${MESSAGES.loginFirst}`;
  }
  return undefined;
}

/** The version number from `clasp --json create-version` (or its plain "Created version N"). */
export function versionNumberOf(stdout: string): number | undefined {
  const json = /"versionNumber"\s*:\s*(\d+)/.exec(stdout);
  const text = /Created version (\d+)/.exec(stdout);
  const found = json?.[1] ?? text?.[1];
  return found === undefined ? undefined : Number(found);
}

/** The deployment id from `clasp --json create-deployment` (or its plain "Deployed ID @N"). */
export function deploymentIdOf(stdout: string): string | undefined {
  return /"deploymentId"\s*:\s*"([^"]+)"/.exec(stdout)?.[1] ?? /Deployed (\S+) @/.exec(stdout)?.[1];
}

/** The files `clasp --json push` reports, or undefined when its output is not that list. */
export function pushedFilesOf(stdout: string): string[] | undefined {
  try {
    const files: unknown = JSON.parse(stdout.trim());
    return Array.isArray(files) ? files.map(String) : undefined;
  } catch {
    return undefined;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function defaultDescription(version: string, commit: string | undefined): string {
  return commit ? `${PRODUCT} ${version} (${commit})` : `${PRODUCT} ${version}`;
}

/** The short commit, marked `-dirty` when tracked files have changed; undefined outside git. */
async function gitCommit(deps: Deps): Promise<string | undefined> {
  const options = { cwd: deps.root, env: deps.env };
  const head = await deps.run("git", ["rev-parse", "--short", "HEAD"], options);
  const sha = head.stdout.trim();
  if (head.code !== 0 || !/^[0-9a-f]{4,40}$/.test(sha)) return undefined;
  const status = await deps.run("git", ["status", "--porcelain", "--untracked-files=no"], options);
  return status.code === 0 && status.stdout.trim() !== "" ? `${sha}-dirty` : sha;
}

function packageVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

class StepFailed extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs one step; when it fails, shows its output (or the login line) and stops. */
async function step(
  deps: Deps,
  tool: "npm" | "clasp",
  args: readonly string[],
  shown: string,
  interactive = false,
): Promise<RunResult> {
  const result = await deps.run(tool, args, { cwd: deps.root, env: deps.env, interactive });
  if (result.code === 0) return result;
  const login = tool === "clasp" ? loginProblem(result.output) : undefined;
  if (login) {
    deps.err(`${login}\n`);
    throw new StepFailed(2);
  }
  const output = result.output.trimEnd();
  deps.err(`${shown} failed (exit ${result.code})${output ? `:\n${output}` : "."}\n`);
  throw new StepFailed(result.code || 1);
}

export async function main(argv: readonly string[], deps: Deps): Promise<number> {
  try {
    return await run(parseArgs(argv), deps);
  } catch (error) {
    if (error instanceof SetupError) {
      deps.err(`${error.message}\n`);
      return 2;
    }
    if (error instanceof StepFailed) return error.code;
    throw error;
  }
}

async function run(options: Options, deps: Deps): Promise<number> {
  const project = projectFile(deps.root, deps.env);
  const scriptId = checkProject(project, options.command !== "open");
  const editor = `https://script.google.com/d/${scriptId}/edit`;

  if (options.command === "open") {
    deps.out(`Opening the script editor (clasp open-script): ${editor}`);
    await step(deps, "clasp", ["-P", project, "open-script"], "clasp open-script", true);
    return 0;
  }

  const auth = authFile(deps.root, deps.env, deps.home);
  checkLogin(auth, deps.home);
  // The same project and credentials files this checked, whatever clasp would find on its own.
  const clasp = (...args: string[]) => ["--json", "-P", project, "-A", auth, ...args];
  const description =
    options.command === "deploy"
      ? (options.description ?? defaultDescription(packageVersion(deps.root), await gitCommit(deps)))
      : "";
  const total = options.command === "deploy" ? 4 : 2;

  deps.out(`1/${total} Building dist/ (npm run build)`);
  await step(deps, "npm", ["run", "build"], "npm run build");

  deps.out(`2/${total} Pushing dist/ to Apps Script project ${scriptId} (clasp push --force)`);
  const pushed = await step(deps, "clasp", clasp("push", "--force"), "clasp push --force");
  const files = pushedFilesOf(pushed.stdout);

  if (options.command === "push") {
    deps.out(
      files?.length === 0
        ? `Nothing to push: the project already matches dist/. Open it with npm run open (${editor}).`
        : `Pushed ${files ? plural(files.length, "file") : "dist/"}. Open the editor with npm run open (${editor}).`,
    );
    return 0;
  }

  deps.out(`3/${total} Creating a version: "${description}" (clasp create-version)`);
  const created = await step(
    deps,
    "clasp",
    clasp("create-version", "--", description),
    "clasp create-version",
  );
  const version = versionNumberOf(created.stdout);
  if (version === undefined) {
    deps.err(`clasp create-version printed no version number:\n${created.output.trimEnd()}\n`);
    return 1;
  }

  const redeploy = options.deploymentId ? ["-i", options.deploymentId] : [];
  deps.out(
    options.deploymentId
      ? `4/${total} Moving deployment ${options.deploymentId} to version ${version} (clasp create-deployment -i)`
      : `4/${total} Creating a deployment of version ${version} (clasp create-deployment)`,
  );
  const deployed = await step(
    deps,
    "clasp",
    clasp("create-deployment", "-V", String(version), "-d", description, ...redeploy),
    "clasp create-deployment",
  );
  const deploymentId = deploymentIdOf(deployed.stdout) ?? options.deploymentId ?? "(id not reported)";
  deps.out(
    `Deployed version ${version} as ${deploymentId}. To publish it, set version ${version} in the Marketplace SDK's App Configuration (docs/publish.md).`,
  );
  return 0;
}

/** The clasp installed in node_modules, run with this Node. */
function claspCommand(): string[] | undefined {
  try {
    return [process.execPath, createRequire(import.meta.url).resolve("@google/clasp")];
  } catch {
    return undefined;
  }
}

/** npm itself when this runs under `npm run`, else the `npm` on PATH. */
function npmCommand(env: Deps["env"]): string[] {
  const npmCli = env.npm_execpath;
  if (npmCli && /npm-cli\.[cm]?js$/.test(npmCli)) return [process.execPath, npmCli];
  return [process.platform === "win32" ? "npm.cmd" : "npm"];
}

export const spawnRunner: Runner = (tool, args, { cwd, env, interactive }) => {
  const command = tool === "clasp" ? claspCommand() : tool === "npm" ? npmCommand(env) : ["git"];
  if (!command) {
    const output = "clasp is not installed in node_modules: run npm ci first.";
    return Promise.resolve({ code: 127, stdout: "", output });
  }
  const [file, ...prefix] = command as [string, ...string[]];
  return new Promise((done) => {
    const child = spawn(file, [...prefix, ...args], {
      cwd,
      env,
      stdio: interactive ? "inherit" : ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32" && file.endsWith(".cmd"),
    });
    let stdout = "";
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.on("error", (error) => done({ code: 127, stdout, output: `${output}${error.message}\n` }));
    child.on("close", (code, signal) => done({ code: code ?? (signal ? 1 : 0), stdout, output }));
  });
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2), {
    root: ROOT,
    env: process.env,
    home: homedir(),
    run: spawnRunner,
    out: (line) => console.log(line),
    err: (text) => process.stderr.write(text),
  });
}
