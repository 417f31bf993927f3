// The Open311 key helpers against a fake wx: paths, methods, bodies, the token, problems. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { issueOpen311Key, open311Keys, open311Url, revokeOpen311Key } from '../open311';

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

const VIEW = {
  id: 3, name: '市12345热线平台', keyHint: 'o311_Zx9', regionId: 12, regionName: '青羊镇',
  createdAt: '2026-03-01T09:00:00+08:00', revokedAt: null,
};

test('issueOpen311Key posts the name and node and hands back the key shown once', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 201, data: { apiKey: 'o311_Zx9fQ2', key: VIEW } }));
  const issued = await issueOpen311Key(client, { name: '市12345热线平台', regionId: 12 });
  assert.equal(issued.apiKey, 'o311_Zx9fQ2');
  assert.equal(issued.key.keyHint, 'o311_Zx9');
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/open311/keys');
  assert.deepEqual(calls[0].data, { name: '市12345热线平台', regionId: 12 });
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('open311Keys lists and revokeOpen311Key deletes by id', async () => {
  const { client, calls } = clientAnswering(call => call.method === 'GET'
    ? { status: 200, data: [VIEW] } : { status: 204, data: '' });
  const keys = await open311Keys(client);
  assert.deepEqual(keys.map(k => k.id), [3]);
  assert.equal(await revokeOpen311Key(client, 3), undefined);
  assert.equal(calls[1].method, 'DELETE');
  assert.equal(calls[1].url, 'https://api.test/api/v1/open311/keys/3');
});

test('a key outside the scope is a GridGovError with its code', async () => {
  const { client } = clientAnswering(() => ({
    status: 404, data: { code: 'OPEN311KEY_NOT_FOUND', title: 'Not Found', status: 404, detail: '密钥不存在或无权访问：9' },
  }));
  await assert.rejects(revokeOpen311Key(client, 9), (e: unknown) =>
    e instanceof GridGovError && e.status === 404 && e.code === 'OPEN311KEY_NOT_FOUND');
});

test('open311Url builds the GeoReport v2 address with format and query', () => {
  assert.equal(open311Url('https://api.test/', 'services', 'xml'), 'https://api.test/open311/v2/services.xml');
  assert.equal(open311Url('https://api.test', 'requests', 'json', { api_key: 'k 1', status: undefined }),
    'https://api.test/open311/v2/requests.json?api_key=k%201');
});
