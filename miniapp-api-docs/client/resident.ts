// Residents' requests and the public board (#13 §2, §3): following one's own requests (我的诉求), adding information,
// withdrawing, rating; revisits (回访) after low ratings for staff; the public board (政务公开) without login.
import type { components } from './api-types';
import { CursorPage, GridGovClient, GridGovError, headerValue } from './gridgov';

type Schemas = components['schemas'];

/** One's own request: status, flow, expectedBy (+08:00), the handling organisation's name; never a staff phone. */
export type OwnRequest = Schemas['ResidentOwnRequest'];
export type OwnRequestStep = Schemas['ResidentOwnRequestStep'];
/** A revisit task opened by a rating of 1 or 2 stars. */
export type Revisit = Schemas['ResidentRevisit'];
export type RevisitOutcome = Schemas['ResidentRevisitRecord']['outcome'];
/** An incident on the public board: no names, phones or openids; the compound's point, not the reported one. */
export type PublicIncident = Schemas['ResidentPublicIncident'];
export type PublicStats = Schemas['ResidentPublicStats'];

export interface PageQuery {
  cursor?: string | null;
  limit?: number;
}

/** GET /api/v1/me/requests: the caller's requests, newest first. */
export async function myRequests(client: GridGovClient, query: PageQuery = {}): Promise<CursorPage<OwnRequest>> {
  const answer = await client.request<CursorPage<OwnRequest>>({
    method: 'GET', path: '/api/v1/me/requests', query: { cursor: query.cursor, limit: query.limit },
  });
  return answer.data;
}

/** GET /api/v1/me/requests/{id}: one of the caller's requests (someone else's: GridGovError INCIDENT_NOT_FOUND). */
export async function myRequest(client: GridGovClient, id: number): Promise<OwnRequest> {
  return (await client.request<OwnRequest>({ method: 'GET', path: `/api/v1/me/requests/${id}` })).data;
}

/**
 * POST /api/v1/me/requests/{id}/additions: text and/or photos (ids from uploadPhoto) added to an open request; the
 * handler is notified. Errors: INFO_REQUIRED (400), REQUEST_ENDED (409, closed or withdrawn), INCIDENT_NOT_FOUND.
 */
export async function addRequestInfo(client: GridGovClient, id: number,
                                     addition: { comment?: string; mediaIds?: string[] }): Promise<OwnRequest> {
  return (await client.request<OwnRequest>({
    method: 'POST', path: `/api/v1/me/requests/${id}/additions`, body: addition,
  })).data;
}

/** POST /api/v1/me/requests/{id}/withdrawal: withdraws an open request (REQUEST_ENDED once it has ended). */
export async function withdrawRequest(client: GridGovClient, id: number, reason?: string): Promise<OwnRequest> {
  return (await client.request<OwnRequest>({
    method: 'POST', path: `/api/v1/me/requests/${id}/withdrawal`, body: { reason },
  })).data;
}

/**
 * Rates a closed request, 1 to 5 stars, once, within the county's window after closing (7 days by default): the
 * RATE step of POST /api/v1/incidents/{id}/transitions. Errors: ALREADY_RATED, RATING_WINDOW_OVER (409). Without a
 * version, from the resident's own requests: rateMyRequest in moderation.ts (the same step).
 */
export async function rateRequest(client: GridGovClient, id: number, version: number, stars: number,
                                  comment?: string): Promise<void> {
  await client.request<unknown>({
    method: 'POST', path: `/api/v1/incidents/${id}/transitions`,
    body: { action: 'RATE', version, rating: stars, comment },
  });
}

/** GET /api/v1/revisits (staff): revisit tasks in the caller's scope, OPEN or DONE. */
export async function revisits(client: GridGovClient,
                               query: PageQuery & { status?: 'OPEN' | 'DONE' } = {}): Promise<CursorPage<Revisit>> {
  return (await client.request<CursorPage<Revisit>>({
    method: 'GET', path: '/api/v1/revisits',
    query: { status: query.status, cursor: query.cursor, limit: query.limit },
  })).data;
}

/** POST /api/v1/revisits/{id}/record (staff): the outcome, once; reopen sends the incident back to be handled. */
export async function recordRevisit(client: GridGovClient, id: number,
                                    record: { outcome: RevisitOutcome; note?: string; reopen?: boolean }): Promise<Revisit> {
  return (await client.request<Revisit>({ method: 'POST', path: `/api/v1/revisits/${id}/record`, body: record })).data;
}

/** A cacheable public answer: the data, or notModified when the ETag passed still holds. */
export interface Cached<T> {
  notModified: boolean;
  data: T | null;
  etag: string | undefined;
}

export interface PublicIncidentQuery extends PageQuery {
  townId?: number;
  communityId?: number;
  categoryCode?: string;
  status?: string[];
  /** ISO-8601 with offset: reported at or after. */
  from?: string;
  /** ISO-8601 with offset: reported before. */
  to?: string;
  coordType?: 'gcj02' | 'wgs84';
}

async function cached<T>(client: GridGovClient, path: string, query: Record<string, string | number | string[] | undefined | null>,
                         etag?: string): Promise<Cached<T>> {
  const headers: Record<string, string> = {};
  if (etag) {
    headers['If-None-Match'] = etag;
  }
  try {
    const answer = await client.request<T>({ method: 'GET', path, query, headers, auth: false });
    return { notModified: false, data: answer.data, etag: headerValue(answer.headers, 'ETag') };
  } catch (e) {
    if (e instanceof GridGovError && e.status === 304) {
      return { notModified: true, data: null, etag };
    }
    throw e;
  }
}

/** GET /api/v1/public/incidents (no login): pass the ETag of the page you hold to get notModified. 429 when too often. */
export function publicIncidents(client: GridGovClient, query: PublicIncidentQuery = {},
                                etag?: string): Promise<Cached<CursorPage<PublicIncident>>> {
  return cached(client, '/api/v1/public/incidents', {
    townId: query.townId, communityId: query.communityId, categoryCode: query.categoryCode, status: query.status,
    from: query.from, to: query.to, coordType: query.coordType, cursor: query.cursor, limit: query.limit,
  }, etag);
}

/** GET /api/v1/public/stats (no login): totals per town and community. */
export function publicStats(client: GridGovClient, query: { townId?: number; from?: string; to?: string } = {},
                            etag?: string): Promise<Cached<PublicStats>> {
  return cached(client, '/api/v1/public/stats', { townId: query.townId, from: query.from, to: query.to }, etag);
}
