// Volunteers, tasks and points (志愿者、任务与积分): /api/v1/volunteers…, /api/v1/volunteer-tasks…,
// /api/v1/volunteer-claims…, /api/v1/volunteer-points…, /api/v1/volunteer-rewards…, /api/v1/volunteer-leaderboard
// for a GridGovClient. Residents and Party members use the same login; phones always come back masked.
import type { components } from './api-types';
import { CoordType, CursorPage, GridGovClient } from './gridgov';

type Schemas = components['schemas'];

export type VolunteerView = Schemas['VolunteerView'];
export type VolunteerRegistration = Schemas['VolunteerRegistration'];
export type VolunteerTaskView = Schemas['VolunteerTaskView'];
export type VolunteerClaimView = Schemas['VolunteerClaimView'];
export type NewVolunteerTask = Schemas['VolunteerTaskRequest'];
export type VolunteerPointsView = Schemas['VolunteerPointsView'];
export type VolunteerLedgerEntry = Schemas['VolunteerLedgerEntry'];
export type VolunteerRewardView = Schemas['VolunteerRewardView'];
export type VolunteerRedemptionView = Schemas['VolunteerRedemptionView'];
export type VolunteerLeaderboard = Schemas['VolunteerLeaderboard'];
export type TaskStatus = 'OPEN' | 'CANCELLED';

/** At most this many photos go with one completion report. */
export const MAX_REPORT_PHOTOS = 9;

/**
 * POST /api/v1/volunteers/me: registers the logged-in user as a volunteer of a community; `phoneCode` is the code of
 * the phone-number button (open-type="getPhoneNumber"). 409 ALREADY_A_VOLUNTEER when registered already.
 */
export function registerAsVolunteer(client: GridGovClient, request: VolunteerRegistration): Promise<VolunteerView> {
  return client.post<VolunteerView>('/api/v1/volunteers/me', request);
}

/** GET /api/v1/volunteers/me: the caller's volunteer record with balance (404 VOLUNTEER_NOT_FOUND when not registered). */
export function myVolunteer(client: GridGovClient): Promise<VolunteerView> {
  return client.get<VolunteerView>('/api/v1/volunteers/me');
}

/** PUT /api/v1/volunteers/me: replaces skills and available times, with the version read (409 STALE_VERSION). */
export function updateMyVolunteer(client: GridGovClient, change: {
  version: number; skills?: string[]; availableTimes?: string[];
}): Promise<VolunteerView> {
  return client.request<VolunteerView>({ method: 'PUT', path: '/api/v1/volunteers/me', body: change }).then(r => r.data);
}

/** GET /api/v1/volunteers (staff): volunteers of communities in scope, phones masked. */
export function volunteers(client: GridGovClient, query: {
  communityId?: number; skill?: string; cursor?: string; limit?: number;
} = {}): Promise<CursorPage<VolunteerView>> {
  return client.get<CursorPage<VolunteerView>>('/api/v1/volunteers', query);
}

/** GET /api/v1/volunteer-tasks: staff see their scope's tasks, a volunteer their community's; newest first. */
export function volunteerTasks(client: GridGovClient, query: {
  communityId?: number; status?: TaskStatus; cursor?: string; limit?: number; coordType?: CoordType;
} = {}): Promise<CursorPage<VolunteerTaskView>> {
  return client.get<CursorPage<VolunteerTaskView>>('/api/v1/volunteer-tasks', { coordType: 'gcj02', ...query });
}

/** GET /api/v1/volunteer-tasks/{id} (another community's task: GridGovError 404 VOLUNTEER_TASK_NOT_FOUND). */
export function volunteerTask(client: GridGovClient, id: number, coordType: CoordType = 'gcj02'): Promise<VolunteerTaskView> {
  return client.get<VolunteerTaskView>(`/api/v1/volunteer-tasks/${id}`, { coordType });
}

/** POST /api/v1/volunteer-tasks (admins): publishes a task, or makes one from an incident (`incidentId`). */
export function publishVolunteerTask(client: GridGovClient, task: NewVolunteerTask,
                                     coordType: CoordType = 'gcj02'): Promise<VolunteerTaskView> {
  return client.post<VolunteerTaskView>('/api/v1/volunteer-tasks', task, true, { coordType });
}

/** POST /api/v1/volunteer-tasks/{id}/cancel (admins): cancels with a reason; claimers get a subscribe message. */
export function cancelVolunteerTask(client: GridGovClient, id: number, version: number,
                                    reason: string): Promise<VolunteerTaskView> {
  return client.post<VolunteerTaskView>(`/api/v1/volunteer-tasks/${id}/cancel`, { version, reason });
}

