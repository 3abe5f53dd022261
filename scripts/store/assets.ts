/**
 * What the Google Workspace Marketplace listing asks for, and where `npm run store` puts it
 * (store/README.md lists the same, for the publisher).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const STORE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../store");

/** Application icons: 128 and 32 are required; 96 and 48 are asked for by some forms. */
export const ICON_SIZES = [128, 96, 48, 32] as const;
export const iconFile = (size: number) => `icon-${size}.png`;

/** The application card banner. */
export const BANNER = { file: "card-banner-220x140.png", width: 220, height: 140 } as const;

/** Screenshots: 1280 × 800. */
export const SCREENSHOT_SIZE = { width: 1280, height: 800 } as const;
