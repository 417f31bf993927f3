// Tests of the client's pure parts against a fake wx: problem parsing, idempotency keys kept across retries,
// one refresh for many concurrent 401s, the session ending on a refused refresh. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  GridGovClient, GridGovError, memoryTokenStore, newIdempotencyKey, newReportDraft, parseProblem, parseRetryAfter,
  queryString, Tokens, WxLike, WxRequestOptions, WxUploadOptions,
} from '../gridgov';

/** What the fake server answers: status, body, headers. */
interface Reply {
  status: number;
  data?: unknown;
  header?: Record<string, string>;
}

type Handler = (call: WxRequestOptions) => Reply | 'network-failure';

/** A fake wx whose requests answer asynchronously from `handler`, recording every call. */
function fakeWx(handler: Handler) {
  const calls: WxRequestOptions[] = [];
  const uploads: WxUploadOptions[] = [];
  const storage = new Map<string, unknown>();
  const wx: WxLike = {
    request(options) {
      calls.push(options);
      setTimeout(() => {
        const reply = handler(options);
        if (reply === 'network-failure') {
          options.fail?.({ errMsg: 'request:fail timeout' });
        } else {
          options.success?.({ statusCode: reply.status, data: reply.data ?? '', header: reply.header ?? {} });
        }
      }, 1);
      return {};
    },
    uploadFile(options) {
      uploads.push(options);
      setTimeout(() => {
        const auth = options.header?.['Authorization'];
        if (auth !== 'Bearer A2') {
          options.success?.({ statusCode: 401, data: JSON.stringify({ status: 401, code: 'TOKEN_INVALID', detail: '登录已失效，请重新登录' }) });
        } else {
          options.success?.({ statusCode: 201, data: JSON.stringify({ id: 'f0e1', contentType: 'image/jpeg' }) });
        }
      }, 1);
      return {};
    },
    login(options) {
      setTimeout(() => options.success?.({ code: 'dev:alice' }), 1);
    },
    getStorageSync: key => storage.get(key) ?? '',
    setStorageSync: (key, value) => { storage.set(key, value); },
    removeStorageSync: key => { storage.delete(key); },
  };
  return { wx, calls, uploads };
}

const NOW = 1_800_000_000_000;

function session(access: string, refresh: string): Tokens {
  return { accessToken: access, refreshToken: refresh, expiresAt: NOW + 600_000 };
}

function login(access: string, refresh: string) {
  return { accessToken: access, refreshToken: refresh, expiresIn: 900, tokenType: 'Bearer', user: { id: 7, kind: 'RESIDENT', roles: ['RESIDENT'] } };
}

function path(call: WxRequestOptions): string {
  return call.url.replace('https://api.test', '').split('?')[0];
}

test('problem+json becomes a typed error with code, detail, status, field errors and Retry-After', () => {
  const e = parseProblem(400, {
    type: 'https://gridgov.cn/problems/validation-failed', title: 'VALIDATION_FAILED', status: 400,
    detail: '请求参数有误', code: 'VALIDATION_FAILED', errors: [{ field: 'description', message: '不能为空' }],
  });
  assert.ok(e instanceof GridGovError);
  assert.equal(e.status, 400);
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.equal(e.detail, '请求参数有误');
  assert.deepEqual(e.errors, [{ field: 'description', message: '不能为空' }]);

  const limited = parseProblem(429, JSON.stringify({ status: 429, code: 'TOO_MANY_ATTEMPTS', detail: '尝试次数过多，请 1 分钟后再试' }),
    { 'retry-after': '42' });
  assert.equal(limited.code, 'TOO_MANY_ATTEMPTS');
  assert.equal(limited.retryAfter, 42);
  assert.equal(limited.retryable, true);

  const conflict = parseProblem(409, { status: 409, code: 'ACTION_NOT_ALLOWED', detail: 'x', allowedActions: ['START'] });
  assert.deepEqual(conflict.problem?.allowedActions, ['START']);
});

test('ACTION_NOT_ALLOWED keeps the HTTP status although its body repeats "status" with the incident state', () => {
  // the server sends {"status":409, ..., "status":"REPORTED", "allowedActions":[]}; JSON.parse keeps the last one
  const raw = '{"type":"https://gridgov.cn/problems/action-not-allowed","title":"ACTION_NOT_ALLOWED","status":409,'
    + '"detail":"事件当前状态（REPORTED）下不能执行 RATE，可执行：无","code":"ACTION_NOT_ALLOWED","status":"REPORTED","allowedActions":[]}';
  const e = parseProblem(409, raw);
  assert.equal(e.status, 409);
  assert.equal(e.code, 'ACTION_NOT_ALLOWED');
  assert.deepEqual(e.problem?.allowedActions, []);
});

