// Co-building units (共驻共建) and resource sharing: /api/v1/party/cobuild… for a GridGovClient.
// Staff keep units, agreements and resources; a unit's contact links themselves in the mini program with the
// phone-number button and then offers resources and answers the community's requests. Phones come back masked.
import type { components } from './api-types';
import { CursorPage, GridGovClient } from './gridgov';

type Schemas = components['schemas'];

export type CobuildUnitView = Schemas['CobuildUnitView'];
export type CobuildAgreementView = Schemas['CobuildAgreementView'];
export type CobuildResourceView = Schemas['CobuildResourceView'];
export type CobuildShareView = Schemas['CobuildShareView'];
export type CobuildNewUnit = Schemas['CobuildNewUnit'];
export type CobuildUnitUpdate = Schemas['CobuildUnitUpdate'];
export type CobuildAgreementInput = Schemas['CobuildAgreementInput'];
export type CobuildAgreementUpdate = Schemas['CobuildAgreementUpdate'];
export type CobuildResourceInput = Schemas['CobuildResourceInput'];
export type CobuildNewShare = Schemas['CobuildNewShare'];
export type UnitKind = 'AGENCY' | 'PUBLIC_INSTITUTION' | 'ENTERPRISE' | 'SOCIAL_ORGANISATION';
export type ShareStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'USED';
export type ShareAction = 'ACCEPT' | 'DECLINE' | 'CANCEL' | 'RECORD_USE';

const BASE = '/api/v1/party/cobuild';

/**
 * POST /api/v1/party/cobuild/contacts/me: `phoneCode` is `e.detail.code` of a `<button open-type="getPhoneNumber">`;
 * links the caller to every unit naming that phone for its contact and answers the caller's units
 * (404 COBUILD_CONTACT_NOT_FOUND when none does, 409 CONTACT_TAKEN when another user is linked).
 */
export function linkAsCobuildContact(client: GridGovClient, phoneCode: string): Promise<CobuildUnitView[]> {
  return client.post<CobuildUnitView[]>(`${BASE}/contacts/me`, { phoneCode });
}

/** GET /api/v1/party/cobuild/contacts/me/units: the units the caller is the contact of (empty until linked). */
export function myCobuildUnits(client: GridGovClient): Promise<CobuildUnitView[]> {
  return client.get<CobuildUnitView[]>(`${BASE}/contacts/me/units`);
}

/** POST /api/v1/party/cobuild/units (admins): a unit with its first agreement. */
export function createCobuildUnit(client: GridGovClient, unit: CobuildNewUnit): Promise<CobuildUnitView> {
  return client.post<CobuildUnitView>(`${BASE}/units`, unit);
}

/** GET /api/v1/party/cobuild/units/{id} (staff; a unit with no agreement in the caller's scope: 404). */
export function cobuildUnit(client: GridGovClient, id: number): Promise<CobuildUnitView> {
  return client.get<CobuildUnitView>(`${BASE}/units/${id}`);
}

/** PUT /api/v1/party/cobuild/units/{id} with the version read (409 STALE_VERSION when someone else changed it). */
export function updateCobuildUnit(client: GridGovClient, id: number, change: CobuildUnitUpdate): Promise<CobuildUnitView> {
  return client.request<CobuildUnitView>({ method: 'PUT', path: `${BASE}/units/${id}`, body: change }).then(r => r.data);
}

/** POST /api/v1/party/cobuild/units/{id}/agreements (admins): the unit signs with another community. */
export function addCobuildAgreement(client: GridGovClient, unitId: number,
                                    agreement: CobuildAgreementInput): Promise<CobuildAgreementView> {
  return client.post<CobuildAgreementView>(`${BASE}/units/${unitId}/agreements`, agreement);
}

/** GET /api/v1/party/cobuild/agreements (staff): a community's list; `expiringSoon: true` only those due in 30 days. */
export function cobuildAgreements(client: GridGovClient, query: {
  communityId?: number; kind?: UnitKind; expiringSoon?: boolean; cursor?: string; limit?: number;
} = {}): Promise<CursorPage<CobuildAgreementView>> {
  return client.get<CursorPage<CobuildAgreementView>>(`${BASE}/agreements`, query);
}

/** PUT /api/v1/party/cobuild/agreements/{id} (admins): renew or correct, with the version read. */
export function updateCobuildAgreement(client: GridGovClient, id: number,
                                       change: CobuildAgreementUpdate): Promise<CobuildAgreementView> {
  return client.request<CobuildAgreementView>({ method: 'PUT', path: `${BASE}/agreements/${id}`, body: change })
    .then(r => r.data);
}

/** POST /api/v1/party/cobuild/units/{id}/resources (admins): a venue, equipment, volunteer service or funds. */
export function addCobuildResource(client: GridGovClient, unitId: number,
                                   resource: CobuildResourceInput): Promise<CobuildResourceView> {
  return client.post<CobuildResourceView>(`${BASE}/units/${unitId}/resources`, resource);
}

/**
 * POST /api/v1/party/cobuild/shares: a community's admins request (`REQUEST`), a unit's contact offers (`OFFER`).
 * 409 NO_AGREEMENT_IN_FORCE when the unit and the community have no agreement in force.
 */
export function startCobuildShare(client: GridGovClient, share: CobuildNewShare): Promise<CobuildShareView> {
  return client.post<CobuildShareView>(`${BASE}/shares`, share);
}

/** GET /api/v1/party/cobuild/shares: the caller's community's shares, or their unit's as its contact. */
export function cobuildShares(client: GridGovClient, query: {
  communityId?: number; unitId?: number; status?: ShareStatus; cursor?: string; limit?: number;
} = {}): Promise<CursorPage<CobuildShareView>> {
  return client.get<CursorPage<CobuildShareView>>(`${BASE}/shares`, query);
}

/** GET /api/v1/party/cobuild/shares/{id}; its `allowedActions` say which buttons to show. */
export function cobuildShare(client: GridGovClient, id: number): Promise<CobuildShareView> {
  return client.get<CobuildShareView>(`${BASE}/shares/${id}`);
}

const STEP_PATH: Record<Exclude<ShareAction, 'RECORD_USE'>, string> = {
  ACCEPT: 'accept', DECLINE: 'decline', CANCEL: 'cancel',
};

/**
 * Answers or cancels a pending share with the version read: ACCEPT, DECLINE (a reason is required) or CANCEL.
 * 409 SHARE_STATUS_CONFLICT when it is no longer pending, 403 SHARE_SIDE_FORBIDDEN when it is not the caller's side's turn.
 */
export function answerCobuildShare(client: GridGovClient, share: Pick<CobuildShareView, 'id' | 'version'>,
                                   action: Exclude<ShareAction, 'RECORD_USE'>, reason?: string): Promise<CobuildShareView> {
  const body: { version: number; reason?: string } = { version: share.version };
  if (reason !== undefined) body.reason = reason;
  return client.post<CobuildShareView>(`${BASE}/shares/${share.id}/${STEP_PATH[action]}`, body);
}

/** POST /api/v1/party/cobuild/shares/{id}/use: the use of an accepted share, its date (yyyy-MM-dd) and outcome. */
export function recordCobuildShareUse(client: GridGovClient, share: Pick<CobuildShareView, 'id' | 'version'>,
                                      usedOn: string, outcome: string): Promise<CobuildShareView> {
  return client.post<CobuildShareView>(`${BASE}/shares/${share.id}/use`, { version: share.version, usedOn, outcome });
}
