/**
 * GridGov API client for WeChat mini programs, over wx.request / wx.uploadFile.
 *
 * - keeps the access and refresh tokens (wx storage by default) and sends `Authorization: Bearer ...`;
 * - on a 401 it refreshes once and retries once; concurrent 401s share ONE refresh (single flight), because
 *   the server rotates refresh tokens and revokes the whole session when a spent one comes back;
 * - every error answer (application/problem+json) becomes a GridGovError with code, detail, status, errors;
 * - reports carry an Idempotency-Key that is generated once per report and reused on every retry.
 *
 * Types follow the backend's DTOs (backend/src/main/java/cn/gridgov/**); see ../README.md and ../openapi.json.
 * The enums, request bodies and answers are aliases of the types generated from ../openapi.json into api-types.ts
 * (`npm run types:generate`; `npm test` fails when that file is stale), narrowed where the document is looser; the
 * document marks the fields an answer always has as required and those that may be null as nullable.
 */

import type { components } from './api-types';

/** The schemas of the OpenAPI document, as generated into api-types.ts. */
type Schemas = components['schemas'];

// ---------------------------------------------------------------------------------------------------------------
// The few wx APIs used (declared here so the client needs no typings package; miniprogram-api-typings fits too).

/** What wx.request hands to `success`. */
export interface WxRequestResult {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}

/** What wx.uploadFile hands to `success` (data is the raw body text). */
export interface WxUploadResult {
  statusCode: number;
  data: string;
}

/** What `fail` callbacks receive. */
export interface WxFailure {
  errMsg: string;
}

export interface WxRequestOptions {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: unknown;
  header?: Record<string, string>;
  dataType?: 'json' | 'text';
  /** 'arraybuffer' for binary answers (map tiles). */
  responseType?: 'text' | 'arraybuffer';
  timeout?: number;
  success?: (res: WxRequestResult) => void;
  fail?: (err: WxFailure) => void;
}

export interface WxUploadOptions {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, string>;
  timeout?: number;
  success?: (res: WxUploadResult) => void;
  fail?: (err: WxFailure) => void;
}

/** The part of the global `wx` object this client calls. */
export interface WxLike {
  request(options: WxRequestOptions): unknown;
  uploadFile(options: WxUploadOptions): unknown;
  login(options: { success?: (res: { code: string }) => void; fail?: (err: WxFailure) => void }): void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  /** Only the realtime feed (feed.ts) needs it. */
  connectSocket?(options: WxConnectSocketOptions): WxSocketTask;
}

export interface WxConnectSocketOptions {
  url: string;
  header?: Record<string, string>;
  timeout?: number;
}

/** The SocketTask that wx.connectSocket returns (the parts the feed uses). */
export interface WxSocketTask {
  onOpen(callback: (res: unknown) => void): void;
  onMessage(callback: (res: { data: string | ArrayBuffer }) => void): void;
  onClose(callback: (res: { code: number; reason: string }) => void): void;
  onError(callback: (err: WxFailure) => void): void;
  close(options?: { code?: number; reason?: string }): void;
}

// ---------------------------------------------------------------------------------------------------------------
// API types (field names exactly as the API sends them). Times are ISO-8601 strings with offset (+08:00).

export type CoordType = 'gcj02' | 'wgs84';
export type RegionLevel = Schemas['RegionLevel'];

/** The logged-in user (GET /api/v1/me, and `user` of every login answer). Phone is masked (138****1234). */
export type UserView = Schemas['UserView'];

/** Answer of every login, binding and refresh. */
export type LoginResponse = Schemas['LoginResponse'];

/** POST /api/v1/auth/binding-code (staff, for themselves, with their current password). */
export type BindingCode = Schemas['BindingCode'];

/**
 * POST /api/v1/feed/tickets: how a browser opens the realtime feed without its access token in the URL
 * (wss://<host>/api/v1/feed?ticket=<ticket>). Single use, valid until expiresAt (30 s by default).
 */
export type FeedTicket = Schemas['Ticket'];

/** What happened to a staff account, as the audit log names it. */
export type StaffAuditAction =
  | 'STAFF_CREATED' | 'ROLES_CHANGED' | 'ENABLED' | 'DISABLED' | 'NAME_CHANGED' | 'PASSWORD_RESET'
  | 'PASSWORD_CHANGED' | 'BINDING_CODE_ISSUED' | 'WECHAT_BOUND' | 'WECHAT_UNBOUND';

