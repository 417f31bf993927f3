// The hotline client helpers against a fake wx: paths, methods, bodies, the token, problems. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { hotlineClients, issueHotlineClient, revokeHotlineClient } from '../hotline';

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
  id: 5, name: '县12345热线平台', keyHint: 'hl_Qm7xZ', regionId: 1, regionName: '青羊县',
  callbackUrl: 'https://12345.example.gov.cn/gridgov/callback', createdAt: '2026-03-01T09:00:00+08:00', revokedAt: null,
};

test('issueHotlineClient posts the name, node and callback URL and hands back the key shown once', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 201, data: { apiKey: 'hl_Qm7xZabc', client: VIEW } }));
  const issued = await issueHotlineClient(client, {
    name: '县12345热线平台', regionId: 1, callbackUrl: 'https://12345.example.gov.cn/gridgov/callback',
  });
  assert.equal(issued.apiKey, 'hl_Qm7xZabc');
  assert.equal(issued.client.keyHint, 'hl_Qm7xZ');
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/integrations/hotline/clients');
  assert.deepEqual(calls[0].data, {
    name: '县12345热线平台', regionId: 1, callbackUrl: 'https://12345.example.gov.cn/gridgov/callback',
  });
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('hotlineClients lists and revokeHotlineClient deletes by id', async () => {
  const { client, calls } = clientAnswering(call => call.method === 'GET'
    ? { status: 200, data: [VIEW] } : { status: 204, data: '' });
  const clients = await hotlineClients(client);
  assert.deepEqual(clients.map(c => c.id), [5]);
  assert.equal(clients[0].callbackUrl, 'https://12345.example.gov.cn/gridgov/callback');
  assert.equal(await revokeHotlineClient(client, 5), undefined);
  assert.equal(calls[1].method, 'DELETE');
  assert.equal(calls[1].url, 'https://api.test/api/v1/integrations/hotline/clients/5');
});

test('a bad callback URL is a GridGovError with its code', async () => {
  const { client } = clientAnswering(() => ({
    status: 400, data: { code: 'HOTLINE_BAD_CALLBACK_URL', title: 'Bad Request', status: 400,
      detail: 'callbackUrl 应是不超过 500 字符、不含用户名密码的 http(s) 绝对地址' },
  }));
  await assert.rejects(issueHotlineClient(client, { name: 'x', regionId: 1, callbackUrl: 'ftp://x' }), (e: unknown) =>
    e instanceof GridGovError && e.status === 400 && e.code === 'HOTLINE_BAD_CALLBACK_URL');
});
