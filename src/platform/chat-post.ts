/**
 * What a post to a chat webhook came to, and whether its failure may pass by itself (a rate
 * limit, a server error, the network, the day's fetch quota): callers decide by `retry`,
 * never by the wording of `outcome.why`.
 */
import type { ChatKind, SlackOutcome } from "../shared/settings.ts";

export interface ChatPost {
  outcome: SlackOutcome;
  retry: boolean;
}

export const posted = (chat: ChatKind): ChatPost => ({ outcome: { status: "posted", chat }, retry: false });

export const failedPost = (chat: ChatKind, why: string, retry: boolean): ChatPost => ({
  outcome: { status: "failed", chat, why },
  retry,
});

/** Statuses whose failure may pass by itself: a rate limit and server errors. */
export const passesByItself = (status: number): boolean => status === 429 || status >= 500;