/**
 * One row of GET /api/v1/staff/audit (county admins only): who changed what of whom, when; no secrets. Written by
 * hand: the document does not describe this answer's schema.
 */
export interface StaffAuditEntry {
  id: number;
  at: string;
  /** Absent for changes of the system itself (first start, demo data). */
  actorId?: number;
  actorUsername?: string;
  action: StaffAuditAction;
  targetId: number;
  targetUsername?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  clientAddress?: string;
}

/** GET /api/v1/regions/locate. */
export type LocateResult = Schemas['Location1'];

/** POST /api/v1/media (201). URLs are presigned and expire at urlsExpireAt. */
export type MediaView = Schemas['MediaView'];

/** GET /api/v1/categories: groups with their categories as children; report with a child's code. */
export type CategoryView = Schemas['CategoryView'];

export type IncidentStatus = Schemas['IncidentStatus'];
export type IncidentSource = Schemas['IncidentSource'];
/**
 * REPORT and SELF_RESOLVE (reporting) and WARN (yellow), OVERDUE (red) and SUPERVISE (督办, escalated by the
 * deadline scheduler) appear in the flow and the feed only, as do the steps of 吹哨报到 (WHISTLE, DEPT_REPORT,
 * DEPT_REFUSE, ARBITRATE, DEPT_WORK, DEPT_RESOLVE, DEPT_VERIFY_PASS, DEPT_SEND_BACK: see departments.ts); the rest
 * are transitions.
 */
export type IncidentAction = Schemas['IncidentAction'];

/**
 * Body of POST /api/v1/incidents: categoryCode (a child's code from GET /api/v1/categories, e.g. "0101"),
 * description (up to 2000 characters), location (coordType defaults to gcj02, what wx.getLocation({type: 'gcj02'})
 * gives), mediaIds (photos uploaded with uploadPhoto, at most 9), occurredAt (not in the future, ISO-8601 with
 * offset), selfResolved (staff only: solved on the spot, needs a photo; the incident is CLOSED at once).
 */
export type ReportRequest = Schemas['ReportRequest'] & { location: { coordType?: CoordType } };

/** One row of an incident's flow. */
export type IncidentFlow = Schemas['Flow'];

/** An incident; the detail (and the answer of report / transition) adds allowedActions, flow and media. */
export type IncidentView = Schemas['IncidentView'];

/**
 * Body of POST /api/v1/incidents/{id}/transitions: action (from allowedActions; "VERIFY" with `passed` is accepted
 * beside VERIFY_PASS / VERIFY_FAIL), version (send it back: a stale one gets 409 STALE_VERSION), comment (up to 1000
 * characters; required for REJECT, RETURN, VERIFY_FAIL, ESCALATE, SUSPEND), assigneeId or targetRegionId (DISPATCH:
 * the staff member, or the grid whose person on duty takes it), mediaIds (RESOLVE needs a comment or a photo, at
 * most 9), rating (RATE: 1..5 stars, by the reporter, once).
 */
export type TransitionRequest = Schemas['TransitionRequest'] & {
  action: Exclude<IncidentAction, 'REPORT' | 'SELF_RESOLVE' | 'WARN' | 'OVERDUE' | 'SUPERVISE'> | 'VERIFY';
};

/** One page of a list; nextCursor is null on the last page. */
/** A Party organisation (党组织) of the Party tree. */
export type PartyOrgView = Schemas['PartyOrgView'];

/** A Party member (phone masked). */
export type PartyMemberView = Schemas['PartyMemberView'];

/** A member's self-registration: `phoneCode` from `<button open-type="getPhoneNumber">` (e.detail.code). */
export type PartyMemberSelfRegistration = Schemas['PartyMemberSelfRegistration'];

/** A dual registration (双报到) with the community where the member lives. */
export type RegistrationView = Schemas['RegistrationView'];

