// Departments and 吹哨报到 (whistle and report): the responsibility list, calling departments to an incident,
// their answers (报到, refusal, the county's arbitration), joint handling and the whistling node's verification.
// Staff only; department staff (DEPT_HANDLER, DEPT_ADMIN) see only the incidents their department was called to.
import type { components } from './api-types';
import { CursorPage, GridGovClient } from './gridgov';

type Schemas = components['schemas'];

export type DepartmentView = Schemas['DepartmentView'];
export type DepartmentInput = Schemas['DepartmentInput'];
export type DepartmentStaffInput = Schemas['DepartmentStaffInput'];
export type DepartmentStaffView = Schemas['DepartmentStaffView'];
export type DepartmentStaffChange = Schemas['DepartmentStaffChange'];
export type ResponsibilityView = Schemas['ResponsibilityView'];
export type ResponsibilityInput = Schemas['ResponsibilityInput'];
export type WhistleProposal = Schemas['DepartmentWhistleProposal'];
export type WhistleTarget = Schemas['DepartmentWhistleTarget'];
export type DepartmentCall = Schemas['DepartmentCallView'];
/** Where a call stands. */
export type CallStatus = 'CALLED' | 'REPORTED' | 'REFUSED' | 'REASSIGNED' | 'RESOLVED' | 'VERIFIED';

/** Every department (includeInactive: the disabled ones too). */
export function departments(client: GridGovClient, includeInactive = false): Promise<DepartmentView[]> {
  return client.get<DepartmentView[]>('/api/v1/departments', { includeInactive: includeInactive || undefined });
}

/** A new department (COUNTY_ADMIN): DEPARTMENT_CODE_TAKEN (409), DEPARTMENT_TOWN_INVALID (400). */
export function createDepartment(client: GridGovClient, input: DepartmentInput): Promise<DepartmentView> {
  return client.post<DepartmentView>('/api/v1/departments', input);
}

/** Changes a department (COUNTY_ADMIN); `version` is the one read (409 STALE_VERSION otherwise). */
export function updateDepartment(client: GridGovClient, id: number, input: DepartmentInput): Promise<DepartmentView> {
  return client.request<DepartmentView>({ method: 'PUT', path: `/api/v1/departments/${id}`, body: input })
    .then(r => r.data);
}

/**
 * A department staff account: a county admin gives roles DEPT_HANDLER and/or DEPT_ADMIN to any department; the
 * department's own DEPT_ADMIN creates handlers (DEPT_HANDLER) of its department only (403 ROLE_NOT_GRANTABLE for
 * another role, 404 DEPARTMENT_NOT_FOUND for another department).
 */
export function createDepartmentStaff(client: GridGovClient, departmentId: number,
                                      input: DepartmentStaffInput): Promise<DepartmentStaffView> {
  return client.post<DepartmentStaffView>(`/api/v1/departments/${departmentId}/staff`, input);
}

/** The department's staff (COUNTY_ADMIN, or the department's own DEPT_ADMIN): whom to name as handler. */
export function departmentStaff(client: GridGovClient, departmentId: number): Promise<DepartmentStaffView[]> {
  return client.get<DepartmentStaffView[]>(`/api/v1/departments/${departmentId}/staff`);
}

/**
 * Enables or disables a department staff account (COUNTY_ADMIN; or the department's own DEPT_ADMIN for its handlers):
 * disabling ends the account's sessions. 404 for another department's account, 403 ROLE_NOT_GRANTABLE when a
 * department admin tries an admin account, 409 OWN_ACCESS_UNCHANGEABLE for one's own.
 */
export function setDepartmentStaffActive(client: GridGovClient, departmentId: number, userId: number,
                                         active: boolean): Promise<DepartmentStaffView> {
  const body: DepartmentStaffChange = { active };
  return client.request<DepartmentStaffView>({
    method: 'PATCH', path: `/api/v1/departments/${departmentId}/staff/${userId}`, body,
  }).then(r => r.data);
}

/** The path of the responsibility list as a file (staff; send the Authorization header, e.g. wx.downloadFile). */
export function responsibilitiesExportPath(format: 'csv' | 'xlsx'): string {
  return `/api/v1/exports/responsibilities.${format}`;
}

