// The dashboard client against a fake wx: query building, dates in Shanghai, typed answers, problems. Run: npm test
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GridGovClient, GridGovError, memoryTokenStore, WxLike, WxRequestOptions } from '../gridgov';
import { percent, shanghaiDay, statsDepartmentRates, statsOverview, statsRates } from '../stats';

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

const FIGURES = {
  received: 2, byStatus: { REPORTED: 1, CLOSED: 1 }, bySource: { RESIDENT: 2 },
  byCategory: [{ categoryId: 3, code: '0101', name: '道路破损', count: 2 }], closed: 1, closedOnTime: 1,
  onTimeRate: 1, meanHandlingHours: 25, medianHandlingHours: 25, rated: 1, meanRating: 5, satisfiedShare: 1,
  open: 1, yellow: 0, red: 1, supervised: 1,
};
const OVERVIEW = {
  regionId: 12, code: 'C1', name: '翠苑社区', level: 'COMMUNITY', from: '2026-03-10', to: '2026-03-11',
  figures: FIGURES, children: [{ regionId: 31, code: 'C1-1', name: '翠苑一区', level: 'COMPOUND', figures: FIGURES }],
  days: [{ day: '2026-03-10', received: 2, closed: 0 }, { day: '2026-03-11', received: 0, closed: 1 }],
};

test('statsOverview sends the node and the days, with the token, and answers the typed overview', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: OVERVIEW }));
  const overview = await statsOverview(client, { regionId: 12, from: '2026-03-10', to: '2026-03-11' });
  assert.equal(calls[0].method, 'GET');
  assert.equal(calls[0].url, 'https://api.test/api/v1/stats/overview?regionId=12&from=2026-03-10&to=2026-03-11');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
  assert.equal(overview.children[0].figures.red, 1);
  assert.deepEqual(overview.days.map(d => d.closed), [0, 1]);
});

test('without a query it asks for the account\'s own node and the last 30 days', async () => {
  const { client, calls } = clientAnswering(() => ({ status: 200, data: OVERVIEW }));
  await statsOverview(client);
  assert.equal(calls[0].url, 'https://api.test/api/v1/stats/overview');
});

test('dates given as Date are the Shanghai calendar day', async () => {
  assert.equal(shanghaiDay(new Date('2026-03-10T17:00:00Z')), '2026-03-11');
  assert.equal(shanghaiDay(new Date('2026-03-10T15:59:59Z')), '2026-03-10');
  const { client, calls } = clientAnswering(() => ({ status: 200, data: OVERVIEW }));
  await statsOverview(client, { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-03-10T17:00:00Z') });
  assert.equal(calls[0].url, 'https://api.test/api/v1/stats/overview?from=2026-03-01&to=2026-03-11');
});

test('a refused period is a typed error in Chinese', async () => {
  const problem = { status: 400, code: 'BAD_STATS_PERIOD', detail: '开始日期 from（2026-03-05）不能晚于结束日期 to（2026-03-01）' };
  const { client } = clientAnswering(() => ({ status: 400, data: problem }));
  await assert.rejects(statsOverview(client, { from: '2026-03-05', to: '2026-03-01' }), (e: unknown) =>
    e instanceof GridGovError && e.code === 'BAD_STATS_PERIOD' && e.status === 400 && e.message.includes('不能晚于'));
});

test('percent shows shares for display and a dash when there is nothing to share', () => {
  assert.equal(percent(0.8571), '85.7%');
  assert.equal(percent(1, 0), '100%');
  assert.equal(percent(null), '—');
});

const RATE_FIGURES = {
  total: 4, responded: 3, respondedOnTime: 2, responseRate: 0.5, respondedShare: 0.75, resolvable: 4, resolved: 2,
  resolvedOnTime: 1, resolutionRate: 0.5, resolutionOnTimeShare: 0.5, rated: 0, satisfied: 0, satisfactionRate: null,
};

test('statsRates asks for a node\'s three rates and answers its children typed', async () => {
  const rates = {
    regionId: 2, code: 'T1', name: '城关镇', level: 'TOWN', from: '2026-03-01', to: '2026-03-31', figures: RATE_FIGURES,
    children: [{ regionId: 12, code: 'C1', name: '翠苑社区', level: 'COMMUNITY', figures: RATE_FIGURES }],
  };
  const { client, calls } = clientAnswering(() => ({ status: 200, data: rates }));
  const answer = await statsRates(client, { regionId: 2, from: '2026-03-01', to: new Date('2026-03-31T17:00:00Z') });
  assert.equal(calls[0].url, 'https://api.test/api/v1/stats/rates?regionId=2&from=2026-03-01&to=2026-04-01');
  assert.equal(calls[0].header?.['Authorization'], 'Bearer A1');
  assert.equal(answer.children[0].figures.responseRate, 0.5);
  assert.equal(percent(answer.figures.satisfactionRate), '—');
});

test('statsDepartmentRates asks for one department or all and refuses another department with a typed 404', async () => {
  const answer = {
    from: '2026-03-01', to: '2026-03-31',
    departments: [{ departmentId: 5, code: 'CGJ', name: '县城管局', kind: 'DEPARTMENT', figures: RATE_FIGURES }],
  };
  const { client, calls } = clientAnswering(() => ({ status: 200, data: answer }));
  const all = await statsDepartmentRates(client);
  assert.equal(calls[0].url, 'https://api.test/api/v1/stats/department-rates');
  assert.equal(all.departments[0].figures.resolutionOnTimeShare, 0.5);
  await statsDepartmentRates(client, { departmentId: 5, from: '2026-03-01' });
  assert.equal(calls[1].url, 'https://api.test/api/v1/stats/department-rates?departmentId=5&from=2026-03-01');

  const problem = { status: 404, code: 'DEPARTMENT_NOT_FOUND', detail: '部门不存在或无权访问：7' };
  const refused = clientAnswering(() => ({ status: 404, data: problem }));
  await assert.rejects(statsDepartmentRates(refused.client, { departmentId: 7 }), (e: unknown) =>
    e instanceof GridGovError && e.code === 'DEPARTMENT_NOT_FOUND' && e.status === 404 && e.message.includes('部门不存在'));
});
