// The departments and 吹哨报到 helpers against a fake wx: paths, methods, bodies, and problems as GridGovError. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  arbitrateCall, createDepartmentStaff, departmentCalls, departments, departmentStaff, putResponsibility, refuseCall,
  reportCall, responsibilitiesExportPath, setDepartmentStaffActive, superviseCall, updateDepartment, verifyCall, whistle,
} from '../departments';

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

test('departments and the responsibility list use their paths and methods', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: [] }));
  await departments(client, true);
  await updateDepartment(client, 7, { name: '县住建局', kind: 'DEPARTMENT', version: 0 });
  await putResponsibility(client, '0202', {
    departments: [{ departmentId: 8, role: 'LEAD' }, { departmentId: 7, role: 'SUPPORT' }],
    legalBasis: '《城乡规划法》第六十四条', version: 2,
  });
  assert.equal(calls[0].url, 'https://api.test/api/v1/departments?includeInactive=true');
  assert.equal(calls[1].method, 'PUT');
  assert.equal(calls[1].url, 'https://api.test/api/v1/departments/7');
  assert.equal(calls[2].method, 'PUT');
  assert.equal(calls[2].url, 'https://api.test/api/v1/responsibilities/0202');
  assert.deepEqual((calls[2].data as { departments: unknown[] }).departments.length, 2);
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
});

test('whistle, report, refusal, arbitration and verification post to the call endpoints', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: {} }));
  await whistle(client, 1024);
  await reportCall(client, 41, { handlerId: 31 });
  await refuseCall(client, 41, '非本部门职责');
  await arbitrateCall(client, 41, 8, '依清单由城管局牵头');
  await verifyCall(client, 41, false, '垃圾未清运');
  await departmentCalls(client, { status: 'REFUSED', limit: 50 });
  assert.deepEqual(calls.map(c => c.method + ' ' + c.url.replace('https://api.test', '')), [
    'POST /api/v1/department-calls',
    'POST /api/v1/department-calls/41/report',
    'POST /api/v1/department-calls/41/refusal',
    'POST /api/v1/department-calls/41/arbitration',
    'POST /api/v1/department-calls/41/verification',
    'GET /api/v1/department-calls?status=REFUSED&limit=50',
  ]);
  assert.deepEqual(calls[0].data, { incidentId: 1024 });
  assert.deepEqual(calls[2].data, { comment: '非本部门职责' });
  assert.deepEqual(calls[3].data, { departmentId: 8, comment: '依清单由城管局牵头' });
  assert.deepEqual(calls[4].data, { passed: false, comment: '垃圾未清运' });
});

test('a refused request becomes a GridGovError with the problem code', async () => {
  const { client } = clientAnswering(() => ({
    status: 409, data: { status: 409, code: 'CALL_NOT_REFUSABLE', detail: '该呼叫不能拒绝' },
  }));
  await assert.rejects(refuseCall(client, 41, '再拒一次'), (e: unknown) =>
    e instanceof GridGovError && e.status === 409 && e.code === 'CALL_NOT_REFUSABLE');
});

test('superviseCall posts the county\'s comment to the call\'s supervision', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 41 } }));
  const call = await superviseCall(client, 41, '请今日内报到');
  assert.equal(call.id, 41);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url.replace('https://api.test', ''), '/api/v1/department-calls/41/supervision');
  assert.deepEqual(calls[0].data, { comment: '请今日内报到' });
});

test('a department admin creates, lists and disables its handlers through the staff paths', async () => {
  const { client, calls } = clientAnswering(c => ({
    status: c.method === 'POST' ? 201 : 200,
    data: c.method === 'GET' ? [] : { id: 31, username: 'zjj-li', displayName: '李工', roles: ['DEPT_HANDLER'],
      departmentId: 7, active: c.method !== 'PATCH' },
  }));
  const created = await createDepartmentStaff(client, 7, {
    username: 'zjj-li', password: 'initial-pass-123', displayName: '李工', roles: ['DEPT_HANDLER'],
  });
  await departmentStaff(client, 7);
  const disabled = await setDepartmentStaffActive(client, 7, created.id, false);
  assert.deepEqual(calls.map(c => c.method + ' ' + c.url.replace('https://api.test', '')), [
    'POST /api/v1/departments/7/staff',
    'GET /api/v1/departments/7/staff',
    'PATCH /api/v1/departments/7/staff/31',
  ]);
  assert.deepEqual(calls[2].data, { active: false });
  assert.equal(disabled.active, false);
  assert.equal(responsibilitiesExportPath('xlsx'), '/api/v1/exports/responsibilities.xlsx');
});

test('a department admin reaching for an admin account gets the problem as GridGovError', async () => {
  const { client } = clientAnswering(() => ({
    status: 403, data: { type: 'https://gridgov.cn/problems/role-not-grantable', title: 'ROLE_NOT_GRANTABLE', status: 403,
      code: 'ROLE_NOT_GRANTABLE', detail: '部门管理员只能开设、停用本部门的经办人（DEPT_HANDLER）账号；部门管理员账号由县级管理员管理' },
  }));
  await assert.rejects(setDepartmentStaffActive(client, 7, 32, false), (e: unknown) =>
    e instanceof GridGovError && e.status === 403 && e.code === 'ROLE_NOT_GRANTABLE' && e.detail.startsWith('部门管理员'));
});
