// The houses-and-people helpers against a fake wx: paths, query, headers, the ID-number check. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  XLSX, buildingRoster, claimHousehold, deletePerson, findPeople, importPeople, isValidIdNumber, personIdNumber,
  updatePerson,
} from '../people';

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

test('isValidIdNumber checks length, birth date and the check character', () => {
  assert.equal(isValidIdNumber('110101199003074514'), true);
  assert.equal(isValidIdNumber('11010519491231002x'), true);
  assert.equal(isValidIdNumber('110101199003074515'), false);
  assert.equal(isValidIdNumber('11010119900230451X'), false);
  assert.equal(isValidIdNumber('1101011990030745'), false);
});

test('the roster and the search ask the right paths', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { items: [], nextCursor: null } }));
  await buildingRoster(client, 412, { limit: 50 });
  assert.equal(calls[0].url, 'https://api.test/api/v1/buildings/412/roster?limit=50');
  await findPeople(client, { idNumber: '110101199003074514' });
  assert.equal(calls[1].url, 'https://api.test/api/v1/people?idNumber=110101199003074514');
  assert.equal(calls[1].header?.['Authorization'], 'Bearer A1');
});

test('edits carry the version; a delete sends it as a query; reveal answers the value', async () => {
  const { client, calls } = clientAnswering(c => ({ status: 200,
    data: c.url.includes('id-number') ? { idNumber: '110101199003074514' } : { id: 9901 } }));
  await updatePerson(client, 9901, { name: '张小明', relation: 'HEAD', version: 2 });
  assert.equal(calls[0].method, 'PUT');
  assert.equal((calls[0].data as { version: number }).version, 2);
  await deletePerson(client, 9901, 3);
  assert.equal(calls[1].method, 'DELETE');
  assert.equal(calls[1].url, 'https://api.test/api/v1/people/9901?version=3');
  assert.equal(await personIdNumber(client, 9901, '核实'), '110101199003074514');
  assert.equal(calls[2].url, 'https://api.test/api/v1/people/9901/id-number?reason=%E6%A0%B8%E5%AE%9E');
});

test('an import goes as CSV text or .xlsx bytes, and a refusal carries the rows', async () => {
  const problem = { type: 'about:blank', title: 'Unprocessable Content', status: 422, code: 'PEOPLE_IMPORT_REJECTED',
    detail: '导入被拒绝，未写入任何数据：1 行有问题', rows: [{ row: 3, code: '1单元 302', field: 'idNumber', reason: '第 3 行：…' }] };
  let n = 0;
  const { client, calls } = clientAnswering(() => (n++ === 0 ? { status: 200, data: { rooms: 1, households: 1, people: 1 } }
    : { status: 422, data: problem }));
  await importPeople(client, 412, '房号,用途\n302,自住\n');
  assert.equal(calls[0].header?.['Content-Type'], 'text/csv; charset=utf-8');
  assert.equal(calls[0].url, 'https://api.test/api/v1/buildings/412/people/import');
  await assert.rejects(importPeople(client, 412, new ArrayBuffer(8)), (e: unknown) => {
    assert.ok(e instanceof GridGovError);
    assert.equal(e.code, 'PEOPLE_IMPORT_REJECTED');
    return true;
  });
  assert.equal(calls[1].header?.['Content-Type'], XLSX);
});

test('claimHousehold trims the code', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 7301 } }));
  await claimHousehold(client, ' K7M4Q2XP ');
  assert.deepEqual(calls[0].data, { code: 'K7M4Q2XP' });
  assert.equal(calls[0].url, 'https://api.test/api/v1/me/household/claim');
});
