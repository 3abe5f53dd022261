/**
 * Apps Script's exception texts come in the user's language. With `locale: "ja"` the
 * emulator throws the messages the add-on can meet in Japanese, keeping what the platform
 * leaves untranslated: service tokens (`urlfetch`), method names, URLs, scopes and numbers.
 * The Japanese wording is ours (modelled on the platform's), not verbatim; a message with
 * no entry here stays English.
 */
export type Locale = "en" | "ja";

type Translation = [RegExp, (...parts: string[]) => string];

const JAPANESE: Translation[] = [
  [
    /^You do not have permission to call (\S+?)\. Required permissions: (.+)$/,
    (name, scopes) => `${name} を呼び出す権限がありません。必要な権限: ${scopes}`,
  ],
  [/^You do not have permission to call (\S+)$/, (name) => `${name} を呼び出す権限がありません。`],
  [/^Authorization is required to perform that action\.$/, () => "この操作を行うには承認が必要です。"],
  [
    /^Service invoked too many times for one day: (\w+)\.$/,
    (service) => `1 日にサービスを呼び出した回数が多すぎます: ${service}`,
  ],
  [
    /^Lock timeout: another process was holding the lock for too long\.$/,
    () => "ロックのタイムアウト: 別のプロセスがロックを長時間保持していました。",
  ],
  [
    /^You have exceeded the property storage quota\. Please remove some properties and try again\.$/,
    () => "プロパティの保存容量の上限を超えました。一部のプロパティを削除してから、もう一度お試しください。",
  ],
  [/^Argument too large: (\w+)$/, (what) => `引数が大きすぎます: ${what}`],
  [/^Invalid argument: (.+)$/, (what) => `引数が無効です: ${what}`],
  [/^DNS error: (.+)$/, (url) => `DNS エラー: ${url}`],
  [/^Address unavailable: (.+)$/, (url) => `アドレスを利用できません: ${url}`],
  [/^Timeout: (.+)$/, (url) => `タイムアウト: ${url}`],
  [
    /^Request failed for (\S+) returned code (\d+)\. Truncated server response: ([\s\S]*) \(use muteHttpExceptions option to examine full response\)$/,
    (origin, code, body) =>
      `${origin} のリクエストに失敗しました（エラー: ${code}）。省略されたサーバー応答: ${body}（完全な応答を確認するには muteHttpExceptions オプションを使用してください）`,
  ],
  [/^Exceeded maximum execution time$/, () => "実行時間の上限を超えました"],
  [
    /^This action would increase the number of cells in the workbook above the limit of (\d+) cells\.$/,
    (limit) => `この操作を行うと、ブックのセル数が上限の ${limit} セルを超えます。`,
  ],
  [
    /^The coordinates of the range are outside the dimensions of the sheet\.$/,
    () => "範囲の座標がシートのサイズ外です。",
  ],
  [
    /^Cannot call SpreadsheetApp\.getUi\(\) from this context\.$/,
    () => "このコンテキストから SpreadsheetApp.getUi() を呼び出すことはできません。",
  ],
  [
    /^This script has too many triggers\. Triggers must be deleted from the script before more can be added\.$/,
    () =>
      "このスクリプトのトリガーが多すぎます。トリガーを追加するには、先にスクリプトからトリガーを削除してください。",
  ],
  [
    /^This add-on has created too many (.+) triggers in this document for this Google user account\.$/,
    (type) =>
      `このアドオンは、この Google ユーザー アカウントでこのドキュメントに作成した ${type} トリガーが多すぎます。`,
  ],
];

/** The platform's text for `message` in `locale`. */
export function localized(message: string, locale: Locale): string {
  if (locale === "en") return message;
  for (const [pattern, translate] of JAPANESE) {
    const match = pattern.exec(message);
    if (match) return translate(...match.slice(1));
  }
  return message;
}
