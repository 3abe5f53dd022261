/**
 * What Slack's mrkdwn makes of a message's text: the links and mentions its angle-bracket
 * control sequences form. Slack shows `&lt;` as `<` but never reads an escaped bracket as
 * the start of a sequence, which is why escaping &, < and > is enough.
 */
export interface SlackFormatting {
  /** Link targets, from `<url|label>` and `<url>`. */
  links: string[];
  /** Mentions and broadcasts: `<!here>`, `<!channel>`, `<@U…>`, `<#C…>`, `<!subteam^…>`. */
  mentions: string[];
}

export function slackFormattingOf(text: string): SlackFormatting {
  const links: string[] = [];
  const mentions: string[] = [];
  for (const [, inside] of text.matchAll(/<([^<>]+)>/g)) {
    const target = inside!.split("|")[0]!.trim();
    if (/^[!@#]/.test(target)) mentions.push(target);
    else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push(target);
  }
  return { links, mentions };
}
