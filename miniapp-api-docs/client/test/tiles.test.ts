// The map-tile helpers against a fake wx: tile numbering, URLs, binary fetch, ETag revalidation, problems. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { fetchTile, tileOf, tilePath, tileUrlTemplate } from '../tiles';

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

test('tileOf numbers tiles as the XYZ scheme does', () => {
  assert.deepEqual(tileOf(0, 0, 1), { z: 1, x: 1, y: 1 });
  assert.deepEqual(tileOf(-180, 85, 2), { z: 2, x: 0, y: 0 });
  // 平顺县 at zoom 14, as Python's math computes the Web Mercator formulas
  assert.deepEqual(tileOf(113.43, 36.2, 14), { z: 14, x: 13354, y: 6422 });
});

test('paths and URL templates name the layer and the state', () => {
  assert.equal(tilePath('incidents', { z: 14, x: 1, y: 2 }), '/api/v1/tiles/incidents/14/1/2.mvt');
  assert.equal(tilePath('density', { z: 3, x: 1, y: 2 }, 'all'), '/api/v1/tiles/density/3/1/2.mvt?state=all');
  const { client } = clientAnswering(() => ({ status: 200, data: new ArrayBuffer(0) }));
  assert.equal(tileUrlTemplate(client, 'regions'), 'https://api.test/api/v1/tiles/regions/{z}/{x}/{y}.mvt');
});

test('fetchTile asks for binary data with the token and keeps the ETag', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: bytes('mvt'), header: { etag: '"abc"' } }));
  const tile = await fetchTile(client, 'incidents', { z: 14, x: 1, y: 2 }, { state: 'all' });
  assert.equal(tile.notModified, false);
  assert.equal(tile.etag, '"abc"');
  assert.equal(tile.data?.byteLength, 3);
  assert.equal(calls[0].responseType, 'arraybuffer');
  assert.equal(calls[0].url, 'https://api.test/api/v1/tiles/incidents/14/1/2.mvt?state=all');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
  assert.match(calls[0].header?.['Accept'] ?? '', /application\/vnd\.mapbox-vector-tile/);
});

test('fetchTile answers notModified on 304 and sends If-None-Match', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 304, data: new ArrayBuffer(0) }));
  const tile = await fetchTile(client, 'regions', { z: 10, x: 1, y: 2 }, { etag: '"abc"' });
  assert.deepEqual(tile, { notModified: true, data: null, etag: '"abc"' });
  assert.equal(calls[0].header?.['If-None-Match'], '"abc"');
});

test('a problem answered to a binary request is still a typed error in Chinese', async () => {
  const problem = JSON.stringify({ status: 400, code: 'BAD_TILE', detail: '缩放级别 z 应在 0 到 22 之间' });
  const { client } = clientAnswering(() => ({ status: 400, data: bytes(problem) }));
  await assert.rejects(fetchTile(client, 'incidents', { z: 23, x: 0, y: 0 }), (e: unknown) =>
    e instanceof GridGovError && e.code === 'BAD_TILE' && e.message.includes('缩放级别'));
});
