/**
 * The listing's artwork as SVG, drawn here: the app icon (three QR finder squares and a
 * rising line of scans) and the card banner (the icon, the name and one line). Rendered by
 * resvg with the bundled DejaVu fonts only, so the same SVG gives the same PNG bytes on every
 * machine.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { ADDON_NAME } from "../../src/shared/addon-menu.ts";

const NAVY = "#1f3b63";
const WHITE = "#ffffff";
const GREEN = "#4cd68a";
const FONT_FAMILY = "DejaVu Sans";
const fontDir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = [join(fontDir, "DejaVuSans.ttf"), join(fontDir, "DejaVuSans-Bold.ttf")];

/** One QR finder square (7 modules: a ring, a gap, a 3-module centre) at (x, y), 36 units wide. */
function finder(x: number, y: number): string {
  return [
    `<rect x="${x}" y="${y}" width="36" height="36" rx="5" fill="${WHITE}"/>`,
    `<rect x="${x + 6}" y="${y + 6}" width="24" height="24" rx="2" fill="${NAVY}"/>`,
    `<rect x="${x + 11}" y="${y + 11}" width="14" height="14" rx="2" fill="${WHITE}"/>`,
  ].join("");
}

/** The icon's drawing on a 128-unit square, without the <svg> element. */
function iconShapes(): string {
  return [
    `<rect width="128" height="128" rx="26" fill="${NAVY}"/>`,
    finder(16, 16),
    finder(76, 16),
    finder(16, 76),
    // Where the fourth finder would be: scans going up.
    `<polyline points="74,110 88,94 99,101 114,80" fill="none" stroke="${GREEN}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>`,
  ].join("");
}

export function iconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${ADDON_NAME}"><title>${ADDON_NAME}</title>${iconShapes()}</svg>`;
}

/** The Marketplace card banner: the icon, the add-on's name and what it does. */
export function bannerSvg(width: number, height: number): string {
  const icon = 64;
  const top = (height - icon) / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#f4f7fb"/>`,
    `<g transform="translate(18 ${top}) scale(${icon / 128})">${iconShapes()}</g>`,
    `<text x="96" y="${height / 2 - 4}" font-family="${FONT_FAMILY}" font-weight="bold" font-size="24" fill="${NAVY}">${ADDON_NAME}</text>`,
    `<text x="97" y="${height / 2 + 16}" font-family="${FONT_FAMILY}" font-size="11" fill="#3c4858">QR scans in Sheets</text>`,
    "</svg>",
  ].join("");
}

/** An SVG as a PNG of exactly width × height pixels. */
export function renderPng(svg: string, width: number, height: number): Buffer {
  const rendered = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "width", value: width },
  }).render();
  if (rendered.width !== width || rendered.height !== height) {
    throw new Error(`Rendered ${rendered.width}×${rendered.height}, not ${width}×${height}`);
  }
  return rendered.asPng();
}
