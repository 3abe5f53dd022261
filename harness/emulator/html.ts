import vm from "node:vm";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";

export interface HtmlOutputState {
  content: string;
  title: string;
  width?: number;
  height?: number;
  sandboxMode: string;
  xFrameOptionsMode: string;
  metaTags: { name: string; content: string }[];
  faviconUrl?: string;
}

const SANDBOX_MODES = { IFRAME: "IFRAME", NATIVE: "NATIVE", EMULATED: "EMULATED" };
const X_FRAME_OPTIONS_MODES = { ALLOWALL: "ALLOWALL", DEFAULT: "DEFAULT" };

export function escapeHtml(value: unknown): string {
  return textOf(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function textOf(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** Turns a template into the source of a function(vars, escape, text) returning the HTML. */
export function compileTemplate(source: string): string {
  const statements: string[] = [];
  const scriptlet = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let position = 0;
  for (let match = scriptlet.exec(source); match; match = scriptlet.exec(source)) {
    if (match.index > position)
      statements.push(`__out.push(${JSON.stringify(source.slice(position, match.index))});`);
    const [, kind, code = ""] = match;
    if (kind === "=") statements.push(`__out.push(__escape(${code}));`);
    else if (kind === "!=") statements.push(`__out.push(__text(${code}));`);
    else statements.push(code);
    position = match.index + match[0].length;
  }
  if (position < source.length) statements.push(`__out.push(${JSON.stringify(source.slice(position))});`);
  // Non-strict on purpose: `with` makes the template's properties visible as variables, as on the platform.
  return `(function (__vars, __escape, __text) {\nvar __out = [];\nwith (__vars) {\n${statements.join("\n")}\n}\nreturn __out.join("");\n})`;
}

export function createHtmlService(env: ServiceEnv) {
  const { bind, realm, world } = env;

  const bindOutput = (initial: string) => {
    const state: HtmlOutputState = {
      content: initial,
      title: "",
      sandboxMode: SANDBOX_MODES.IFRAME,
      xFrameOptionsMode: X_FRAME_OPTIONS_MODES.DEFAULT,
      metaTags: [],
    };
    const self = bind.object(
      "HtmlOutput",
      {
        getContent: () => state.content,
        setContent: (content: unknown) => {
          state.content = textOf(content);
          return self;
        },
        append: (addedContent: unknown) => {
          state.content += textOf(addedContent);
          return self;
        },
        appendUntrusted: (addedContent: unknown) => {
          state.content += escapeHtml(addedContent);
          return self;
        },
        clear: () => {
          state.content = "";
          return self;
        },
        getTitle: () => state.title,
        setTitle: (title: unknown) => {
          state.title = textOf(title);
          return self;
        },
        getWidth: () => state.width ?? null,
        setWidth: (width: unknown) => {
          state.width = Number(width);
          return self;
        },
        getHeight: () => state.height ?? null,
        setHeight: (height: unknown) => {
          state.height = Number(height);
          return self;
        },
        setSandboxMode: (mode: unknown) => {
          state.sandboxMode = String(mode);
          return self;
        },
        setXFrameOptionsMode: (mode: unknown) => {
          state.xFrameOptionsMode = String(mode);
          return self;
        },
        addMetaTag: (name: unknown, content: unknown) => {
          state.metaTags.push({ name: String(name), content: String(content) });
          return self;
        },
        setFaviconUrl: (url: unknown) => {
          state.faviconUrl = String(url);
          return self;
        },
        getFaviconUrl: () => state.faviconUrl ?? null,
        asTemplate: () => bindTemplate(state.content),
      },
      { state },
    );
    return self;
  };

  const TEMPLATE_METHODS = new Set(["evaluate", "getCode", "getRawContent"]);

  const bindTemplate = (source: string) => {
    const code = compileTemplate(source);
    const self = bind.object("HtmlTemplate", {
      evaluate: () => {
        const variables = realm.newObject();
        for (const key of Object.keys(self)) if (!TEMPLATE_METHODS.has(key)) variables[key] = self[key];
        // Compiled in the script's context so scriptlets see the script's global functions.
        const render = vm.runInContext(code, realm.context) as (
          vars: unknown,
          escapeValue: (value: unknown) => string,
          textValue: (value: unknown) => string,
        ) => unknown;
        return bindOutput(String(render(variables, escapeHtml, textOf)));
      },
      getCode: () => code,
      getRawContent: () => source,
    });
    return self;
  };

  const fileContent = (name: unknown): string => {
    const fileName = String(name).replace(/\.html$/, "");
    const content = world.html[fileName];
    if (content === undefined) throw new PlatformError(`No HTML file named ${fileName} was found.`);
    return content;
  };

  return bind.object(
    "HtmlService",
    {
      createHtmlOutput: (html?: unknown) => {
        const other = bind.stateOf<Partial<HtmlOutputState>>(html);
        return bindOutput(typeof other?.content === "string" ? other.content : textOf(html));
      },
      createHtmlOutputFromFile: (filename: unknown) => bindOutput(fileContent(filename)),
      createTemplate: (html: unknown) => bindTemplate(textOf(html)),
      createTemplateFromFile: (filename: unknown) => bindTemplate(fileContent(filename)),
    },
    { constants: { SandboxMode: SANDBOX_MODES, XFrameOptionsMode: X_FRAME_OPTIONS_MODES } },
  );
}
