// The visit helpers against a fake wx: paths, query, bodies, the follow-up's created flag and the due label. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  dueLabel, householdVisits, recordVisit, setVisitRule, visitDueOfHousehold, visitFollowUpIncident, visitsDue,
} from '../visits';

const NOW = 1_800_000_000_000;

function clientAnswering(reply: (call: WxRequestOptions) => { status: number; data: unknown }) {
  const calls: WxRequestOptions[] = [];
  const wx = {
    request(options: WxRequestOptions) {
      calls.push(options);
      const r = reply(options);
      setTimeout(() => options.success?.({ statusCode: r.status, data: r.data, header: {} }), 1);
      return {};
    },
    uploadFile() { return {}; },
    login() { /* not used */ },
    getStorageSync: () => '',
    setStorageSync: () => { /* not used */ },
    removeStorageSync: () => { /* not used */ },
  } as unknown as WxLike;
  const client = new GridGovClient({
    baseUrl: 'https://api.test/', wx, now: () => NOW,
    tokens: memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 600_000 }),
  });
  return { client, calls };
}

test('visitsDue asks for the due list with the paging and window given', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { items: [{ householdId: 5012, overdueDays: 3 }],
    nextCursor: null } }));
  const page = await visitsDue(client, { limit: 50, withinDays: 0 });
  assert.equal(page.items[0].householdId, 5012);
  assert.equal(calls[0].url, 'https://api.test/api/v1/visits/due?limit=50&withinDays=0');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('recordVisit posts the visit with gcj02 answers by default; the household list names the household', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 201, data: { id: 88, farFromBuilding: true } }));
  const v = await recordVisit(client, { householdId: 5012, mode: 'HOME', situation: '身体尚可',
    location: { lng: 117.28, lat: 31.86 } });
  assert.equal(v.farFromBuilding, true);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/visits?coordType=gcj02');
  assert.equal((calls[0].data as { mode: string }).mode, 'HOME');
  await householdVisits(client, 5012, { limit: 10 });
  assert.equal(calls[1].url, 'https://api.test/api/v1/visits?householdId=5012&limit=10');
});

test('visitFollowUpIncident tells a new incident from the one made before', async () => {
  let n = 0;
  const { client, calls } = clientAnswering(() => ({ status: n++ === 0 ? 201 : 200, data: { id: 1024, source: 'VISIT' } }));
  const first = await visitFollowUpIncident(client, 88, { categoryCode: '0301' });
  const again = await visitFollowUpIncident(client, 88, { categoryCode: '0301' });
  assert.deepEqual([first.created, again.created], [true, false]);
  assert.equal(again.incident.id, 1024);
  assert.equal(calls[0].url, 'https://api.test/api/v1/visits/88/incident?coordType=gcj02');
});

test('setVisitRule PUTs the interval; another compound\'s household is a GridGovError 404', async () => {
  const { client, calls } = clientAnswering(call => call.method === 'PUT'
    ? { status: 200, data: [{ kind: 'ELDERLY_ALONE', intervalDays: 5 }] }
    : { status: 404, data: { type: 'about:blank', title: 'Not Found', status: 404, code: 'HOUSEHOLD_NOT_FOUND',
      detail: '户不存在或无权访问：5012' } });
  const rules = await setVisitRule(client, 'ELDERLY_ALONE', 5);
  assert.equal(rules[0].intervalDays, 5);
  assert.equal(calls[0].url, 'https://api.test/api/v1/visits/rules/ELDERLY_ALONE');
  assert.deepEqual(calls[0].data, { intervalDays: 5 });
  await assert.rejects(visitDueOfHousehold(client, 5012), (e: unknown) => {
    assert.ok(e instanceof GridGovError);
    assert.equal(e.code, 'HOUSEHOLD_NOT_FOUND');
    return true;
  });
});

test('dueLabel reads overdue, due today and days left', () => {
  assert.equal(dueLabel({ overdueDays: 3 }), '超期 3 天');
  assert.equal(dueLabel({ overdueDays: 0 }), '今天到期');
  assert.equal(dueLabel({ overdueDays: -4 }), '还剩 4 天');
});