/** One line of an organisation's roster (党员名册, phone masked). */
export type PartyRosterEntry = Schemas['PartyRosterEntry'];

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Filters of GET /api/v1/incidents (all optional). */
export interface IncidentListQuery {
  status?: IncidentStatus[];
  categoryCode?: string;
  source?: IncidentSource;
  regionId?: number;
  /** Only "me": incidents assigned to the caller. */
  assignee?: 'me';
  overdue?: boolean;
  /** All four corners or none, in coordType. */
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  coordType?: CoordType;
  /** ISO-8601 with offset. */
  from?: string;
  to?: string;
  cursor?: string;
  /** 1..200, default 20. */
  limit?: number;
}

/** One offending field of a request. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem document (application/problem+json) with GridGov's stable code. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  /** Human message, Chinese by default (English with Accept-Language: en). Show it to the user. */
  detail?: string;
  instance?: string;
  /** Stable machine code: branch on this, never on detail. */
  code: string;
  errors?: FieldError[];
  /** Extension members, e.g. allowedActions on ACTION_NOT_ALLOWED / ACTION_FORBIDDEN. */
  [extension: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** Any failed call: an API problem (status >= 400) or a network failure (status 0, code NETWORK_ERROR). */
export class GridGovError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds from the Retry-After header (429 / 503), if any. */
  readonly retryAfter: number | null;
  readonly problem: Problem | null;

  constructor(status: number, code: string, detail: string, errors: FieldError[] = [], retryAfter: number | null = null,
              problem: Problem | null = null) {
    super(`${code}: ${detail}`);
    this.name = 'GridGovError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
    this.problem = problem;
    Object.setPrototypeOf(this, GridGovError.prototype);
  }

  /** True for failures worth retrying with the same request (network, 502/503/504, 429 after Retry-After). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

/** A header value, whatever the case of its name (wx keeps the server's casing). */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) {
    return undefined;
  }
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === wanted) {
      return headers[key];
    }
  }
  return undefined;
}

/** Retry-After in seconds (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | null {
  if (value === undefined || value.trim() === '') {
    return null;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The typed error of a non-2xx answer. `data` is what wx.request parsed (an object) or the raw text
 * (wx.uploadFile, or a body that is not JSON: a proxy's HTML error page, for example).
 */
export function parseProblem(status: number, data: unknown, headers?: Record<string, string>): GridGovError {
  let body: unknown = data instanceof ArrayBuffer ? utf8(data) : data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = null;
    }
  }
  const retryAfter = parseRetryAfter(headerValue(headers, 'Retry-After'));
  if (body && typeof body === 'object' && typeof (body as Problem).code === 'string') {
    const p = body as Problem;
    const errors = Array.isArray(p.errors)
      ? p.errors.filter((e): e is FieldError => !!e && typeof e.field === 'string')
          .map(e => ({ field: e.field, message: String(e.message ?? '') }))
      : [];
    return new GridGovError(typeof p.status === 'number' ? p.status : status, p.code,
      typeof p.detail === 'string' && p.detail ? p.detail : fallbackDetail(status), errors, retryAfter, p);
  }
  return new GridGovError(status, status >= 500 ? 'INTERNAL_ERROR' : `HTTP_${status}`, fallbackDetail(status), [],
    retryAfter, null);
}

/** The UTF-8 text of a binary body (an error answered to a request for binary data); '' when it is not UTF-8. */
function utf8(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let escaped = '';
  for (let i = 0; i < bytes.length; i++) {
    escaped += '%' + (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  }
  try {
    return decodeURIComponent(escaped);
  } catch {
    return '';
  }
}

function fallbackDetail(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '资源不存在';
  if (status === 413) return '请求体过大';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后重试';
  return '请求失败（HTTP ' + status + '）';
}

function networkError(err: WxFailure | undefined): GridGovError {
  return new GridGovError(0, NETWORK_ERROR, '网络不可用，请检查网络后重试' + (err?.errMsg ? `（${err.errMsg}）` : ''));
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

/** The session kept between launches. expiresAt: epoch milliseconds (local clock) when the access token ends. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/** Where the session is kept. */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens): void;
  clear(): void;
}

/** Keeps the session in wx storage under `key`. */
export function wxStorageTokenStore(wxApi: WxLike, key = 'gridgov.session'): TokenStore {
  return {
    get() {
      const v = wxApi.getStorageSync(key) as Tokens | '' | undefined;
      return v && typeof v === 'object' && v.accessToken && v.refreshToken ? v : null;
    },
    set(tokens) {
      wxApi.setStorageSync(key, tokens);
    },
    clear() {
      wxApi.removeStorageSync(key);
    },
  };
}