/**
 * POST /api/v1/volunteer-tasks/{id}/claims: claims one place. GridGovError 409 TASK_FULL when the places are gone
 * (never more claims than needed, however many press at once), 409 ALREADY_CLAIMED, 409 TASK_CLOSED.
 */
export function claimVolunteerTask(client: GridGovClient, id: number): Promise<VolunteerClaimView> {
  return client.post<VolunteerClaimView>(`/api/v1/volunteer-tasks/${id}/claims`, undefined);
}

/**
 * POST /api/v1/volunteer-tasks/{id}/unit-claims: a co-building unit's linked contact claims one place for the unit
 * (its agreement with the task's community in force). Same place rule as a volunteer's; GridGovError 409
 * UNIT_ALREADY_CLAIMED when the unit has a claim on the task, 404 when the caller may not act for the unit there.
 */
export function claimVolunteerTaskForUnit(client: GridGovClient, id: number, unitId: number): Promise<VolunteerClaimView> {
  return client.post<VolunteerClaimView>(`/api/v1/volunteer-tasks/${id}/unit-claims`, { unitId });
}

/** GET /api/v1/volunteer-claims/units: the claims the caller made for their co-building units, newest first. */
export function myUnitVolunteerClaims(client: GridGovClient, query: { cursor?: string; limit?: number } = {}):
  Promise<CursorPage<VolunteerClaimView>> {
  return client.get<CursorPage<VolunteerClaimView>>('/api/v1/volunteer-claims/units', query);
}

/** GET /api/v1/volunteer-claims/mine: the caller's claims, newest first. */
export function myVolunteerClaims(client: GridGovClient, query: { cursor?: string; limit?: number } = {}):
  Promise<CursorPage<VolunteerClaimView>> {
  return client.get<CursorPage<VolunteerClaimView>>('/api/v1/volunteer-claims/mine', query);
}

/**
 * POST /api/v1/volunteer-claims/{id}/report: reports the part done with photos uploaded first (client.uploadPhoto),
 * 1 to 9 of them; refused here before any request when there are none or too many.
 */
export function reportVolunteerClaim(client: GridGovClient, id: number, mediaIds: string[],
                                     note?: string): Promise<VolunteerClaimView> {
  if (mediaIds.length === 0 || mediaIds.length > MAX_REPORT_PHOTOS) {
    return Promise.reject(new RangeError(`完成报告须附 1 到 ${MAX_REPORT_PHOTOS} 张照片`));
  }
  return client.post<VolunteerClaimView>(`/api/v1/volunteer-claims/${id}/report`,
    note === undefined ? { mediaIds } : { note, mediaIds });
}

/** POST /api/v1/volunteer-claims/{id}/confirm (admins): confirms and credits the points; again changes nothing. */
export function confirmVolunteerClaim(client: GridGovClient, id: number): Promise<VolunteerClaimView> {
  return client.post<VolunteerClaimView>(`/api/v1/volunteer-claims/${id}/confirm`, undefined);
}

/** GET /api/v1/volunteer-points/mine: balance, earned and the ledger, newest first. */
export function myVolunteerPoints(client: GridGovClient, query: { cursor?: string; limit?: number } = {}):
  Promise<VolunteerPointsView> {
  return client.get<VolunteerPointsView>('/api/v1/volunteer-points/mine', query);
}

/** GET /api/v1/volunteer-rewards: a volunteer sees their community's rewards in stock, staff those of their scope. */
export function volunteerRewards(client: GridGovClient, query: { communityId?: number; cursor?: string; limit?: number } = {}):
  Promise<CursorPage<VolunteerRewardView>> {
  return client.get<CursorPage<VolunteerRewardView>>('/api/v1/volunteer-rewards', query);
}

/** POST /api/v1/volunteer-rewards/{id}/redeem: 409 INSUFFICIENT_POINTS or OUT_OF_STOCK, and then nothing happened. */
export function redeemVolunteerReward(client: GridGovClient, id: number): Promise<VolunteerRedemptionView> {
  return client.post<VolunteerRedemptionView>(`/api/v1/volunteer-rewards/${id}/redeem`, undefined);
}

/** GET /api/v1/volunteer-leaderboard: the top of a community or of a Party organisation (names masked). */
export function volunteerLeaderboard(client: GridGovClient,
                                     of: { communityId: number } | { orgId: number },
                                     limit?: number): Promise<VolunteerLeaderboard> {
  return client.get<VolunteerLeaderboard>('/api/v1/volunteer-leaderboard',
    limit === undefined ? { ...of } : { ...of, limit });
}
