/**
 * Builds the settings sidebar as one self-contained HTML page (dist/Sidebar.html, via
 * scripts/build.ts): HtmlService serves a single file and the sidebar may fetch nothing,
 * so the bundled script and the stylesheet are inlined into src/sidebar/index.html.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sidebarDir = join(root, "src/sidebar");

/** Where index.html takes the stylesheet and the script. */
export const CSS_PLACEHOLDER = "/* SIDEBAR_CSS */";
export const JS_PLACEHOLDER = "/* SIDEBAR_JS */";

/** Inline text that cannot end its <script> or <style> element early. */
function escapeEndTags(code: string, tag: "script" | "style"): string {
  return code.replace(new RegExp(`</(${tag})`, "gi"), "<\\/$1");
}

function fillPlaceholder(html: string, placeholder: string, content: string): string {
  const at = html.indexOf(placeholder);
  if (at < 0 || html.indexOf(placeholder, at + 1) >= 0) {
    throw new Error(`src/sidebar/index.html must contain ${placeholder} exactly once`);
  }
  // Spliced rather than String.replace, which would read "$&" and friends in the code.
  return html.slice(0, at) + content + html.slice(at + placeholder.length);
}

export async function buildSidebarHtml(): Promise<string> {
  const result = await build({
    entryPoints: [join(sidebarDir, "main.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2019",
    platform: "browser",
    minify: true,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const script = result.outputFiles[0]!.text.trim();
  const css = readFileSync(join(sidebarDir, "styles.css"), "utf8").trim();
  const template = readFileSync(join(sidebarDir, "index.html"), "utf8");
  const withCss = fillPlaceholder(template, CSS_PLACEHOLDER, `\n${escapeEndTags(css, "style")}\n`);
  return fillPlaceholder(withCss, JS_PLACEHOLDER, `\n${escapeEndTags(script, "script")}\n`);
}

// `tsx scripts/sidebar.ts [out.html]` writes the page somewhere to look at it.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(root, "test-results/Sidebar.html");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildSidebarHtml());
  console.log(`Wrote ${out}`);
}