/** Keeps the session in memory only (tests, or apps that log in on every launch). */
export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return { get: () => tokens, set: t => { tokens = t; }, clear: () => { tokens = null; } };
}

// ---------------------------------------------------------------------------------------------------------------
// Idempotency keys and report drafts

/** A random UUID (v4 layout) for Idempotency-Key: unique per report of one user, not a secret. */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const hex = '0123456789abcdef';
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      out += '-';
    } else if (i === 14) {
      out += '4';
    } else if (i === 19) {
      out += hex[8 + Math.floor(random() * 4)];
    } else {
      out += hex[Math.floor(random() * 16)];
    }
  }
  return out;
}

/**
 * A report with its Idempotency-Key, made ONCE when the user submits. Keep the draft (e.g. in storage) until the
 * server answers, and resend the same draft on every retry: the server then returns the incident it already made
 * instead of making a second one. A changed body needs a new draft (same key + other body = 422).
 */
export interface ReportDraft {
  readonly idempotencyKey: string;
  readonly request: ReportRequest;
}

export function newReportDraft(request: ReportRequest, key: string = newIdempotencyKey()): ReportDraft {
  return { idempotencyKey: key, request };
}

// ---------------------------------------------------------------------------------------------------------------
// The client

export interface GridGovClientOptions {
  /** Server origin, e.g. "https://api.example.gov.cn" (must be a legal request domain of the mini program). */
  baseUrl: string;
  /** The wx object; defaults to the global one. */
  wx?: WxLike;
  /** Where tokens live; defaults to wx storage. */
  tokens?: TokenStore;
  /** "en" for English problem details; Chinese by default. */
  language?: 'zh' | 'en';
  /** Called when the session ended (refresh refused): send the user to login. */
  onSessionEnded?: (reason: GridGovError) => void;
  /** Request timeout in ms (wx default when absent). */
  timeoutMs?: number;
  /** Retries of report() after network failures or 502/503/504 (default 2), and how long to wait between them. */
  reportRetries?: number;
  retryDelayMs?: (attempt: number) => number;
  /** Refresh the access token this many ms before it expires (default 30 s). */
  refreshEarlyMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A request for {@link GridGovClient.request}. */
export interface ApiRequest {
  method: WxRequestOptions['method'];
  /** Path under the base URL, e.g. "/api/v1/me". */
  path: string;
  query?: Record<string, string | number | boolean | Array<string | number> | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the access token (and refresh on 401). Default true. */
  auth?: boolean;
  /** 'arraybuffer' for binary answers (map tiles): data is then an ArrayBuffer; error bodies are still read as problems. */
  responseType?: 'arraybuffer';
}

/** A 2xx answer. */
export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

interface RawAnswer {
  status: number;
  data: unknown;
  headers: Record<string, string>;
}

/** Builds "?a=1&b=x" from defined values; arrays are joined with commas. */
export function queryString(query: ApiRequest['query']): string {
  if (!query) {
    return '';
  }
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(text));
  }
  return parts.length ? '?' + parts.join('&') : '';
}

export class GridGovClient {
  /** The server origin, without a trailing slash. */
  readonly baseUrl: string;
  /** The wx object the client calls (the feed, in feed.ts, opens its socket through it too). */
  readonly wxApi: WxLike;
  private readonly store: TokenStore;
  private readonly options: GridGovClientOptions;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private refreshing: Promise<Tokens> | null = null;

