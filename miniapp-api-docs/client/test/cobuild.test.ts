// The co-building helpers against a fake wx: paths, query, bodies with the version, and problems. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  answerCobuildShare, cobuildAgreements, linkAsCobuildContact, recordCobuildShareUse, startCobuildShare,
  updateCobuildUnit,
} from '../cobuild';

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

test('linkAsCobuildContact posts the phone code and answers the units', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: [{ id: 31, contactPhone: '139****5678' }] }));
  const units = await linkAsCobuildContact(client, 'code-1');
  assert.equal(units[0].id, 31);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/party/cobuild/contacts/me');
  assert.deepEqual(calls[0].data, { phoneCode: 'code-1' });
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('the agreements list asks for those expiring soon', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { items: [], nextCursor: null } }));
  await cobuildAgreements(client, { communityId: 37, expiringSoon: true, limit: 20 });
  assert.equal(calls[0].url, 'https://api.test/api/v1/party/cobuild/agreements?communityId=37&expiringSoon=true&limit=20');
});

test('share steps carry the version (and the reason) to their own paths; a unit update is a PUT', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 5, version: 1 } }));
  await answerCobuildShare(client, { id: 5, version: 0 }, 'ACCEPT');
  assert.equal(calls[0].url, 'https://api.test/api/v1/party/cobuild/shares/5/accept');
  assert.deepEqual(calls[0].data, { version: 0 });
  await answerCobuildShare(client, { id: 5, version: 0 }, 'DECLINE', '当天场地已有安排');
  assert.equal(calls[1].url, 'https://api.test/api/v1/party/cobuild/shares/5/decline');
  assert.deepEqual(calls[1].data, { version: 0, reason: '当天场地已有安排' });
  await recordCobuildShareUse(client, { id: 5, version: 1 }, '2026-07-01', '120 名党员参加');
  assert.equal(calls[2].url, 'https://api.test/api/v1/party/cobuild/shares/5/use');
  assert.deepEqual(calls[2].data, { version: 1, usedOn: '2026-07-01', outcome: '120 名党员参加' });
  await startCobuildShare(client, { resourceId: 12, communityId: 37, kind: 'OFFER', purpose: '暑期义务辅导' });
  assert.equal(calls[3].url, 'https://api.test/api/v1/party/cobuild/shares');
  await updateCobuildUnit(client, 31, { version: 0, name: '县供电公司', kind: 'ENTERPRISE', contactName: '赵强' });
  assert.equal(calls[4].method, 'PUT');
  assert.equal(calls[4].url, 'https://api.test/api/v1/party/cobuild/units/31');
});

test('a refused step is a GridGovError with the Chinese detail', async () => {
  const problem = { type: 'about:blank', title: 'Conflict', status: 409, code: 'SHARE_STATUS_CONFLICT',
    detail: '该资源共享已接受，不能接受' };
  const { client } = clientAnswering(() => ({ status: 409, data: problem }));
  await assert.rejects(answerCobuildShare(client, { id: 5, version: 1 }, 'ACCEPT'), (e: unknown) => {
    assert.ok(e instanceof GridGovError);
    assert.equal(e.status, 409);
    assert.equal(e.code, 'SHARE_STATUS_CONFLICT');
    assert.equal(e.detail, '该资源共享已接受，不能接受');
    return true;
  });
});
