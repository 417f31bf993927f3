// The content-safety helpers against a fake wx: the rating from one's own requests, moderators' flags and
// decisions, and reading the refusals (risky text, muted user). Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { decideFlag, isContentRisky, moderationFlags, mutedUntil, rateMyRequest } from '../moderation';

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

test('rateMyRequest posts stars and comment to the own request, without a version', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 7, rating: { stars: 4 } } }));
  const answer = await rateMyRequest(client, 7, 4, '很快');
  assert.equal(answer.rating?.stars, 4);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/me/requests/7/rating');
  assert.deepEqual(calls[0].data, { stars: 4, comment: '很快' });
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('moderators list flags and decide them', async () => {
  const flag = { id: 301, kind: 'PHOTO', reason: 'RISKY', status: 'OPEN', incidentId: 1024, authorId: 88 };
  const { client, calls } = clientAnswering(call => call.method === 'GET'
    ? { status: 200, data: { items: [flag], nextCursor: null } }
    : { status: 200, data: { ...flag, status: 'HIDDEN', decision: 'HIDE_AND_WARN' } });
  const page = await moderationFlags(client, { status: 'OPEN', limit: 50 });
  assert.equal(page.items[0].reason, 'RISKY');
  const decided = await decideFlag(client, 301, 'HIDE_AND_WARN', { note: '广告', muteHours: 168 });
  assert.equal(decided.status, 'HIDDEN');
  assert.deepEqual(calls.map(c => c.method + ' ' + c.url), [
    'GET https://api.test/api/v1/moderation/flags?status=OPEN&limit=50',
    'POST https://api.test/api/v1/moderation/flags/301/decision',
  ]);
  assert.deepEqual(calls[1].data, { decision: 'HIDE_AND_WARN', note: '广告', muteHours: 168 });
});

test('risky text and a muted user are typed refusals in Chinese', async () => {
  const { client } = clientAnswering(call => call.url.endsWith('/7/rating')
    ? { status: 422, data: { status: 422, code: 'CONTENT_RISKY', detail: '内容含有违规信息，未能提交，请修改后重试' } }
    : { status: 403, data: { status: 403, code: 'USER_MUTED', detail: '您因多次发布违规内容已被禁言至 2026-03-08 09:30（北京时间）',
        mutedUntil: '2026-03-08T09:30:00+08:00' } });
  let caught: unknown;
  await rateMyRequest(client, 7, 5, '…').catch(e => { caught = e; });
  assert.ok(isContentRisky(caught));
  assert.equal(mutedUntil(caught), null);
  await rateMyRequest(client, 8, 5).catch(e => { caught = e; });
  assert.ok(caught instanceof GridGovError && caught.status === 403 && caught.detail.includes('北京时间'));
  assert.equal(mutedUntil(caught), '2026-03-08T09:30:00+08:00');
  assert.ok(!isContentRisky(caught));
});