  constructor(options: GridGovClientOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const wxApi = options.wx ?? (globalThis as unknown as { wx?: WxLike }).wx;
    if (!wxApi) {
      throw new Error('GridGovClient: no wx object (pass options.wx outside a mini program)');
    }
    this.wxApi = wxApi;
    this.store = options.tokens ?? wxStorageTokenStore(wxApi);
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  // --- session ---------------------------------------------------------------------------------------------------

  /** Whether a session is stored (it may still turn out to be revoked). */
  get loggedIn(): boolean {
    return this.store.get() !== null;
  }

  /** wx.login, then POST /api/v1/auth/wechat/login. A new WeChat user becomes a resident. */
  async loginWithWeChat(): Promise<LoginResponse> {
    return this.loginWithCode(await this.wxLoginCode());
  }

  /** POST /api/v1/auth/wechat/login with a code from wx.login (each code works once, ~5 minutes). */
  async loginWithCode(code: string): Promise<LoginResponse> {
    return this.startSession(await this.post<LoginResponse>('/api/v1/auth/wechat/login', { code }, false));
  }

  /** POST /api/v1/auth/staff/login (consoles and tools; the mini program normally binds once instead). */
  async staffLogin(username: string, password: string): Promise<LoginResponse> {
    return this.startSession(await this.post<LoginResponse>('/api/v1/auth/staff/login', { username, password }, false));
  }

  /**
   * Links this WeChat account to a staff account with the one-time binding code an administrator handed out
   * (or the staff member made at POST /api/v1/auth/binding-code), and logs in as that staff member.
   */
  async bindStaff(bindingCode: string): Promise<LoginResponse> {
    const code = await this.wxLoginCode();
    return this.startSession(await this.post<LoginResponse>('/api/v1/auth/wechat/bind', { code, bindingCode }, false));
  }

  /**
   * POST /api/v1/feed/tickets: a one-time ticket for opening the feed from a browser, which cannot send an
   * Authorization header with a WebSocket: `new WebSocket(wss://<host>/api/v1/feed?ticket=<ticket>)`, right away
   * (30 s), a new ticket for every connection. The mini program does not need one: feed.ts sends the header.
   */
  feedTicket(): Promise<FeedTicket> {
    return this.post<FeedTicket>('/api/v1/feed/tickets', undefined);
  }

  /**
   * POST /api/v1/auth/binding-code: a one-time code (8 characters, 15 minutes) for the caller's own account.
   * Needs the current password (403 CURRENT_PASSWORD_WRONG; 429 LOGIN_DELAYED with `retryAfter` after
   * repeated mistakes, as for the password login).
   */
  ownBindingCode(currentPassword: string): Promise<BindingCode> {
    return this.post<BindingCode>('/api/v1/auth/binding-code', { currentPassword });
  }

  /**
   * POST /api/v1/auth/password: changes the staff member's own password. Every session of the account ends;
   * the answer is a new session, which replaces the stored one.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<LoginResponse> {
    return this.startSession(await this.post<LoginResponse>('/api/v1/auth/password', { currentPassword, newPassword }));
  }

  /**
   * POST /api/v1/auth/wechat/unbind: removes the WeChat link of the staff member's own account (the WeChat
   * account logs in as a resident afterwards). Every session ends; the answer is a new session, stored.
   */
  async unbindWeChat(currentPassword: string): Promise<LoginResponse> {
    return this.startSession(await this.post<LoginResponse>('/api/v1/auth/wechat/unbind', { currentPassword }));
  }

  /** GET /api/v1/staff/audit (county admins only; 403 for anyone else): newest first, cursor-paged. */
  staffAudit(query: { targetId?: number; cursor?: string; limit?: number } = {}): Promise<CursorPage<StaffAuditEntry>> {
    return this.get<CursorPage<StaffAuditEntry>>('/api/v1/staff/audit', query);
  }

  /**
   * Binds the phone number behind a `<button open-type="getPhoneNumber">` code (e.detail.code);
   * answers the masked number.
   */
  async bindPhone(phoneCode: string): Promise<string> {
    return (await this.post<{ phone: string }>('/api/v1/auth/wechat/phone', { code: phoneCode })).phone;
  }

  /** GET /api/v1/me. */
  me(): Promise<UserView> {
    return this.get<UserView>('/api/v1/me');
  }

  /** POST /api/v1/auth/logout (ends the session on the server) and forgets the tokens. */
  async logout(): Promise<void> {
    const tokens = this.store.get();
    this.store.clear();
    if (tokens) {
      try {
        await this.post<void>('/api/v1/auth/logout', { refreshToken: tokens.refreshToken }, false);
      } catch (e) {
        // the local session is gone either way; a server-side session left behind expires on its own
        if (!(e instanceof GridGovError)) {
          throw e;
        }
      }
    }
  }

  /**
   * POST /api/v1/auth/refresh, single flight: every caller during a refresh gets the same promise. Refresh
   * tokens are rotated, and presenting a spent one revokes the whole session, so two parallel refreshes with
   * the same token would log the user out.
   */
  refresh(): Promise<Tokens> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<Tokens> {
    const tokens = this.store.get();
    if (!tokens) {
      throw new GridGovError(401, 'UNAUTHENTICATED', '请先登录');
    }
    const answer = await this.send({ method: 'POST', path: '/api/v1/auth/refresh', body: { refreshToken: tokens.refreshToken } }, null);
    if (answer.status >= 200 && answer.status < 300) {
      return this.startSession(answer.data as LoginResponse).tokens;
    }
    const error = parseProblem(answer.status, answer.data, answer.headers);
    if (answer.status === 401 || answer.status === 400) {
      // REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED, ACCOUNT_DISABLED: the session is over. Only forget it when
      // it is still the one we tried (a parallel login may have replaced it meanwhile).
      if (this.store.get()?.refreshToken === tokens.refreshToken) {
        this.store.clear();
      }
      this.options.onSessionEnded?.(error);
    }
    throw error;
  }

  private startSession(login: LoginResponse): LoginResponse & { tokens: Tokens } {
    const tokens: Tokens = {
      accessToken: login.accessToken,
      refreshToken: login.refreshToken,
      expiresAt: this.now() + login.expiresIn * 1000,
    };
    this.store.set(tokens);
    return Object.assign({}, login, { tokens });
  }

  private wxLoginCode(): Promise<string> {
    return new Promise((resolve, reject) => this.wxApi.login({
      success: res => resolve(res.code),
      fail: err => reject(new GridGovError(0, 'WX_LOGIN_FAILED', '微信登录失败，请重试' + (err?.errMsg ? `（${err.errMsg}）` : ''))),
    }));
  }

  // --- requests --------------------------------------------------------------------------------------------------

  /** Any API call: adds the token, refreshes once on 401, throws GridGovError on non-2xx. */
  async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
    const answer = await this.authorized(req.auth !== false, token => this.send(req, token));
    return { status: answer.status, data: answer.data as T, headers: answer.headers };
  }

