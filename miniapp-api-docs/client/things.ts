// Facilities (部件) and patrols (巡查): GET /api/v1/facilities…, POST /api/v1/patrols… for a GridGovClient.
// Positions go out in GCJ-02 by default (what wx.getLocation gives) and come back in the coordType asked for.
import type { components } from './api-types';
import { CoordType, CursorPage, GridGovClient, IncidentView, ReportRequest, newIdempotencyKey } from './gridgov';

type Schemas = components['schemas'];

export type FacilityView = Schemas['FacilityView'];
export type FacilityNearby = Schemas['FacilityNearby'];
export type FacilityRequest = Schemas['FacilityRequest'];
export type FacilityState = 'NORMAL' | 'DAMAGED' | 'UNDER_REPAIR' | 'REMOVED';
export type FacilityImportResult = Schemas['FacilityImportResult'];
export type PatrolView = Schemas['PatrolView'];
export type PatrolPointsResult = Schemas['PatrolPointsResult'];

/** One position of a patrol: where (in the batch's coordType) and when (ISO-8601 or epoch ms). */
export interface PatrolFix {
  lng: number;
  lat: number;
  at: string | number;
}

/** The server keeps at most one point per 10 s; one batch holds at most 500 points. */
export const PATROL_MIN_INTERVAL_MS = 10_000;
export const PATROL_MAX_BATCH = 500;

/** GET /api/v1/facilities/nearby: facilities within 20 m of the point, nearest first (to suggest in a report form). */
export function nearbyFacilities(client: GridGovClient, lng: number, lat: number,
                                 coordType: CoordType = 'gcj02'): Promise<FacilityNearby[]> {
  return client.get<FacilityNearby[]>('/api/v1/facilities/nearby', { lon: lng, lat, coordType });
}

/** GET /api/v1/facilities (staff): facilities in the caller's scope, newest first. */
export function facilities(client: GridGovClient, query: {
  regionId?: number; state?: FacilityState; categoryCode?: string; cursor?: string; limit?: number;
  coordType?: CoordType;
} = {}): Promise<CursorPage<FacilityView>> {
  return client.get<CursorPage<FacilityView>>('/api/v1/facilities', query);
}

/** GET /api/v1/facilities/{id} (staff; another community's facility: GridGovError 404 FACILITY_NOT_FOUND). */
export function facility(client: GridGovClient, id: number, coordType: CoordType = 'gcj02'): Promise<FacilityView> {
  return client.get<FacilityView>(`/api/v1/facilities/${id}`, { coordType });
}

/** POST /api/v1/facilities (staff in scope). */
export function createFacility(client: GridGovClient, request: FacilityRequest,
                               coordType: CoordType = 'gcj02'): Promise<FacilityView> {
  return client.post<FacilityView>('/api/v1/facilities', request, true, { coordType });
}

/** PUT /api/v1/facilities/{id} with the version read (409 STALE_VERSION when someone else changed it). */
export function updateFacility(client: GridGovClient, id: number, request: FacilityRequest & { version: number },
                               coordType: CoordType = 'gcj02'): Promise<FacilityView> {
  return client.request<FacilityView>({ method: 'PUT', path: `/api/v1/facilities/${id}`, body: request,
    query: { coordType } }).then(r => r.data);
}

/**
 * POST /api/v1/facilities/import: a GeoJSON FeatureCollection (object) or CSV text; all or nothing. A refused file
 * is GridGovError 422 FACILITY_IMPORT_REJECTED whose problem lists `rows` ({row, code, field, reason}).
 */
export function importFacilities(client: GridGovClient, file: object | string,
                                 coordType: CoordType = 'wgs84'): Promise<FacilityImportResult> {
  const csv = typeof file === 'string';
  return client.request<FacilityImportResult>({
    method: 'POST', path: '/api/v1/facilities/import', body: file, query: { coordType },
    headers: { 'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/geo+json' },
  }).then(r => r.data);
}

