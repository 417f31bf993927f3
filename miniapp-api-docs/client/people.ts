// Houses and people (实有房屋、实有人口): rooms, households, people, a building's roster, the bulk import, and the
// resident's own household claimed with a code from their grid worker. ID numbers and phones always come back masked;
// the full value is a separate, audited call for leaders (personIdNumber, personPhone).
import type { components } from './api-types';
import { CursorPage, GridGovClient } from './gridgov';

type Schemas = components['schemas'];

export type RoomRequest = Schemas['PeopleRoomRequest'];
export type RoomView = Schemas['PeopleRoomView'];
export type HouseholdView = Schemas['PeopleHouseholdView'];
export type PersonRequest = Schemas['PeoplePersonRequest'];
export type PersonView = Schemas['PeoplePersonView'];
export type ClaimCode = Schemas['PeopleClaimCode'];
export type PeopleImportResult = Schemas['PeopleImportResult'];
export type RoomUse = 'SELF_OCCUPIED' | 'RENTED' | 'VACANT' | 'COMMERCIAL';
export type Relation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'GRANDPARENT' | 'SIBLING' | 'TENANT' | 'OTHER';
export type KeyGroup = 'ELDERLY_ALONE' | 'DISABLED' | 'LOW_INCOME' | 'LEFT_BEHIND_CHILD';

/** The media type of an Excel .xlsx file. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Whether an ID number passes the GB 11643 checks the server makes (18 characters, the birth date, the check
 * character), to tell the user before sending. The server's answer stays the authority.
 */
export function isValidIdNumber(text: string): boolean {
  const v = text.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10)), m = Number(v.slice(10, 12)), d = Number(v.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d || y < 1900) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * WEIGHTS[i];
  return '10X98765432'[sum % 11] === v[17];
}

/** POST /api/v1/buildings/{id}/rooms (staff in scope). */
export function createRoom(client: GridGovClient, buildingId: number, request: RoomRequest): Promise<RoomView> {
  return client.post<RoomView>(`/api/v1/buildings/${buildingId}/rooms`, request);
}

/** PUT /api/v1/rooms/{id} with the version read (409 STALE_VERSION when someone else changed it). */
export function updateRoom(client: GridGovClient, id: number, request: RoomRequest & { version: number }): Promise<RoomView> {
  return client.request<RoomView>({ method: 'PUT', path: `/api/v1/rooms/${id}`, body: request }).then(r => r.data);
}

/** POST /api/v1/rooms/{id}/households: a new household in the room (label tells two apart). */
export function createHousehold(client: GridGovClient, roomId: number, label?: string): Promise<HouseholdView> {
  return client.post<HouseholdView>(`/api/v1/rooms/${roomId}/households`, { label: label ?? null });
}

/** GET /api/v1/households/{id}: staff in scope, or the resident who claimed it (anyone else: 404 HOUSEHOLD_NOT_FOUND). */
export function household(client: GridGovClient, id: number): Promise<HouseholdView> {
  return client.get<HouseholdView>(`/api/v1/households/${id}`);
}

/** GET /api/v1/buildings/{id}/roster: a page of the building's households with their people (masked). */
export function buildingRoster(client: GridGovClient, buildingId: number,
                               query: { cursor?: string; limit?: number } = {}): Promise<CursorPage<HouseholdView>> {
  return client.get<CursorPage<HouseholdView>>(`/api/v1/buildings/${buildingId}/roster`, query);
}

/** POST /api/v1/households/{id}/people (staff, or the resident for their own household). */
export function addPerson(client: GridGovClient, householdId: number, request: PersonRequest): Promise<PersonView> {
  return client.post<PersonView>(`/api/v1/households/${householdId}/people`, request);
}

/** PUT /api/v1/people/{id} with the version read; ID number and phone are sent in full again (blank clears them). */
export function updatePerson(client: GridGovClient, id: number, request: PersonRequest & { version: number }):
  Promise<PersonView> {
  return client.request<PersonView>({ method: 'PUT', path: `/api/v1/people/${id}`, body: request }).then(r => r.data);
}

/** DELETE /api/v1/people/{id}?version= (moved out). */
export function deletePerson(client: GridGovClient, id: number, version: number): Promise<void> {
  return client.request<unknown>({ method: 'DELETE', path: `/api/v1/people/${id}`, query: { version } }).then(() => undefined);
}

/** GET /api/v1/people?idNumber= or ?phone= (staff): exact match within the caller's scope. */
export function findPeople(client: GridGovClient, by: { idNumber: string } | { phone: string }): Promise<PersonView[]> {
  return client.get<PersonView[]>('/api/v1/people', by);
}

/** GET /api/v1/people/{id}/id-number (leaders only, audited): the full ID number. */
export function personIdNumber(client: GridGovClient, id: number, reason?: string): Promise<string> {
  return client.get<{ idNumber: string }>(`/api/v1/people/${id}/id-number`, reason ? { reason } : {}).then(r => r.idNumber);
}

/** GET /api/v1/people/{id}/phone (leaders only, audited): the full phone number. */
export function personPhone(client: GridGovClient, id: number, reason?: string): Promise<string> {
  return client.get<{ phone: string }>(`/api/v1/people/${id}/phone`, reason ? { reason } : {}).then(r => r.phone);
}

/**
 * POST /api/v1/buildings/{id}/people/import: CSV text or an .xlsx file (ArrayBuffer); all or nothing. A refused file
 * is GridGovError 422 PEOPLE_IMPORT_REJECTED whose problem lists `rows` ({row, code, field, reason}).
 */
export function importPeople(client: GridGovClient, buildingId: number, file: string | ArrayBuffer):
  Promise<PeopleImportResult> {
  const csv = typeof file === 'string';
  return client.request<PeopleImportResult>({
    method: 'POST', path: `/api/v1/buildings/${buildingId}/people/import`, body: file,
    headers: { 'Content-Type': csv ? 'text/csv; charset=utf-8' : XLSX },
  }).then(r => r.data);
}

/** POST /api/v1/households/{id}/claim-codes (staff in scope): a one-time code to hand to the household. */
export function issueClaimCode(client: GridGovClient, householdId: number): Promise<ClaimCode> {
  return client.post<ClaimCode>(`/api/v1/households/${householdId}/claim-codes`, undefined);
}

/**
 * POST /api/v1/me/household/claim (resident): claims the household of the code (400 CLAIM_CODE_INVALID otherwise;
 * 429 TOO_MANY_CLAIM_ATTEMPTS with Retry-After past 10 attempts an hour).
 */
export function claimHousehold(client: GridGovClient, code: string): Promise<HouseholdView> {
  return client.post<HouseholdView>('/api/v1/me/household/claim', { code: code.trim() });
}

/** GET /api/v1/me/household (resident): their claimed household (404 HOUSEHOLD_NOT_CLAIMED before a claim). */
export function myHousehold(client: GridGovClient): Promise<HouseholdView> {
  return client.get<HouseholdView>('/api/v1/me/household');
}