  get<T>(path: string, query?: ApiRequest['query']): Promise<T> {
    return this.request<T>({ method: 'GET', path, query }).then(r => r.data);
  }

  post<T>(path: string, body: unknown, auth = true, query?: ApiRequest['query']): Promise<T> {
    return this.request<T>({ method: 'POST', path, body, auth, query }).then(r => r.data);
  }

  /**
   * Runs `call` with the access token; on a 401 gets a fresh token (another caller's refresh, or one refresh of
   * our own) and runs it once more. Non-2xx answers become GridGovError.
   */
  private async authorized(auth: boolean, call: (token: string | null) => Promise<RawAnswer>): Promise<RawAnswer> {
    let token: string | null = null;
    if (auth) {
      token = await this.accessToken();
    }
    let answer = await call(token);
    if (auth && answer.status === 401 && this.store.get() !== null) {
      const problem = parseProblem(answer.status, answer.data, answer.headers);
      if (problem.code === 'TOKEN_INVALID' || problem.code === 'UNAUTHENTICATED') {
        const stored = this.store.get();
        // another request may have refreshed while ours was on the way: use its token instead of refreshing again
        const fresh = stored && stored.accessToken !== token ? stored.accessToken : (await this.refresh()).accessToken;
        answer = await call(fresh);
      }
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw parseProblem(answer.status, answer.data, answer.headers);
    }
    return answer;
  }

  /** The access token, refreshed first when it is about to expire; null when not logged in. */
  async accessToken(): Promise<string | null> {
    if (this.refreshing) {
      return (await this.refreshing).accessToken;
    }
    const tokens = this.store.get();
    if (!tokens) {
      return null;
    }
    if (tokens.expiresAt - (this.options.refreshEarlyMs ?? 30_000) <= this.now()) {
      try {
        return (await this.refresh()).accessToken;
      } catch (e) {
        if (e instanceof GridGovError && e.status === 0) {
          return tokens.accessToken; // offline: let the call itself fail with the network error
        }
        throw e;
      }
    }
    return tokens.accessToken;
  }

  private headers(token: string | null, extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json' };
    if (this.options.language === 'en') {
      h['Accept-Language'] = 'en';
    }
    if (token) {
      h['Authorization'] = 'Bearer ' + token;
    }
    return Object.assign(h, extra);
  }

