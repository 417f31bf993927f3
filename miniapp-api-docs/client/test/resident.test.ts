// The residents' and public-board helpers against a fake wx: paths, bodies, no token on the board, ETags, problems.
// Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  addRequestInfo, myRequests, publicIncidents, publicStats, rateRequest, recordRevisit, revisits, withdrawRequest,
} from '../resident';

const NOW = 1_800_000_000_000;

function clientAnswering(reply: (call: WxRequestOptions) => { status: number; data: unknown; header?: Record<string, string> }) {
  const calls: WxRequestOptions[] = [];
  const wx = {
    request(options: WxRequestOptions) {
      calls.push(options);
      const r = reply(options);
      setTimeout(() => options.success?.({ statusCode: r.status, data: r.data, header: r.header ?? {} }), 1);
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

test('myRequests pages with the token', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { items: [{ id: 7 }], nextCursor: 'c2' } }));
  const page = await myRequests(client, { cursor: 'c1', limit: 5 });
  assert.equal(page.items[0].id, 7);
  assert.equal(page.nextCursor, 'c2');
  assert.equal(calls[0].url, 'https://api.test/api/v1/me/requests?cursor=c1&limit=5');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('additions, withdrawal, rating and revisits post their bodies', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 7 } }));
  await addRequestInfo(client, 7, { comment: '又有人差点踩空', mediaIds: ['m1'] });
  await withdrawRequest(client, 7, '已自行解决');
  await rateRequest(client, 7, 5, 2, '太慢');
  await revisits(client, { status: 'OPEN' });
  await recordRevisit(client, 31, { outcome: 'UNSATISFIED', reopen: true });
  assert.deepEqual(calls.map(c => c.method + ' ' + c.url), [
    'POST https://api.test/api/v1/me/requests/7/additions',
    'POST https://api.test/api/v1/me/requests/7/withdrawal',
    'POST https://api.test/api/v1/incidents/7/transitions',
    'GET https://api.test/api/v1/revisits?status=OPEN',
    'POST https://api.test/api/v1/revisits/31/record',
  ]);
  assert.deepEqual(calls[0].data, { comment: '又有人差点踩空', mediaIds: ['m1'] });
  assert.deepEqual(calls[2].data, { action: 'RATE', version: 5, rating: 2, comment: '太慢' });
  assert.deepEqual(calls[4].data, { outcome: 'UNSATISFIED', reopen: true });
});

test('an addition to a closed request is a typed error in Chinese', async () => {
  const { client } = clientAnswering(() => ({
    status: 409, data: { status: 409, code: 'REQUEST_ENDED', detail: '该诉求已办结，不能再补充信息或撤回' },
    header: { 'Content-Type': 'application/problem+json' },
  }));
  await assert.rejects(addRequestInfo(client, 7, { comment: '补充' }), (e: unknown) =>
    e instanceof GridGovError && e.code === 'REQUEST_ENDED' && e.message.includes('已办结'));
});

test('the public board is asked without a token and revalidated by ETag', async () => {
  const { client, calls } = clientAnswering(call => call.header?.['If-None-Match']
    ? { status: 304, data: '' }
    : { status: 200, data: { items: [], nextCursor: null }, header: { ETag: '"e1"' } });
  const first = await publicIncidents(client, { communityId: 37, status: ['CLOSED'], coordType: 'wgs84' });
  assert.equal(first.notModified, false);
  assert.equal(first.etag, '"e1"');
  assert.equal(calls[0].url, 'https://api.test/api/v1/public/incidents?communityId=37&status=CLOSED&coordType=wgs84');
  assert.equal(calls[0].header?.['Authorization'], undefined);
  const again = await publicIncidents(client, { communityId: 37 }, first.etag);
  assert.deepEqual(again, { notModified: true, data: null, etag: '"e1"' });
  assert.equal(calls[1].header?.['If-None-Match'], '"e1"');
});

test('public stats: 429 is a typed error with its wait', async () => {
  const { client } = clientAnswering(() => ({
    status: 429, data: { status: 429, code: 'TOO_MANY_BOARD_REQUESTS', detail: '访问过于频繁，请稍后再试' },
    header: { 'Retry-After': '30' },
  }));
  await assert.rejects(publicStats(client, { townId: 2 }), (e: unknown) =>
    e instanceof GridGovError && e.code === 'TOO_MANY_BOARD_REQUESTS');
});