/** The responsibility list: every category that has an entry. */
export function responsibilities(client: GridGovClient): Promise<ResponsibilityView[]> {
  return client.get<ResponsibilityView[]>('/api/v1/responsibilities');
}

/** A category's entry (404 RESPONSIBILITY_NOT_FOUND when it has none). */
export function responsibility(client: GridGovClient, categoryCode: string): Promise<ResponsibilityView> {
  return client.get<ResponsibilityView>(`/api/v1/responsibilities/${encodeURIComponent(categoryCode)}`);
}

/** Every version of a category's entry, newest first (who changed it, when). */
export function responsibilityVersions(client: GridGovClient, categoryCode: string): Promise<ResponsibilityView[]> {
  return client.get<ResponsibilityView[]>(`/api/v1/responsibilities/${encodeURIComponent(categoryCode)}/versions`);
}

/** A new version of a category's entry (COUNTY_ADMIN): exactly one LEAD (400 RESPONSIBILITY_ONE_LEAD). */
export function putResponsibility(client: GridGovClient, categoryCode: string,
                                  input: ResponsibilityInput): Promise<ResponsibilityView> {
  return client.request<ResponsibilityView>({
    method: 'PUT', path: `/api/v1/responsibilities/${encodeURIComponent(categoryCode)}`, body: input,
  }).then(r => r.data);
}

/** Whom the list proposes to call for an incident. */
export function whistleProposal(client: GridGovClient, incidentId: number): Promise<WhistleProposal> {
  return client.get<WhistleProposal>(`/api/v1/department-calls/proposal/${incidentId}`);
}

/**
 * 吹哨 (GRID_LEADER, COMMUNITY_ADMIN, TOWN_ADMIN): without `departments` the list's proposal is called; a
 * department the list does not propose needs a `reason`. Answers every call of the incident.
 */
export function whistle(client: GridGovClient, incidentId: number,
                        request: { departments?: WhistleTarget[]; comment?: string } = {}): Promise<DepartmentCall[]> {
  return client.post<DepartmentCall[]>('/api/v1/department-calls', { incidentId, ...request });
}

/** The calls of an incident the caller can see. */
export function incidentCalls(client: GridGovClient, incidentId: number): Promise<DepartmentCall[]> {
  return client.get<DepartmentCall[]>(`/api/v1/department-calls/by-incident/${incidentId}`);
}

/** Department staff: their department's calls; other staff: the calls of incidents in their scope. */
export function departmentCalls(client: GridGovClient,
                                query: { status?: CallStatus; cursor?: string; limit?: number } = {}): Promise<CursorPage<DepartmentCall>> {
  return client.get<CursorPage<DepartmentCall>>('/api/v1/department-calls', query);
}

/** 报到 (DEPT_HANDLER, DEPT_ADMIN): accept and name the handler (a handler may leave it out: themself). */
export function reportCall(client: GridGovClient, callId: number,
                           request: { handlerId?: number; comment?: string } = {}): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/report`, request);
}

/** Refuses a call once, with the reason (DEPT_ADMIN): the county arbitrates. */
export function refuseCall(client: GridGovClient, callId: number, reason: string): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/refusal`, { comment: reason });
}

/** The county's final decision on a refusal (COUNTY_ADMIN): which department must handle it. */
export function arbitrateCall(client: GridGovClient, callId: number, departmentId: number,
                              comment: string): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/arbitration`, { departmentId, comment });
}

/** 督办 of a call waiting to report or to be resolved (COUNTY_ADMIN), once per county node. */
export function superviseCall(client: GridGovClient, callId: number, comment: string): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/supervision`, { comment });
}

/** Records a department's work as a flow row (supporters; the lead too). */
export function addCallWork(client: GridGovClient, callId: number, comment: string): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/work`, { comment });
}

/** The lead department's result, for the whistling node to verify. */
export function resolveCall(client: GridGovClient, callId: number, comment: string): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/resolution`, { comment });
}

/** The whistling node's check on site: passed, or sent back with a reason. */
export function verifyCall(client: GridGovClient, callId: number, passed: boolean,
                           comment?: string): Promise<DepartmentCall> {
  return client.post<DepartmentCall>(`/api/v1/department-calls/${callId}/verification`, { passed, comment });
}