  private send(req: ApiRequest, token: string | null): Promise<RawAnswer> {
    const header = this.headers(token, req.headers);
    if (req.body !== undefined && header['Content-Type'] === undefined) {
      header['Content-Type'] = 'application/json';
    }
    return new Promise((resolve, reject) => {
      this.wxApi.request({
        url: this.baseUrl + req.path + queryString(req.query),
        method: req.method,
        data: req.body,
        header,
        dataType: 'json',
        responseType: req.responseType,
        timeout: this.options.timeoutMs,
        success: res => resolve({ status: res.statusCode, data: res.data, headers: res.header ?? {} }),
        fail: err => reject(networkError(err)),
      });
    });
  }

  // --- regions, categories ---------------------------------------------------------------------------------------

  /** GET /api/v1/regions/locate: the areas containing a point (wx.getLocation gives gcj02). */
  locate(lng: number, lat: number, coordType: CoordType = 'gcj02'): Promise<LocateResult> {
    return this.get<LocateResult>('/api/v1/regions/locate', { lng, lat, coordType });
  }

  /** GET /api/v1/categories: the category tree (public). */
  categories(): Promise<CategoryView[]> {
    return this.request<CategoryView[]>({ method: 'GET', path: '/api/v1/categories', auth: false }).then(r => r.data);
  }

  // --- photos ----------------------------------------------------------------------------------------------------

  /**
   * POST /api/v1/media through wx.uploadFile (multipart field `file`; JPEG, PNG or WebP up to 10 MB).
   * `coordType` is the system the answer's EXIF position is given in (gcj02 by default, as on the server).
   */
  async uploadPhoto(filePath: string, coordType: CoordType = 'gcj02'): Promise<MediaView> {
    const url = this.baseUrl + '/api/v1/media' + queryString({ coordType });
    const answer = await this.authorized(true, token => new Promise<RawAnswer>((resolve, reject) => {
      this.wxApi.uploadFile({
        url,
        filePath,
        name: 'file',
        header: this.headers(token),
        timeout: this.options.timeoutMs,
        success: res => resolve({ status: res.statusCode, data: res.data, headers: {} }),
        fail: err => reject(networkError(err)),
      });
    }));
    return (typeof answer.data === 'string' ? JSON.parse(answer.data) : answer.data) as MediaView;
  }

  // --- incidents -------------------------------------------------------------------------------------------------