test('a body that is not a problem (a proxy page) still gives a stable code', () => {
  const e = parseProblem(502, '<html>Bad Gateway</html>');
  assert.equal(e.code, 'INTERNAL_ERROR');
  assert.equal(e.status, 502);
  assert.equal(e.retryable, true);
  assert.equal(parseProblem(404, '').code, 'HTTP_404');
  assert.equal(parseRetryAfter('Fri, 27 Nov 2026 22:00:10 GMT', Date.parse('Fri, 27 Nov 2026 22:00:00 GMT')), 10);
  assert.equal(parseRetryAfter(undefined), null);
});

test('query strings skip empty values and join lists with commas', () => {
  assert.equal(queryString({ status: ['REPORTED', 'ACCEPTED'], cursor: undefined, limit: 50, assignee: 'me' }),
    '?status=REPORTED%2CACCEPTED&limit=50&assignee=me');
  assert.equal(queryString({}), '');
});

test('idempotency keys look like UUIDs and differ between drafts', () => {
  const a = newIdempotencyKey();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(newReportDraft({ categoryCode: '0101', description: 'x', location: { lng: 1, lat: 2 } }).idempotencyKey,
    newReportDraft({ categoryCode: '0101', description: 'x', location: { lng: 1, lat: 2 } }).idempotencyKey);
});

test('a report retried after a network failure and a 503 sends the same Idempotency-Key every time', async () => {
  let n = 0;
  const { wx, calls } = fakeWx(() => {
    n++;
    if (n === 1) return 'network-failure';
    if (n === 2) return { status: 503, data: { status: 503, code: 'STORAGE_UNAVAILABLE', detail: '稍后重试' } };
    return { status: 200, data: { id: 41, status: 'REPORTED', version: 0 } };
  });
  const waits: number[] = [];
  const client = new GridGovClient({
    baseUrl: 'https://api.test', wx, tokens: memoryTokenStore(session('A1', 'R1')), now: () => NOW,
    sleep: async ms => { waits.push(ms); },
  });
  const draft = newReportDraft({ categoryCode: '0101', description: '井盖缺失', location: { lng: 113.43, lat: 36.2 } });
  const result = await client.report(draft);
  assert.equal(result.incident.id, 41);
  assert.equal(result.created, false, '200 means the server had already made it for this key');
  assert.equal(calls.length, 3);
  for (const call of calls) {
    assert.equal(call.header?.['Idempotency-Key'], draft.idempotencyKey);
    assert.equal(call.header?.['Authorization'], 'Bearer A1');
    assert.deepEqual(call.data, draft.request);
  }
  assert.deepEqual(waits, [1000, 2000]);
});

test('a report is not retried on a 4xx', async () => {
  const { wx, calls } = fakeWx(() => ({ status: 422, data: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED', detail: 'x' } }));
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens: memoryTokenStore(session('A1', 'R1')), now: () => NOW });
  await assert.rejects(client.report(newReportDraft({ categoryCode: '0101', description: 'x', location: { lng: 1, lat: 2 } })),
    (e: GridGovError) => e.code === 'IDEMPOTENCY_KEY_REUSED');
  assert.equal(calls.length, 1);
});

test('concurrent 401s share one refresh, and every request is retried once with the new token', async () => {
  const { wx, calls } = fakeWx(call => {
    if (path(call) === '/api/v1/auth/refresh') {
      assert.deepEqual(call.data, { refreshToken: 'R1' });
      return { status: 200, data: login('A2', 'R2') };
    }
    return call.header?.['Authorization'] === 'Bearer A2'
      ? { status: 200, data: { ok: path(call) } }
      : { status: 401, data: { status: 401, code: 'TOKEN_INVALID', detail: '登录已失效，请重新登录' } };
  });
  const store = memoryTokenStore(session('A1', 'R1'));
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens: store, now: () => NOW });
  const answers = await Promise.all([client.me(), client.incident(1), client.incident(2), client.flow(3)]);
  assert.equal(answers.length, 4);
  assert.equal(calls.filter(c => path(c) === '/api/v1/auth/refresh').length, 1);
  assert.equal(calls.length, 4 + 1 + 4);
  assert.deepEqual(store.get(), { accessToken: 'A2', refreshToken: 'R2', expiresAt: NOW + 900_000 });
});

test('an expiring access token is refreshed before the call, once', async () => {
  const { wx, calls } = fakeWx(call => path(call) === '/api/v1/auth/refresh'
    ? { status: 200, data: login('A2', 'R2') } : { status: 200, data: {} });
  const store = memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 10_000 });
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens: store, now: () => NOW });
  await Promise.all([client.me(), client.me()]);
  assert.deepEqual(calls.map(path), ['/api/v1/auth/refresh', '/api/v1/me', '/api/v1/me']);
  assert.ok(calls.slice(1).every(c => c.header?.['Authorization'] === 'Bearer A2'));
});

