// Key-group visits (重点人群走访): GET /api/v1/visits/due…, POST /api/v1/visits… for a GridGovClient.
// Positions go out in GCJ-02 by default (what wx.getLocation gives) and come back in the coordType asked for.
import type { components } from './api-types';
import { CoordType, CursorPage, GridGovClient, IncidentView } from './gridgov';

type Schemas = components['schemas'];

export type VisitDue = Schemas['VisitDue'];
export type VisitView = Schemas['VisitView'];
export type VisitRequest = Schemas['VisitRequest'];
export type VisitRule = Schemas['VisitRule'];
export type VisitFollowUpRequest = Schemas['VisitFollowUpRequest'];
export type VisitMode = 'HOME' | 'PHONE' | 'VIDEO';
export type KeyGroupKind = 'ELDERLY_ALONE' | 'DISABLED' | 'LOW_INCOME' | 'LEFT_BEHIND_CHILD';

/** The Chinese names of the modes and kinds, as the server gives them in modeName and kindName. */
export const VISIT_MODE_NAMES: Record<VisitMode, string> = { HOME: '上门', PHONE: '电话', VIDEO: '视频' };
export const KEY_GROUP_NAMES: Record<KeyGroupKind, string> = {
  ELDERLY_ALONE: '独居老人', DISABLED: '残疾人', LOW_INCOME: '低保户', LEFT_BEHIND_CHILD: '留守儿童',
};

/**
 * GET /api/v1/visits/due: households with key-group people in the caller's scope, most overdue first
 * (withinDays: only those due within that many days from today; 0: due today or overdue).
 */
export function visitsDue(client: GridGovClient, query: { cursor?: string; limit?: number; withinDays?: number } = {}):
  Promise<CursorPage<VisitDue>> {
  return client.get<CursorPage<VisitDue>>('/api/v1/visits/due', query);
}

/** GET /api/v1/visits/due/{householdId} (outside the caller's scope or in no key group: GridGovError 404). */
export function visitDueOfHousehold(client: GridGovClient, householdId: number): Promise<VisitDue> {
  return client.get<VisitDue>(`/api/v1/visits/due/${householdId}`);
}

/**
 * POST /api/v1/visits: records a visit (a home visit needs its location; a position far from the building is
 * accepted and answered with farFromBuilding true). Photos are uploaded first (mediaIds).
 */
export function recordVisit(client: GridGovClient, request: VisitRequest, coordType: CoordType = 'gcj02'):
  Promise<VisitView> {
  return client.post<VisitView>('/api/v1/visits', request, true, { coordType });
}

/** GET /api/v1/visits?householdId=: a household's visits, newest first. */
export function householdVisits(client: GridGovClient, householdId: number,
                                query: { cursor?: string; limit?: number; coordType?: CoordType } = {}):
  Promise<CursorPage<VisitView>> {
  return client.get<CursorPage<VisitView>>('/api/v1/visits', { householdId, ...query });
}

/** GET /api/v1/visits/{id}. */
export function visit(client: GridGovClient, id: number, coordType: CoordType = 'gcj02'): Promise<VisitView> {
  return client.get<VisitView>(`/api/v1/visits/${id}`, { coordType });
}

/**
 * POST /api/v1/visits/{id}/incident: the visit's follow-up becomes an incident of source VISIT, once; asking again
 * answers the same incident (created false).
 */
export async function visitFollowUpIncident(client: GridGovClient, id: number, request: VisitFollowUpRequest,
                                            coordType: CoordType = 'gcj02'):
  Promise<{ incident: IncidentView; created: boolean }> {
  const res = await client.request<IncidentView>({
    method: 'POST', path: `/api/v1/visits/${id}/incident`, body: request, query: { coordType },
  });
  return { incident: res.data, created: res.status === 201 };
}

/** GET /api/v1/visits/rules: the caller's county's interval per kind. */
export function visitRules(client: GridGovClient): Promise<VisitRule[]> {
  return client.get<VisitRule[]>('/api/v1/visits/rules');
}

/** PUT /api/v1/visits/rules/{kind} (county admins): answers every kind's interval afterwards. */
export function setVisitRule(client: GridGovClient, kind: KeyGroupKind, intervalDays: number): Promise<VisitRule[]> {
  return client.request<VisitRule[]>({ method: 'PUT', path: `/api/v1/visits/rules/${kind}`, body: { intervalDays } })
    .then(r => r.data);
}

/** How a due entry reads in a list: "超期 3 天", "今天到期", "还剩 4 天". */
export function dueLabel(due: Pick<VisitDue, 'overdueDays'>): string {
  if (due.overdueDays > 0) {
    return `超期 ${due.overdueDays} 天`;
  }
  return due.overdueDays === 0 ? '今天到期' : `还剩 ${-due.overdueDays} 天`;
}
