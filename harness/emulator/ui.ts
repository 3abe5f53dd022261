import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import type { HtmlOutputState } from "./html.ts";

export interface MenuItemRecord {
  caption: string;
  fn: string;
}

export type MenuEntry =
  | ({ kind: "item" } & MenuItemRecord)
  | { kind: "separator" }
  | { kind: "submenu"; menu: MenuRecord };

export interface MenuRecord {
  title: string;
  /** The menu's own items, in order (submenu items are under `submenus`). */
  items: MenuItemRecord[];
  submenus: MenuRecord[];
  /** Everything in display order, separators included. */
  entries: MenuEntry[];
}

export interface SidebarRecord {
  title: string;
  html: string;
  width?: number;
  user: string;
}

export interface DialogRecord {
  title: string;
  html: string;
  width?: number;
  height?: number;
  modal: boolean;
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
}

const BUTTONS = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" };
const BUTTON_SETS = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" };
const FIRST_BUTTON: Record<string, string> = {
  OK: "OK",
  OK_CANCEL: "OK",
  YES_NO: "YES",
  YES_NO_CANCEL: "YES",
};

/** What the user would see: menus added, sidebars and dialogs opened, alerts and toasts. */
export class UiRecord {
  readonly menus: MenuRecord[] = [];
  readonly sidebars: SidebarRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  /** Alert texts ("Title: prompt" when a title was given). */
  readonly alerts: string[] = [];
  readonly toasts: ToastRecord[] = [];
  /** Buttons the next alerts return ("OK", "YES", "NO", ...); when empty, the set's first button. */
  readonly alertResponses: string[] = [];

  /** Finds a menu item by caption in any menu or submenu. */
  findMenuItem(caption: string): MenuItemRecord | undefined {
    const search = (menus: MenuRecord[]): MenuItemRecord | undefined => {
      for (const menu of menus) {
        const found = menu.items.find((item) => item.caption === caption) ?? search(menu.submenus);
        if (found) return found;
      }
      return undefined;
    };
    return search(this.menus);
  }
}

export function createUi(env: ServiceEnv) {
  const { bind, world, execution } = env;
  const ui = world.ui;

  const htmlOf = (userInterface: unknown): HtmlOutputState => {
    const state = bind.stateOf<HtmlOutputState>(userInterface);
    if (!state || typeof state.content !== "string")
      throw new PlatformError("Invalid argument: userInterface");
    return state;
  };

  const showDialog = (userInterface: unknown, title: unknown, modal: boolean): void => {
    const html = htmlOf(userInterface);
    ui.dialogs.push({
      title: String(title),
      html: html.content,
      width: html.width,
      height: html.height,
      modal,
    });
  };

  const bindMenu = (title: string) => {
    const menu: MenuRecord = { title, items: [], submenus: [], entries: [] };
    const self = bind.object(
      "Menu",
      {
        addItem: (caption: unknown, functionName: unknown) => {
          const item = { caption: String(caption), fn: String(functionName) };
          menu.items.push(item);
          menu.entries.push({ kind: "item", ...item });
          return self;
        },
        addSeparator: () => {
          menu.entries.push({ kind: "separator" });
          return self;
        },
        addSubMenu: (subMenu: unknown) => {
          const sub = bind.stateOf<MenuRecord>(subMenu);
          if (!sub) throw new PlatformError("Invalid argument: menu");
          menu.submenus.push(sub);
          menu.entries.push({ kind: "submenu", menu: sub });
          return self;
        },
        addToUi: () => {
          // Each document load builds the menus afresh: a menu with the same title replaces the old one.
          const existing = ui.menus.findIndex((candidate) => candidate.title === menu.title);
          if (existing === -1) ui.menus.push(menu);
          else ui.menus[existing] = menu;
        },
      },
      { capability: "menu", state: menu },
    );
    return self;
  };

  return bind.object(
    "Ui",
    {
      createAddonMenu: () => bindMenu(world.addonName),
      createMenu: (caption: unknown) => bindMenu(String(caption)),
      showSidebar: (userInterface: unknown) => {
        const html = htmlOf(userInterface);
        ui.sidebars.push({
          title: html.title,
          html: html.content,
          width: html.width,
          user: execution.spec.user,
        });
      },
      showModalDialog: (userInterface: unknown, title: unknown) => showDialog(userInterface, title, true),
      showModelessDialog: (userInterface: unknown, title: unknown) => showDialog(userInterface, title, false),
      alert: (...args: unknown[]) => {
        // alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons)
        const [title, prompt, buttons] =
          args.length >= 3
            ? args
            : args.length === 2
              ? [undefined, args[0], args[1]]
              : [undefined, args[0], "OK"];
        ui.alerts.push(title === undefined ? String(prompt) : `${String(title)}: ${String(prompt)}`);
        return ui.alertResponses.shift() ?? FIRST_BUTTON[String(buttons)] ?? "OK";
      },
    },
    {
      capability: (method) => (method.startsWith("create") ? "menu" : "dialog"),
      constants: { Button: BUTTONS, ButtonSet: BUTTON_SETS },
    },
  );
}

/** SpreadsheetApp.getUi(): there is no UI in a trigger. */
export function getUi(env: ServiceEnv) {
  if (env.execution.spec.kind === "trigger") {
    throw new PlatformError("Cannot call SpreadsheetApp.getUi() from this context.");
  }
  return createUi(env);
}
