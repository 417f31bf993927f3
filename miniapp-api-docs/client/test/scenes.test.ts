// The building and grid code helpers against a fake wx: reading the scene from onLoad, resolving it, the staff PNG
// and the ZIP's URL, problems in Chinese. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { fetchWxacode, resolveScene, sceneFromLaunch, scenePath, wxacodeZipUrl } from '../scenes';

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

function bytes(text: string): ArrayBuffer {
  return new Uint8Array(Buffer.from(text, 'utf8')).buffer;
}

test('sceneFromLaunch decodes the scene WeChat hands to onLoad and ignores other launches', () => {
  assert.equal(sceneFromLaunch({ scene: 'r%3Dk7m2x9qa' }), 'r=k7m2x9qa');
  assert.equal(sceneFromLaunch({ scene: 'r=k7m2x9qa' }), 'r=k7m2x9qa');
  assert.equal(sceneFromLaunch({}), null);
  assert.equal(sceneFromLaunch(undefined), null);
  assert.equal(sceneFromLaunch({ scene: 'b%3D123' }), null);
  assert.equal(sceneFromLaunch({ scene: '%E0%A4%A' }), null);
});

test('resolveScene asks for the scene URL-encoded, with the token', async () => {
  const view = {
    scene: 'r=k7m2x9qa', node: { id: 2051, name: '幸福里3栋', level: 'BUILDING' },
    chain: [{ id: 1, name: '蜀山区', level: 'COUNTY' }, { id: 2051, name: '幸福里3栋', level: 'BUILDING' }],
  };
  const { client, calls } = clientAnswering(() => ({ status: 200, data: view }));
  assert.equal(scenePath('r=k7m2x9qa'), '/api/v1/scenes/r%3Dk7m2x9qa');
  const answer = await resolveScene(client, 'r=k7m2x9qa');
  assert.equal(answer.node.id, 2051);
  assert.equal(answer.chain[answer.chain.length - 1].name, '幸福里3栋');
  assert.equal(calls[0].url, 'https://api.test/api/v1/scenes/r%3Dk7m2x9qa');
  assert.equal(calls[0].method, 'GET');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('an unknown scene is a typed 404 in Chinese', async () => {
  const { client } = clientAnswering(() => ({
    status: 404, data: { status: 404, code: 'SCENE_NOT_FOUND', detail: '小程序码无效或已失效，请扫描楼栋或网格张贴的最新小程序码' },
  }));
  await assert.rejects(resolveScene(client, 'r=zzzzzzzz'), (e: unknown) =>
    e instanceof GridGovError && e.status === 404 && e.code === 'SCENE_NOT_FOUND' && e.message.includes('小程序码无效'));
});

test('fetchWxacode gets the PNG as binary with its scene', async () => {
  const { client, calls } = clientAnswering(() => ({
    status: 200, data: bytes('\u0089PNG'), header: { 'x-wxacode-scene': 'r=k7m2x9qa' },
  }));
  const code = await fetchWxacode(client, 2051);
  assert.equal(code.scene, 'r=k7m2x9qa');
  assert.ok(code.png.byteLength > 0);
  assert.equal(calls[0].url, 'https://api.test/api/v1/regions/2051/wxacode');
  assert.equal(calls[0].responseType, 'arraybuffer');
  assert.match(calls[0].header?.['Accept'] ?? '', /image\/png/);
});

test('a WeChat refusal of a code is a typed error with its wait', async () => {
  const problem = JSON.stringify({ status: 503, code: 'WECHAT_UNAVAILABLE', detail: '微信生成小程序码过于频繁，请稍后再试' });
  const { client } = clientAnswering(() => ({ status: 503, data: bytes(problem), header: { 'Retry-After': '60' } }));
  await assert.rejects(fetchWxacode(client, 2051), (e: unknown) =>
    e instanceof GridGovError && e.code === 'WECHAT_UNAVAILABLE' && e.message.includes('过于频繁'));
});

test('the ZIP URL names the compound', () => {
  const { client } = clientAnswering(() => ({ status: 200, data: null }));
  assert.equal(wxacodeZipUrl(client, 205), 'https://api.test/api/v1/regions/205/wxacodes.zip');
});
