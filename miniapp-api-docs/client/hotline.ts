// 12345 hotline clients (/api/v1/integrations/hotline/clients): county admins issue, list and revoke the credentials
// hotline platforms push work orders with (POST /api/v1/integrations/hotline/orders, header X-Api-Key; see the guide's
// "12345 工单对接" section). Staff back office only: the platforms themselves call the order endpoints server to server.
import type { components } from './api-types';
import { GridGovClient } from './gridgov';

type Schemas = components['schemas'];
/** What to issue: the platform's name, the node its orders must lie in, and its callback URL (optional). */
export type HotlineClientCreate = Schemas['HotlineClientCreate'];
/** An issued client as listed: never the key itself, only its first 8 characters (keyHint). */
export type HotlineClientView = Schemas['HotlineClientView'];
/** A client just issued: `apiKey` is shown this once only (the server keeps its SHA-256). */
export type HotlineClientIssued = Schemas['HotlineClientIssued'];
/** A work order as the platform sees it (what a push and a poll answer). */
export type HotlineOrderView = Schemas['HotlineOrderView'];

/** The header the platforms send their key in. */
export const HOTLINE_API_KEY_HEADER = 'X-Api-Key';

/**
 * What GridGov POSTs to a platform's callback URL on each change of an order's incident; the same `eventId` also comes
 * as the Idempotency-Key header and repeats on retries, so the platform drops what it has already seen.
 */
export interface HotlineCallback {
  eventId: string;
  orderNo: string;
  incidentId: number;
  action: string;
  fromStatus: string | null;
  status: string | null;
  statusName: string | null;
  comment: string | null;
  at: string;
}

/**
 * Issue a client bound to a node of the caller's scope (county admins). Errors: 404 REGION_NOT_FOUND outside the
 * scope, 400 VALIDATION_FAILED for an empty or long name, 400 HOTLINE_BAD_CALLBACK_URL, 403 for other roles.
 */
export function issueHotlineClient(client: GridGovClient, create: HotlineClientCreate): Promise<HotlineClientIssued> {
  return client.request<HotlineClientIssued>({ method: 'POST', path: '/api/v1/integrations/hotline/clients', body: create })
    .then(r => r.data);
}

/** The clients issued in the caller's scope, newest first. */
export function hotlineClients(client: GridGovClient): Promise<HotlineClientView[]> {
  return client.request<HotlineClientView[]>({ method: 'GET', path: '/api/v1/integrations/hotline/clients' })
    .then(r => r.data);
}

/** Revoke a client's key (repeating it answers 204 too); 404 HOTLINE_CLIENT_NOT_FOUND outside the caller's scope. */
export function revokeHotlineClient(client: GridGovClient, id: number): Promise<void> {
  return client.request<unknown>({
    method: 'DELETE', path: `/api/v1/integrations/hotline/clients/${encodeURIComponent(String(id))}`,
  }).then(() => undefined);
}