test('feedTicket posts with the access token and answers the one-time ticket', async () => {
  const { wx, calls } = fakeWx(call => call.header?.['Authorization'] === 'Bearer A1' && call.method === 'POST'
    ? { status: 201, data: { ticket: 'T-once', expiresAt: '2027-01-15T08:00:30+08:00' } }
    : { status: 401, data: { status: 401, code: 'UNAUTHENTICATED', detail: '请先登录' } });
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens: memoryTokenStore(session('A1', 'R1')), now: () => NOW });
  const ticket = await client.feedTicket();
  assert.deepEqual(ticket, { ticket: 'T-once', expiresAt: '2027-01-15T08:00:30+08:00' });
  assert.deepEqual(calls.map(path), ['/api/v1/feed/tickets']);
  assert.ok(!calls[0].url.includes('A1'), 'the access token never goes into a URL');
});

test('a refused refresh (reused token) ends the session and reports why', async () => {
  const { wx, calls } = fakeWx(call => path(call) === '/api/v1/auth/refresh'
    ? { status: 401, data: { status: 401, code: 'REFRESH_TOKEN_REUSED', detail: '登录凭证已被使用过' } }
    : { status: 401, data: { status: 401, code: 'TOKEN_INVALID', detail: '登录已失效' } });
  const store = memoryTokenStore(session('A1', 'R1'));
  const ended: string[] = [];
  const client = new GridGovClient({
    baseUrl: 'https://api.test', wx, tokens: store, now: () => NOW, onSessionEnded: e => ended.push(e.code),
  });
  await assert.rejects(client.me(), (e: GridGovError) => e.status === 401 && e.code === 'REFRESH_TOKEN_REUSED');
  assert.equal(store.get(), null);
  assert.deepEqual(ended, ['REFRESH_TOKEN_REUSED']);
  assert.equal(calls.length, 2, 'no second attempt of the call after a refused refresh');
});

test('uploadPhoto sends field "file", refreshes on 401 and parses the text body', async () => {
  const { wx, uploads } = fakeWx(call => path(call) === '/api/v1/auth/refresh'
    ? { status: 200, data: login('A2', 'R2') } : { status: 500 });
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens: memoryTokenStore(session('A1', 'R1')), now: () => NOW });
  const media = await client.uploadPhoto('wxfile://tmp_1.jpg');
  assert.equal(media.id, 'f0e1');
  assert.equal(uploads.length, 2);
  assert.ok(uploads.every(u => u.name === 'file' && u.url === 'https://api.test/api/v1/media?coordType=gcj02'));
});

test('login with wx.login stores the session; logout forgets it and tells the server', async () => {
  const { wx, calls } = fakeWx(call => path(call) === '/api/v1/auth/wechat/login'
    ? { status: 200, data: login('A1', 'R1') } : { status: 204 });
  const client = new GridGovClient({ baseUrl: 'https://api.test/', wx, now: () => NOW });
  const res = await client.loginWithWeChat();
  assert.equal(res.user.id, 7);
  assert.equal(client.loggedIn, true);
  assert.deepEqual(calls[0].data, { code: 'dev:alice' });
  assert.equal(calls[0].header?.['Authorization'], undefined);
  await client.logout();
  assert.equal(client.loggedIn, false);
  assert.deepEqual(calls[1].data, { refreshToken: 'R1' });
  assert.equal(path(calls[1]), '/api/v1/auth/logout');
});

test('incidentPages follows nextCursor to the end', async () => {
  const { wx, calls } = fakeWx(call => call.url.includes('cursor=c2')
    ? { status: 200, data: { items: [{ id: 1 }], nextCursor: null } }
    : { status: 200, data: { items: [{ id: 3 }, { id: 2 }], nextCursor: 'c2' } });
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens: memoryTokenStore(session('A1', 'R1')), now: () => NOW });
  const ids: number[] = [];
  for await (const page of client.incidentPages({ status: ['REPORTED'], limit: 2 })) {
    ids.push(...page.items.map(i => i.id));
  }
  assert.deepEqual(ids, [3, 2, 1]);
  assert.equal(calls.length, 2);
  assert.match(calls[0].url, /status=REPORTED&limit=2/);
});

test('a delayed staff login is a 429 with the server\'s wait in retryAfter and is not retried', async () => {
  const { wx, calls } = fakeWx(() => ({
    status: 429, header: { 'Retry-After': '8' },
    data: { status: 429, code: 'LOGIN_DELAYED', detail: '该账号密码错误次数较多，为保护账号安全，请 8 秒后再试（本次未核对密码）' },
  }));
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, now: () => NOW });
  await assert.rejects(client.staffLogin('zhang', 'pw'), (e: unknown) =>
    e instanceof GridGovError && e.status === 429 && e.code === 'LOGIN_DELAYED' && e.retryAfter === 8);
  assert.equal(calls.length, 1);
  assert.equal(client.loggedIn, false);
});

