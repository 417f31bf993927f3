// The facility and patrol helpers against a fake wx: paths, query, headers, batching and thinning. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  PatrolFix, finishPatrol, importFacilities, nearbyFacilities, reportPatrolFinding, sendPatrolPoints, startPatrol,
  thinFixes, updateFacility,
} from '../things';

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

test('nearbyFacilities asks with lon, lat and gcj02 by default', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: [{ id: 88, distanceMetres: 6.4 }] }));
  const found = await nearbyFacilities(client, 117.28, 31.86);
  assert.equal(found[0].id, 88);
  assert.equal(calls[0].url, 'https://api.test/api/v1/facilities/nearby?lon=117.28&lat=31.86&coordType=gcj02');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('updateFacility PUTs with the version; a CSV import goes as text/csv', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 88, imported: 1 } }));
  await updateFacility(client, 88, {
    name: '东门井盖', categoryCode: '0101', location: { lng: 117.28, lat: 31.86 }, state: 'DAMAGED', version: 0,
  });
  assert.equal(calls[0].method, 'PUT');
  assert.equal(calls[0].url, 'https://api.test/api/v1/facilities/88?coordType=gcj02');
  await importFacilities(client, '名称,类型,经度,纬度\n东门井盖,0101,117.28,31.86\n');
  assert.equal(calls[1].header?.['Content-Type'], 'text/csv; charset=utf-8');
  assert.equal(calls[1].url, 'https://api.test/api/v1/facilities/import?coordType=wgs84');
  await importFacilities(client, { type: 'FeatureCollection', features: [] }, 'gcj02');
  assert.equal(calls[2].header?.['Content-Type'], 'application/geo+json');
});

test('a rejected import is a GridGovError carrying the rows', async () => {
  const problem = { type: 'about:blank', title: 'Unprocessable Content', status: 422, code: 'FACILITY_IMPORT_REJECTED',
    detail: '导入被拒绝，未写入任何数据：1 行有问题', rows: [{ row: 3, code: 'X', field: 'categoryCode', reason: '第 3 行：…' }] };
  const { client } = clientAnswering(() => ({ status: 422, data: problem }));
  await assert.rejects(importFacilities(client, 'x'), (e: unknown) => {
    assert.ok(e instanceof GridGovError);
    assert.equal(e.code, 'FACILITY_IMPORT_REJECTED');
    return true;
  });
});

test('thinFixes keeps one fix per 10 s in time order', () => {
  const fixes: PatrolFix[] = [0, 4000, 10000, 25000, 12000, 31000].map((t, i) => ({ lng: i, lat: 0, at: t }));
  assert.deepEqual(thinFixes(fixes).map(f => f.at), [0, 10000, 25000]);
  assert.deepEqual(thinFixes(fixes, 5000).map(f => f.at), [25000]);
});

test('sendPatrolPoints sends batches of at most 500 and answers the last result', async () => {
  let n = 0;
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { kept: 0, pointsKept: ++n } }));
  const fixes: PatrolFix[] = Array.from({ length: 1200 }, (_, i) => ({ lng: 117, lat: 31, at: NOW + i * 10_000 }));
  const result = await sendPatrolPoints(client, 31, fixes);
  assert.equal(calls.length, 3);
  assert.deepEqual(calls.map(c => (c.data as { points: unknown[] }).points.length), [500, 500, 200]);
  assert.equal((calls[0].data as { coordType: string }).coordType, 'gcj02');
  assert.equal((calls[0].data as { points: Array<{ at: string }> }).points[1].at, new Date(NOW + 10_000).toISOString());
  assert.equal(result?.pointsKept, 3);
});

test('start, finding with its Idempotency-Key, and finish use the patrol paths', async () => {
  const { client, calls } = clientAnswering(c => ({ status: c.url.includes('findings') ? 201 : 200, data: { id: 31 } }));
  await startPatrol(client);
  const finding = await reportPatrolFinding(client, 31, {
    categoryCode: '0101', description: '井盖破裂', location: { lng: 117.28, lat: 31.86 },
  }, 'k-1');
  await finishPatrol(client, 31);
  assert.equal(calls[0].url, 'https://api.test/api/v1/patrols');
  assert.equal(calls[1].header?.['Idempotency-Key'], 'k-1');
  assert.equal(finding.created, true);
  assert.equal(calls[2].url, 'https://api.test/api/v1/patrols/31/finish?coordType=gcj02');
});
