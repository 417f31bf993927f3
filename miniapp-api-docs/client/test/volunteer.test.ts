// The volunteer helpers against a fake wx: paths, query, bodies, and the photo rule checked before any request. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import {
  claimVolunteerTask, claimVolunteerTaskForUnit, confirmVolunteerClaim, myUnitVolunteerClaims, redeemVolunteerReward, registerAsVolunteer, reportVolunteerClaim,
  updateMyVolunteer, volunteerLeaderboard, volunteerTasks,
} from '../volunteer';

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

test('registerAsVolunteer posts the phone code, skills and times with the token', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 201, data: { id: 31, phone: '138****1234' } }));
  const me = await registerAsVolunteer(client, { phoneCode: 'c1', name: '李梅', communityId: 12, skills: ['义诊'],
    availableTimes: ['周末上午'] });
  assert.equal(me.phone, '138****1234');
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/volunteers/me');
  assert.deepEqual(calls[0].data, { phoneCode: 'c1', name: '李梅', communityId: 12, skills: ['义诊'], availableTimes: ['周末上午'] });
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
  await updateMyVolunteer(client, { version: 0, skills: ['理发'] });
  assert.equal(calls[1].method, 'PUT');
});

test('tasks are listed in gcj02 by default, claimed and confirmed on their paths', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { items: [], nextCursor: null } }));
  await volunteerTasks(client, { status: 'OPEN' });
  assert.equal(calls[0].url, 'https://api.test/api/v1/volunteer-tasks?coordType=gcj02&status=OPEN');
  await claimVolunteerTask(client, 88);
  assert.equal(calls[1].url, 'https://api.test/api/v1/volunteer-tasks/88/claims');
  await confirmVolunteerClaim(client, 77);
  assert.equal(calls[2].url, 'https://api.test/api/v1/volunteer-claims/77/confirm');
  await redeemVolunteerReward(client, 5);
  assert.equal(calls[3].url, 'https://api.test/api/v1/volunteer-rewards/5/redeem');
  await volunteerLeaderboard(client, { orgId: 205 }, 10);
  assert.equal(calls[4].url, 'https://api.test/api/v1/volunteer-leaderboard?orgId=205&limit=10');
});

test('a report needs 1 to 9 photos before anything is sent', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: { id: 77, status: 'REPORTED' } }));
  await assert.rejects(reportVolunteerClaim(client, 77, []), RangeError);
  await assert.rejects(reportVolunteerClaim(client, 77, Array.from({ length: 10 }, (_, i) => `m${i}`)), RangeError);
  assert.equal(calls.length, 0);
  await reportVolunteerClaim(client, 77, ['m1'], '测了血压');
  assert.deepEqual(calls[0].data, { note: '测了血压', mediaIds: ['m1'] });
});

test('a full task is a GridGovError with its code and Chinese detail', async () => {
  const problem = { type: 'about:blank', title: 'Conflict', status: 409, code: 'TASK_FULL', detail: '该任务名额已满' };
  const { client } = clientAnswering(() => ({ status: 409, data: problem }));
  await assert.rejects(claimVolunteerTask(client, 88), (e: unknown) => {
    assert.ok(e instanceof GridGovError);
    assert.equal(e.code, 'TASK_FULL');
    assert.equal(e.status, 409);
    return true;
  });
});

test('a co-building unit claims through its contact with the unit in the body, and lists its claims', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 201, data: { id: 78, cobuildUnitId: 12, volunteerId: null } }));
  const claim = await claimVolunteerTaskForUnit(client, 88, 12);
  assert.equal(claim.cobuildUnitId, 12);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'https://api.test/api/v1/volunteer-tasks/88/unit-claims');
  assert.deepEqual(calls[0].data, { unitId: 12 });
  await myUnitVolunteerClaims(client, { limit: 5 });
  assert.equal(calls[1].url, 'https://api.test/api/v1/volunteer-claims/units?limit=5');
});
