// The export helpers against a fake wx: URLs and queries, Chinese file names, in-memory fetch, downloads and problems.
// Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { downloadExport, exportPath, exportUrl, fetchExport, fileNameOf, WxDownloader } from '../exports';

const NOW = 1_800_000_000_000;
const DISPOSITION = 'attachment; filename="incidents-20260301-0800.csv"; '
  + "filename*=UTF-8''%E4%BA%8B%E4%BB%B6%E5%AF%BC%E5%87%BA-20260301-0800.csv";

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

/** A wx.downloadFile that answers `status` with `headers`, the file holding `body`. */
function downloader(status: number, headers: Record<string, string>, body: string) {
  const calls: Array<{ url: string; header?: Record<string, string> }> = [];
  const files: Record<string, string> = { 'wxfile://tmp/1': body };
  const wx: WxDownloader = {
    downloadFile(options) {
      calls.push({ url: options.url, header: options.header });
      let onHeaders: ((res: { header: Record<string, string> }) => void) | undefined;
      setTimeout(() => {
        onHeaders?.({ header: headers });
        options.success?.({ statusCode: status, tempFilePath: 'wxfile://tmp/1' });
      }, 1);
      return { onHeadersReceived(callback: (res: { header: Record<string, string> }) => void) { onHeaders = callback; } };
    },
    getFileSystemManager() {
      return { readFileSync: (path: string) => files[path] };
    },
  };
  return { wx, calls };
}

test('paths carry the list filters; statuses joined, reveal only when asked, empty filters left out', () => {
  assert.equal(exportPath('csv'), '/api/v1/exports/incidents.csv');
  assert.equal(exportPath('xlsx', { status: ['REPORTED', 'ACCEPTED'], regionId: 37, overdue: true, reveal: false }),
    '/api/v1/exports/incidents.xlsx?status=REPORTED%2CACCEPTED&regionId=37&overdue=true');
  assert.equal(exportPath('geojson', {
    bbox: { minLng: 117.27, minLat: 31.85, maxLng: 117.3, maxLat: 31.87 }, from: '2026-03-01T00:00:00+08:00', reveal: true,
  }), '/api/v1/exports/incidents.geojson?minLng=117.27&minLat=31.85&maxLng=117.3&maxLat=31.87'
    + '&from=2026-03-01T00%3A00%3A00%2B08%3A00&reveal=true');
  const { client } = clientAnswering(() => ({ status: 200, data: new ArrayBuffer(0) }));
  assert.equal(exportUrl(client, 'csv', { assignee: 'me' }), 'https://api.test/api/v1/exports/incidents.csv?assignee=me');
});

test('fileNameOf prefers the UTF-8 filename* and falls back to the plain name', () => {
  assert.equal(fileNameOf(DISPOSITION), '事件导出-20260301-0800.csv');
  assert.equal(fileNameOf('attachment; filename="incidents.csv"'), 'incidents.csv');
  assert.equal(fileNameOf("attachment; filename=\"a.csv\"; filename*=UTF-8''%E4%ZZ"), 'a.csv');
  assert.equal(fileNameOf(undefined), undefined);
});

test('fetchExport reads bytes, the Chinese file name and the row count, with the token', async () => {
  const { client, calls } = clientAnswering(() => ({
    status: 200, data: bytes('\uFEFF编号\r\n1\r\n'), header: { 'content-disposition': DISPOSITION, 'x-export-rows': '1' },
  }));
  const file = await fetchExport(client, 'csv', { categoryCode: '0101' });
  assert.equal(file.fileName, '事件导出-20260301-0800.csv');
  assert.equal(file.rows, 1);
  assert.ok(file.data.byteLength > 0);
  assert.equal(calls[0].url, 'https://api.test/api/v1/exports/incidents.csv?categoryCode=0101');
  assert.equal(calls[0].responseType, 'arraybuffer');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
  assert.match(calls[0].header?.['Accept'] ?? '', /^text\/csv/);
});

test('a refused export is a typed error in Chinese', async () => {
  const problem = JSON.stringify({ status: 404, code: 'REGION_NOT_FOUND', detail: '区域不存在或无权访问：37' });
  const { client } = clientAnswering(() => ({ status: 404, data: bytes(problem) }));
  await assert.rejects(fetchExport(client, 'xlsx', { regionId: 37 }), (e: unknown) =>
    e instanceof GridGovError && e.code === 'REGION_NOT_FOUND' && e.message.includes('区域'));
});

test('downloadExport saves to a temporary file with the token and names it from the headers', async () => {
  const { client } = clientAnswering(() => ({ status: 200, data: null }));
  const { wx, calls } = downloader(200, { 'Content-Disposition': DISPOSITION, 'X-Export-Rows': '1000000' }, 'PK');
  const file = await downloadExport(client, wx, 'xlsx', { regionId: 37 });
  assert.deepEqual(file, { tempFilePath: 'wxfile://tmp/1', fileName: '事件导出-20260301-0800.csv', rows: 1_000_000 });
  assert.equal(calls[0].url, 'https://api.test/api/v1/exports/incidents.xlsx?regionId=37');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('downloadExport reads the problem a refused download saved', async () => {
  const { client } = clientAnswering(() => ({ status: 200, data: null }));
  const body = JSON.stringify({ status: 422, code: 'EXPORT_TOO_LARGE', detail: '符合条件的事件超过 1000000 条' });
  const { wx } = downloader(422, { 'Content-Type': 'application/problem+json' }, body);
  await assert.rejects(downloadExport(client, wx, 'csv'), (e: unknown) =>
    e instanceof GridGovError && e.status === 422 && e.code === 'EXPORT_TOO_LARGE' && e.detail.includes('超过'));
});
