// Content safety (#13 §4): a resident's rating from their own requests, and moderators' flags and decisions.
// Residents' text is checked by WeChat on the server: risky text answers 422 CONTENT_RISKY (nothing stored), a muted
// resident 403 USER_MUTED with mutedUntil (+08:00). Photos are checked asynchronously: a hidden one answers 410.
import type { components } from './api-types';
import { CursorPage, GridGovClient, GridGovError } from './gridgov';
import type { OwnRequest } from './resident';

type Schemas = components['schemas'];

/** A flagged request text, addition, rating comment or photo in the moderator's subtree. */
export type ModerationFlag = Schemas['ModerationFlag'];
export type ModerationDecision = Schemas['ModerationDecision']['decision'];
export type FlagStatus = ModerationFlag['status'];

/**
 * POST /api/v1/me/requests/{id}/rating: 1 to 5 stars and an optional comment on a closed request, once, within the
 * county's window — the same RATE step as the transitions endpoint, without a version. Errors: ALREADY_RATED,
 * RATING_WINDOW_OVER, ACTION_NOT_ALLOWED (409), INCIDENT_NOT_FOUND (404), CONTENT_RISKY (422), USER_MUTED (403).
 */
export async function rateMyRequest(client: GridGovClient, id: number, stars: number,
                                    comment?: string): Promise<OwnRequest> {
  return (await client.request<OwnRequest>({
    method: 'POST', path: `/api/v1/me/requests/${id}/rating`, body: { stars, comment },
  })).data;
}

/** GET /api/v1/moderation/flags (community admins and above): flags in the caller's scope, newest first. */
export async function moderationFlags(client: GridGovClient,
                                      query: { status?: FlagStatus; cursor?: string | null; limit?: number } = {}):
  Promise<CursorPage<ModerationFlag>> {
  return (await client.request<CursorPage<ModerationFlag>>({
    method: 'GET', path: '/api/v1/moderation/flags',
    query: { status: query.status, cursor: query.cursor, limit: query.limit },
  })).data;
}

/**
 * POST /api/v1/moderation/flags/{id}/decision: SHOW, HIDE or HIDE_AND_WARN (muteHours only with the last).
 * Errors: MODERATION_FLAG_NOT_FOUND (404, also another community's), FLAG_DECIDED (409), MUTE_INVALID (400).
 */
export async function decideFlag(client: GridGovClient, id: number, decision: ModerationDecision,
                                 options: { note?: string; muteHours?: number } = {}): Promise<ModerationFlag> {
  return (await client.request<ModerationFlag>({
    method: 'POST', path: `/api/v1/moderation/flags/${id}/decision`,
    body: { decision, note: options.note, muteHours: options.muteHours },
  })).data;
}

/** Whether an error is the refusal of risky text (show its Chinese message and let the user edit). */
export function isContentRisky(e: unknown): e is GridGovError {
  return e instanceof GridGovError && e.code === 'CONTENT_RISKY';
}

/** Until when (ISO-8601, +08:00) the user is muted, when the error is USER_MUTED; otherwise null. */
export function mutedUntil(e: unknown): string | null {
  if (!(e instanceof GridGovError) || e.code !== 'USER_MUTED') {
    return null;
  }
  const until = e.problem?.mutedUntil;
  return typeof until === 'string' ? until : null;
}
