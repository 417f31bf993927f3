// End-to-end: the client (gridgov.ts, feed.ts) over a wx that performs real HTTP and WebSocket calls, against the
// real backend in its demo profile (started by e2e.sh on a fresh database; GRIDGOV_E2E_URL is its address).
// One incident is walked through the documented loop: a resident logs in, locates in GCJ-02, uploads a photo and
// reports (the first answer is lost, the retry with the same Idempotency-Key gets the same incident with 200); the
// community dispatcher accepts and dispatches, the grid worker starts and resolves, the dispatcher verifies, the
// resident rates; the dispatcher's realtime feed receives every step (and a later page resumes with lastEventId);
// tokens are refreshed along the way.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedEvent, GridGovFeed } from '../feed';
import { CategoryView, GridGovClient, GridGovError, IncidentAction, newReportDraft } from '../gridgov';
import { gradientPng } from './png';
import { DEMO_PASSWORD, SKIP, STEP_TIMEOUT_MS, user } from './server';

/** Feed events as they arrive, and a way to wait for one. */
class Events {
  readonly all: FeedEvent[] = [];
  private waiters: Array<{ match: (e: FeedEvent) => boolean; resolve: (e: FeedEvent) => void }> = [];

  add(event: FeedEvent): void {
    this.all.push(event);
    this.waiters = this.waiters.filter(w => {
      if (w.match(event)) {
        w.resolve(event);
        return false;
      }
      return true;
    });
  }