  /**
   * POST /api/v1/incidents with the draft's Idempotency-Key. Network failures and 502/503/504 are retried with
   * the SAME key (options.reportRetries times); if it still fails, keep the draft and call report(draft) again
   * later. `created` is false when the server had already made the incident for this key (200 instead of 201).
   */
  async report(draft: ReportDraft, coordType: CoordType = 'gcj02'): Promise<{ incident: IncidentView; created: boolean }> {
    const retries = this.options.reportRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.request<IncidentView>({
          method: 'POST',
          path: '/api/v1/incidents',
          query: { coordType },
          body: draft.request,
          headers: { 'Idempotency-Key': draft.idempotencyKey },
        });
        return { incident: res.data, created: res.status === 201 };
      } catch (e) {
        if (!(e instanceof GridGovError) || !e.retryable || e.status === 429 || attempt >= retries) {
          throw e;
        }
        const wait = e.retryAfter !== null ? e.retryAfter * 1000
          : (this.options.retryDelayMs ?? (n => 1000 * 2 ** n))(attempt);
        await this.sleep(wait);
      }
    }
  }

  /** GET /api/v1/incidents/{id}: with flow, photos (presigned URLs) and the caller's allowedActions. */
  incident(id: number, coordType: CoordType = 'gcj02'): Promise<IncidentView> {
    return this.get<IncidentView>(`/api/v1/incidents/${id}`, { coordType });
  }

  /** GET /api/v1/incidents/{id}/flow: every step, oldest first. */
  flow(id: number): Promise<IncidentFlow[]> {
    return this.get<IncidentFlow[]>(`/api/v1/incidents/${id}/flow`);
  }

  /**
   * POST /api/v1/incidents/{id}/transitions. Pass the version you showed the user; on 409 STALE_VERSION reload
   * the incident and let the user decide again.
   */
  transition(id: number, request: TransitionRequest, coordType: CoordType = 'gcj02'): Promise<IncidentView> {
    return this.post<IncidentView>(`/api/v1/incidents/${id}/transitions`, request, true, { coordType });
  }

  /** GET /api/v1/incidents: one page (residents see their own, staff their scope), newest first. */
  incidents(query: IncidentListQuery = {}): Promise<CursorPage<IncidentView>> {
    const { bbox, ...rest } = query;
    return this.get<CursorPage<IncidentView>>('/api/v1/incidents', Object.assign({}, rest, bbox ?? {}));
  }

  /** Every page of GET /api/v1/incidents, following nextCursor (stop iterating to stop fetching). */
  async *incidentPages(query: IncidentListQuery = {}): AsyncGenerator<CursorPage<IncidentView>> {
    let cursor = query.cursor;
    for (;;) {
      const page = await this.incidents(Object.assign({}, query, { cursor }));
      yield page;
      if (!page.nextCursor) {
        return;
      }
      cursor = page.nextCursor;
    }
  }

  // --- Party members and dual registration (双报到) ------------------------------------------------------------

  /**
   * POST /api/v1/party/members/me: registers the caller as a Party member, proving the phone with WeChat's
   * phone-number button; a record staff entered with the same phone is linked (`created` false) instead.
   */
  async registerAsPartyMember(request: PartyMemberSelfRegistration): Promise<{ member: PartyMemberView; created: boolean }> {
    const answer = await this.request<PartyMemberView>({ method: 'POST', path: '/api/v1/party/members/me', body: request });
    return { member: answer.data, created: answer.status === 201 };
  }

  /** GET /api/v1/party/members/me: the caller's member record (404 PARTY_MEMBER_NOT_FOUND when none). */
  myPartyMember(): Promise<PartyMemberView> {
    return this.get<PartyMemberView>('/api/v1/party/members/me');
  }

  /** POST /api/v1/party/registrations: an in-service member registers with the community where they live. */
  registerWithCommunity(communityId: number, buildingId?: number): Promise<RegistrationView> {
    return this.post<RegistrationView>('/api/v1/party/registrations',
      buildingId === undefined ? { communityId } : { communityId, buildingId });
  }

  /** GET /api/v1/party/registrations/mine: the caller's registrations and their decisions. */
  myRegistrations(): Promise<RegistrationView[]> {
    return this.get<RegistrationView[]>('/api/v1/party/registrations/mine');
  }

  /** POST /api/v1/party/registrations/{id}/appeal: appeals a refusal, once (when `canAppeal`). */
  appealRegistration(id: number, version: number, reason: string): Promise<RegistrationView> {
    return this.post<RegistrationView>(`/api/v1/party/registrations/${id}/appeal`, { version, reason });
  }

  /** POST /api/v1/party/registrations/{id}/approve (admins of the community or above). */
  approveRegistration(id: number, version: number): Promise<RegistrationView> {
    return this.post<RegistrationView>(`/api/v1/party/registrations/${id}/approve`, { version });
  }

  /** POST /api/v1/party/registrations/{id}/refuse, with the reason the member reads. */
  refuseRegistration(id: number, version: number, reason: string): Promise<RegistrationView> {
    return this.post<RegistrationView>(`/api/v1/party/registrations/${id}/refuse`, { version, reason });
  }

  /** GET /api/v1/party/orgs/{id} (staff, in scope). */
  partyOrg(id: number): Promise<PartyOrgView> {
    return this.get<PartyOrgView>(`/api/v1/party/orgs/${id}`);
  }

  /** GET /api/v1/party/orgs/{id}/children: the organisations directly under one. */
  partyOrgChildren(id: number): Promise<PartyOrgView[]> {
    return this.get<PartyOrgView[]>(`/api/v1/party/orgs/${id}/children`);
  }

  /** GET /api/v1/party/orgs/{id}/roster: one page of an organisation's roster. */
  partyOrgRoster(id: number, query: { cursor?: string; limit?: number } = {}): Promise<CursorPage<PartyRosterEntry>> {
    return this.get<CursorPage<PartyRosterEntry>>(`/api/v1/party/orgs/${id}/roster`, query);
  }
}
