// Open311 API keys (/api/v1/open311/keys): county admins issue, list and revoke the keys other systems use to call
// the GeoReport v2 interface at /open311/v2 (see the guide's "Open311 GeoReport v2" section). Staff back office only.
import type { components } from './api-types';
import { GridGovClient } from './gridgov';

type Schemas = components['schemas'];
/** What to issue: the other system's name and the node its requests must lie in. */
export type Open311KeyCreate = Schemas['Open311KeyCreate'];
/** An issued key as listed: never the key itself, only its first 8 characters (keyHint). */
export type Open311KeyView = Schemas['Open311KeyView'];
/** A key just issued: `apiKey` is shown this once only (the server keeps its SHA-256). */
export type Open311KeyIssued = Schemas['Open311KeyIssued'];

/** The Open311 base path other systems call, with the key as the standard's api_key parameter. */
export const OPEN311_BASE = '/open311/v2';

/**
 * Issue a key bound to a node of the caller's scope (county admins). Errors: 404 REGION_NOT_FOUND outside the scope,
 * 400 VALIDATION_FAILED for an empty or long name, 403 for other roles.
 */
export function issueOpen311Key(client: GridGovClient, create: Open311KeyCreate): Promise<Open311KeyIssued> {
  return client.request<Open311KeyIssued>({ method: 'POST', path: '/api/v1/open311/keys', body: create })
    .then(r => r.data);
}

/** The keys issued in the caller's scope, newest first. */
export function open311Keys(client: GridGovClient): Promise<Open311KeyView[]> {
  return client.request<Open311KeyView[]>({ method: 'GET', path: '/api/v1/open311/keys' }).then(r => r.data);
}

/** Revoke a key (repeating it answers 204 too); 404 OPEN311KEY_NOT_FOUND when it is not in the caller's scope. */
export function revokeOpen311Key(client: GridGovClient, id: number): Promise<void> {
  return client.request<unknown>({ method: 'DELETE', path: `/api/v1/open311/keys/${encodeURIComponent(String(id))}` })
    .then(() => undefined);
}

/** The URL of a GeoReport v2 call for another system (format json or xml), e.g. open311Url(base, 'requests', 'json'). */
export function open311Url(baseUrl: string, resource: string, format: 'json' | 'xml' = 'json',
                           query: Record<string, string | number | undefined> = {}): string {
  const params = Object.entries(query).filter(([, v]) => v !== undefined)
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(String(v)));
  return baseUrl.replace(/\/+$/, '') + OPEN311_BASE + '/' + resource.replace(/^\/+/, '') + '.' + format
    + (params.length ? '?' + params.join('&') : '');
}