/** GET /api/v1/facilities/{id}/incidents: the incidents that named the facility, newest first. */
export function facilityIncidents(client: GridGovClient, id: number,
                                  query: { cursor?: string; limit?: number; coordType?: CoordType } = {}):
  Promise<CursorPage<IncidentView>> {
  return client.get<CursorPage<IncidentView>>(`/api/v1/facilities/${id}/incidents`, query);
}

/** POST /api/v1/patrols: starts the caller's patrol on their grid (409 PATROL_ALREADY_ACTIVE when one is under way). */
export function startPatrol(client: GridGovClient): Promise<PatrolView> {
  return client.post<PatrolView>('/api/v1/patrols', undefined);
}

/**
 * Thins fixes to what the server keeps (at least 10 s apart, in time order), so fewer bytes go over the air;
 * the server applies the same rule and counts what it drops.
 */
export function thinFixes(fixes: PatrolFix[], lastSentAt: number | null = null): PatrolFix[] {
  const ordered = fixes.map(f => ({ f, t: typeof f.at === 'number' ? f.at : Date.parse(f.at) }))
    .sort((a, b) => a.t - b.t);
  const out: PatrolFix[] = [];
  let last = lastSentAt;
  for (const { f, t } of ordered) {
    if (last === null || t - last >= PATROL_MIN_INTERVAL_MS) {
      out.push(f);
      last = t;
    }
  }
  return out;
}

/**
 * POST /api/v1/patrols/{id}/points in batches of at most 500: answers the last batch's result (its running totals
 * cover every batch). Sending a batch again is harmless: its points are dropped as too close to those kept.
 */
export async function sendPatrolPoints(client: GridGovClient, id: number, fixes: PatrolFix[],
                                       coordType: CoordType = 'gcj02'): Promise<PatrolPointsResult | null> {
  let result: PatrolPointsResult | null = null;
  for (let from = 0; from < fixes.length; from += PATROL_MAX_BATCH) {
    const points = fixes.slice(from, from + PATROL_MAX_BATCH).map(f => ({
      lng: f.lng, lat: f.lat, at: typeof f.at === 'number' ? new Date(f.at).toISOString() : f.at,
    }));
    result = await client.post<PatrolPointsResult>(`/api/v1/patrols/${id}/points`, { coordType, points });
  }
  return result;
}

/** POST /api/v1/patrols/{id}/findings: a finding reported as an incident of source PATROL (Idempotency-Key kept on retries). */
export async function reportPatrolFinding(client: GridGovClient, id: number, request: ReportRequest,
                                          key: string = newIdempotencyKey(), coordType: CoordType = 'gcj02'):
  Promise<{ incident: IncidentView; created: boolean }> {
  const res = await client.request<IncidentView>({
    method: 'POST', path: `/api/v1/patrols/${id}/findings`, body: request, query: { coordType },
    headers: { 'Idempotency-Key': key },
  });
  return { incident: res.data, created: res.status === 201 };
}

/** POST /api/v1/patrols/{id}/finish: stores the track, length, duration and grid coverage. */
export function finishPatrol(client: GridGovClient, id: number, coordType: CoordType = 'gcj02'): Promise<PatrolView> {
  return client.post<PatrolView>(`/api/v1/patrols/${id}/finish`, undefined, true, { coordType });
}

/** GET /api/v1/patrols/{id}: the patrol with its track and flagged jumps. */
export function patrol(client: GridGovClient, id: number, coordType: CoordType = 'gcj02'): Promise<PatrolView> {
  return client.get<PatrolView>(`/api/v1/patrols/${id}`, { coordType });
}

/** GET /api/v1/patrols: the caller's patrols and those in their scope, newest first (no tracks). */
export function patrols(client: GridGovClient, query: { cursor?: string; limit?: number } = {}):
  Promise<CursorPage<PatrolView>> {
  return client.get<CursorPage<PatrolView>>('/api/v1/patrols', query);
}
