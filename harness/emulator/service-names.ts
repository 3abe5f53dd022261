/** The services this emulator implements, as globals of every execution. */
export const SERVICE_GLOBALS = [
  "SpreadsheetApp",
  "PropertiesService",
  "CacheService",
  "LockService",
  "UrlFetchApp",
  "Utilities",
  "ScriptApp",
  "Session",
  "HtmlService",
  "Logger",
] as const;