  /** The first event (already received or still to come) of this incident with this action. */
  waitFor(incidentId: number, action: IncidentAction): Promise<FeedEvent> {
    const match = (e: FeedEvent) => e.incidentId === incidentId && e.action === action;
    const seen = this.all.find(match);
    if (seen) {
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${action} event of incident ${incidentId} within ${STEP_TIMEOUT_MS} ms; got `
        + JSON.stringify(this.all.map(e => [e.incidentId, e.action])))), STEP_TIMEOUT_MS);
      this.waiters.push({ match, resolve: e => { clearTimeout(timer); resolve(e); } });
    });
  }
}

/** A feed (resuming after `lastEventId`, if given) collecting into `events`; resolves when it reports `open`. */
function feedOf(client: GridGovClient, events: Events, lastEventId?: number): Promise<GridGovFeed> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the feed did not open')), STEP_TIMEOUT_MS);
    const feed: GridGovFeed = new GridGovFeed(client, {
      lastEventId,
      onEvent: e => events.add(e),
      onStateChange: state => {
        if (state === 'open') {
          clearTimeout(timer);
          resolve(feed);
        }
      },
      retryDelayMs: () => 100,
    });
  });
}

test('the documented flow, end to end against the real server', { skip: SKIP }, async () => {
  const resident = user();
  const dispatcher = user();
  const worker = user();

  // staff log in with their passwords (the demo staff of the first community and its first compound)
  const dispatcherLogin = await dispatcher.client.staffLogin('demo-community', DEMO_PASSWORD);
  assert.ok(dispatcherLogin.user.roles.includes('COMMUNITY_ADMIN'));
  const workerLogin = await worker.client.staffLogin('demo-worker', DEMO_PASSWORD);
  assert.equal(workerLogin.user.region?.level, 'COMPOUND');

  // the dispatcher's page listens to the realtime feed over a real WebSocket
  const events = new Events();
  const feed = await feedOf(dispatcher.client, events);
  const folder = mkdtempSync(join(tmpdir(), 'gridgov-e2e-'));

  try {
    // a resident logs in through WeChat's dev mode (wx.login → "dev:<name>")
    resident.wx.loginCode = 'dev:e2e-resident';
    const residentLogin = await resident.client.loginWithWeChat();
    assert.equal(residentLogin.user.kind, 'RESIDENT');
    assert.deepEqual(await resident.client.me().then(me => me.id), residentLogin.user.id);

    // a point in the worker's compound, in GCJ-02 (what wx.getLocation({type: 'gcj02'}) gives); locate it
    const compound = await worker.client.get<{ position: { lng: number; lat: number } }>(
      `/api/v1/regions/${workerLogin.user.region!.id}`, { coordType: 'gcj02' });
    const { lng, lat } = compound.position;
    const located = await resident.client.locate(lng, lat, 'gcj02');
    assert.deepEqual(located.chain.map(r => r.level).slice(0, 4), ['COUNTY', 'TOWN', 'COMMUNITY', 'COMPOUND']);
    assert.equal(located.chain[3].id, workerLogin.user.region!.id);

    // a photo (a real PNG file, as wx.chooseMedia leaves one) through wx.uploadFile
    const photoPath = join(folder, 'photo.png');
    writeFileSync(photoPath, gradientPng(48, 32));
    const photo = await resident.client.uploadPhoto(photoPath);
    assert.equal(photo.contentType, 'image/png');
    assert.equal(photo.width, 48);
    assert.equal(photo.height, 32);

    // a category handled by the community
    const tree = await resident.client.categories();
    const category = tree.flatMap(g => g.children ?? []).find((c: CategoryView) => c.active && c.handlingLevel === 'COMMUNITY');
    assert.ok(category, 'a reportable category handled by the community');

    // the report: its first answer is lost on the way back; the client retries with the same Idempotency-Key
    const draft = newReportDraft({
      categoryCode: category.code, description: '端到端测试：井盖缺失', location: { lng, lat, coordType: 'gcj02' },
      mediaIds: [photo.id],
    });
    resident.wx.dropNextAnswer((method, url) => method === 'POST' && url.includes('/api/v1/incidents?'));
    const { incident, created } = await resident.client.report(draft);
    assert.equal(resident.wx.dropped.length, 1);
    const lost = resident.wx.dropped[0];
    assert.equal(lost.status, 201, 'the first attempt made the incident');
    assert.equal(created, false, 'the retry answers 200 with the incident already made');
    assert.equal(incident.id, (lost.body as { id: number }).id, 'one incident, not two');
    assert.equal(incident.status, 'REPORTED');
    assert.equal(incident.media?.length, 1);
    const reports = resident.wx.exchanges.filter(x => x.method === 'POST' && x.url.includes('/api/v1/incidents?'));
    assert.deepEqual(reports.map(x => x.status), [201, 200]);
    const mine = await resident.client.incidents();
    assert.equal(mine.items.filter(i => i.id === incident.id).length, 1);
    assert.equal(mine.items.length, 1);
    await events.waitFor(incident.id, 'REPORT');

    // the dispatcher accepts and dispatches to the grid worker
    let seen = await dispatcher.client.incident(incident.id);
    assert.ok(seen.allowedActions?.includes('ACCEPT'));
    seen = await dispatcher.client.transition(incident.id, { action: 'ACCEPT', version: seen.version });
    assert.equal(seen.status, 'ACCEPTED');
    await events.waitFor(incident.id, 'ACCEPT');
    seen = await dispatcher.client.transition(incident.id, { action: 'DISPATCH', version: seen.version, assigneeId: workerLogin.user.id });
    assert.equal(seen.status, 'DISPATCHED');
    assert.equal(seen.assigneeId, workerLogin.user.id);
    await events.waitFor(incident.id, 'DISPATCH');

    // the worker's access token runs out meanwhile: the client refreshes before its next call
    const workerTokens = worker.store.get()!;
    worker.store.set({ ...workerTokens, expiresAt: Date.now() });
    const assigned = await worker.client.incidents({ assignee: 'me' });
    // the demo data has dispatched incidents to the demo worker too: the new one comes first (newest first)
    assert.equal(assigned.items[0]?.id, incident.id);
    assert.ok(assigned.items.every(i => i.assigneeId === workerLogin.user.id), 'only incidents assigned to the worker');
    assert.notEqual(worker.store.get()!.refreshToken, workerTokens.refreshToken, 'the refresh token was rotated');
    assert.notEqual(worker.store.get()!.accessToken, workerTokens.accessToken);

    // the worker starts and resolves with a result photo
    let handled = await worker.client.incident(incident.id);
    handled = await worker.client.transition(incident.id, { action: 'START', version: handled.version });
    assert.equal(handled.status, 'IN_PROGRESS');
    await events.waitFor(incident.id, 'START');
    const resultPath = join(folder, 'result.png');
    writeFileSync(resultPath, gradientPng(40, 40));
    const result = await worker.client.uploadPhoto(resultPath);
    handled = await worker.client.transition(incident.id,
      { action: 'RESOLVE', version: handled.version, comment: '已补装井盖', mediaIds: [result.id] });
    assert.equal(handled.status, 'RESOLVED');
    await events.waitFor(incident.id, 'RESOLVE');

    // the dispatcher's access token is refused (as after a key rotation): 401, one refresh, the call retried
    const dispatcherTokens = dispatcher.store.get()!;
    dispatcher.store.set({ ...dispatcherTokens, accessToken: dispatcherTokens.accessToken.slice(0, -4) + 'AAAA' });
    seen = await dispatcher.client.incident(incident.id);
    assert.notEqual(dispatcher.store.get()!.refreshToken, dispatcherTokens.refreshToken, 'refreshed after the 401');
    const refused = dispatcher.wx.exchanges.filter(x => x.status === 401);
    assert.equal(refused.length, 1);
    assert.equal((refused[0].body as { code: string }).code, 'TOKEN_INVALID');
    assert.deepEqual(dispatcher.ended, []);

    // the dispatcher verifies: closed
    assert.ok(seen.allowedActions?.includes('VERIFY_PASS'));
    seen = await dispatcher.client.transition(incident.id, { action: 'VERIFY', passed: true, version: seen.version });
    assert.equal(seen.status, 'CLOSED');
    await events.waitFor(incident.id, 'VERIFY_PASS');

    // the resident rates, once
    let own = await resident.client.incident(incident.id);
    assert.deepEqual(own.allowedActions, ['RATE']);
    own = await resident.client.transition(incident.id, { action: 'RATE', version: own.version, rating: 5, comment: '很及时' });
    assert.equal(own.rating?.stars, 5);
    await assert.rejects(resident.client.transition(incident.id, { action: 'RATE', version: own.version, rating: 4 }),
      (e: GridGovError) => e.status === 409 && e.code === 'ALREADY_RATED' && e.detail.length > 0);
    await events.waitFor(incident.id, 'RATE');

    // the flow as recorded, and the feed saw every step in order, each once
    const flow = await resident.client.flow(incident.id);
    const steps: IncidentAction[] = ['REPORT', 'ACCEPT', 'DISPATCH', 'START', 'RESOLVE', 'VERIFY_PASS', 'RATE'];
    assert.deepEqual(flow.map(f => f.action), steps);
    const fed = events.all.filter(e => e.incidentId === incident.id);
    assert.deepEqual(fed.map(e => e.action), steps);
    assert.deepEqual(fed.map(e => e.id), flow.map(f => f.id));
    assert.equal(fed[fed.length - 1].status, 'CLOSED');

    // a page opened later resumes after the first event it knew: the server replays the rest, in order, each once
    // (and, as documented, again the last few ids up to lastEventId, in case one committed late: apply them in order)
    const replayed = new Events();
    const resumed = await feedOf(dispatcher.client, replayed, fed[0].id);
    try {
      await replayed.waitFor(incident.id, 'RATE');
      const ids = replayed.all.filter(e => e.incidentId === incident.id).map(e => e.id);
      assert.deepEqual(ids.filter(id => id > fed[0].id), fed.slice(1).map(e => e.id));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in order');
      assert.equal(new Set(ids).size, ids.length, 'each once');
    } finally {
      resumed.close();
    }
  } finally {
    feed.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