test('own credentials: binding code, password change and unbinding send the current password; the new session is stored', async () => {
  const { wx, calls } = fakeWx(call => {
    switch (path(call)) {
      case '/api/v1/auth/binding-code': return { status: 200, data: { code: '994D5FRD', expiresAt: '2026-03-01T08:15:00+08:00' } };
      case '/api/v1/auth/password': return { status: 200, data: login('A2', 'R2') };
      case '/api/v1/auth/wechat/unbind': return { status: 200, data: login('A3', 'R3') };
      default: return { status: 200, data: { items: [{ id: 9, action: 'PASSWORD_CHANGED', targetId: 7 }], nextCursor: null } };
    }
  });
  const tokens = memoryTokenStore(session('A1', 'R1'));
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, tokens, now: () => NOW });
  assert.equal((await client.ownBindingCode('old-pw')).code, '994D5FRD');
  assert.deepEqual(calls[0].data, { currentPassword: 'old-pw' });
  await client.changePassword('old-pw', 'new-password-1');
  assert.deepEqual(calls[1].data, { currentPassword: 'old-pw', newPassword: 'new-password-1' });
  assert.equal(calls[1].header?.['Authorization'], 'Bearer A1');
  assert.equal(tokens.get()?.refreshToken, 'R2');
  await client.unbindWeChat('new-password-1');
  assert.equal(path(calls[2]), '/api/v1/auth/wechat/unbind');
  assert.equal(calls[2].header?.['Authorization'], 'Bearer A2');
  assert.equal(tokens.get()?.accessToken, 'A3');
  const page = await client.staffAudit({ targetId: 7, limit: 50 });
  assert.equal(page.items[0].action, 'PASSWORD_CHANGED');
  assert.ok(calls[3].url.endsWith('/api/v1/staff/audit?targetId=7&limit=50'), calls[3].url);
});

test('Party member: self-registration tells a link (200) from a new record (201); registration, appeal and roster calls', async () => {
  let linked = false;
  const { wx, calls } = fakeWx(call => {
    switch (path(call)) {
      case '/api/v1/party/members/me':
        linked = !linked;
        return { status: linked ? 200 : 201, data: { id: 501, name: '陈静', phone: '138****1234' } };
      case '/api/v1/party/registrations': return { status: 201, data: { id: 31, status: 'PENDING', version: 0 } };
      case '/api/v1/party/registrations/31/appeal': return { status: 200, data: { id: 31, status: 'PENDING', version: 2 } };
      case '/api/v1/party/registrations/31/appeal-again':
        return { status: 409, data: { status: 409, code: 'APPEAL_USED', detail: '每次报到只能申诉一次，已申诉过' } };
      default: return { status: 200, data: { items: [{ memberId: 501, relation: 'REGISTERED' }], nextCursor: null } };
    }
  });
  const client = new GridGovClient({ baseUrl: 'https://api.test', wx, now: () => NOW, tokens: memoryTokenStore(session('A1', 'R1')) });
  const first = await client.registerAsPartyMember({ phoneCode: 'pc', name: '陈静', orgId: 205, inService: true });
  assert.equal(first.created, false);
  assert.deepEqual(calls[0].data, { phoneCode: 'pc', name: '陈静', orgId: 205, inService: true });
  assert.equal((await client.registerAsPartyMember({ phoneCode: 'pc2', name: '陈静', orgId: 205 })).created, true);
  const registration = await client.registerWithCommunity(37, 412);
  assert.equal(registration.status, 'PENDING');
  assert.deepEqual(calls[2].data, { communityId: 37, buildingId: 412 });
  assert.deepEqual((await client.registerWithCommunity(37)) && calls[3].data, { communityId: 37 });
  await client.appealRegistration(31, 1, '已在本社区居住三年');
  assert.deepEqual(calls[4].data, { version: 1, reason: '已在本社区居住三年' });
  assert.equal(calls[4].method, 'POST');
  const roster = await client.partyOrgRoster(205, { limit: 50 });
  assert.equal(roster.items[0].relation, 'REGISTERED');
  assert.ok(calls[5].url.endsWith('/api/v1/party/orgs/205/roster?limit=50'), calls[5].url);
  await assert.rejects(client.request({ method: 'POST', path: '/api/v1/party/registrations/31/appeal-again', body: {} }),
    (e: unknown) => e instanceof GridGovError && e.status === 409 && e.code === 'APPEAL_USED');
});
