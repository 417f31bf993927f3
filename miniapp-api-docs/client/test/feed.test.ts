// Tests of the realtime feed against a fake wx.connectSocket: resuming with lastEventId after any close,
// refreshing the token on 4401, dropping repeated ids, reload, and a close by the page staying closed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FeedEvent, FeedState, GridGovFeed, TOKEN_EXPIRED, TOO_SLOW } from '../feed';
import { GridGovClient, memoryTokenStore, WxConnectSocketOptions, WxFailure, WxLike, WxRequestOptions, WxSocketTask } from '../gridgov';

/** A socket the test drives: open it, push frames, close it as the server or the network would. */
class FakeSocket implements WxSocketTask {
  readonly url: string;
  readonly header: Record<string, string>;
  closedByClient: { code?: number } | null = null;
  private openCallbacks: Array<(res: unknown) => void> = [];
  private messageCallbacks: Array<(res: { data: string | ArrayBuffer }) => void> = [];
  private closeCallbacks: Array<(res: { code: number; reason: string }) => void> = [];
  private errorCallbacks: Array<(err: WxFailure) => void> = [];

  constructor(options: WxConnectSocketOptions) {
    this.url = options.url;
    this.header = options.header ?? {};
  }

  onOpen(callback: (res: unknown) => void): void { this.openCallbacks.push(callback); }
  onMessage(callback: (res: { data: string | ArrayBuffer }) => void): void { this.messageCallbacks.push(callback); }
  onClose(callback: (res: { code: number; reason: string }) => void): void { this.closeCallbacks.push(callback); }
  onError(callback: (err: WxFailure) => void): void { this.errorCallbacks.push(callback); }
  close(options?: { code?: number }): void { this.closedByClient = options ?? {}; }

  open(): void { this.openCallbacks.forEach(cb => cb({})); }
  send(message: object): void { this.messageCallbacks.forEach(cb => cb({ data: JSON.stringify(message) })); }
  serverClose(code: number): void { this.closeCallbacks.forEach(cb => cb({ code, reason: '' })); }
  /** A failed connection as wx reports it: onError, then onClose. */
  fail(): void {
    this.errorCallbacks.forEach(cb => cb({ errMsg: 'connectSocket:fail' }));
    this.closeCallbacks.forEach(cb => cb({ code: 1006, reason: 'abnormal closure' }));
  }
}

/** A fake wx whose sockets are kept for the test, and whose one HTTP call is the token refresh. */
function fakeWx() {
  const sockets: FakeSocket[] = [];
  const refreshes: WxRequestOptions[] = [];
  const wx: WxLike = {
    request(options) {
      refreshes.push(options);
      setTimeout(() => options.success?.({
        statusCode: 200, header: {},
        data: { accessToken: 'A' + (refreshes.length + 1), refreshToken: 'R' + (refreshes.length + 1), expiresIn: 900, tokenType: 'Bearer' },
      }), 1);
      return {};
    },
    uploadFile: () => ({}),
    login: () => undefined,
    getStorageSync: () => '',
    setStorageSync: () => undefined,
    removeStorageSync: () => undefined,
    connectSocket(options) {
      const socket = new FakeSocket(options);
      sockets.push(socket);
      return socket;
    },
  };
  const client = new GridGovClient({
    baseUrl: 'https://api.test', wx, now: () => NOW,
    tokens: memoryTokenStore({ accessToken: 'A1', refreshToken: 'R1', expiresAt: NOW + 600_000 }),
  });
  return { client, sockets, refreshes };
}

const NOW = 1_800_000_000_000;

function event(id: number, action = 'ACCEPT'): object {
  return { id, type: 'transitioned', incidentId: 9, action, fromStatus: 'REPORTED', status: 'ACCEPTED', regionPath: '1.2',
    ownerRegionId: 2, assigneeId: null, actorRole: 'COMMUNITY_ADMIN', categoryName: '井盖', at: '2026-11-27T10:00:00.000+08:00' };
}

/** Waits until `count` sockets were opened (connect awaits the token first). */
async function socketNumber(sockets: FakeSocket[], count: number): Promise<FakeSocket> {
  for (let i = 0; i < 200 && sockets.length < count; i++) {
    await new Promise(resolve => setTimeout(resolve, 2));
  }
  assert.equal(sockets.length, count, `socket #${count} opened`);
  return sockets[count - 1];
}

test('events arrive in order; after a dropped connection it resumes from the last id and drops repeats', async () => {
  const { client, sockets } = fakeWx();
  const seen: number[] = [];
  const states: FeedState[] = [];
  const feed = new GridGovFeed(client, {
    onEvent: (e: FeedEvent) => seen.push(e.id), onStateChange: s => states.push(s), retryDelayMs: () => 0,
  });
  const first = await socketNumber(sockets, 1);
  assert.equal(first.url, 'wss://api.test/api/v1/feed');
  assert.equal(first.header['Authorization'], 'Bearer A1');
  first.open();
  first.send(event(10));
  first.send(event(11));
  first.serverClose(1006);

  const second = await socketNumber(sockets, 2);
  assert.equal(second.url, 'wss://api.test/api/v1/feed?lastEventId=11');
  second.open();
  second.send(event(11)); // replay and live overlapping
  second.send(event(12));
  assert.deepEqual(seen, [10, 11, 12]);
  assert.equal(feed.lastEventId, 12);
  assert.deepEqual(states.slice(0, 4), ['connecting', 'open', 'waiting', 'connecting']);
  feed.close();
});

test('4401 (token expired) refreshes the token before reconnecting; 4408 (too slow) reconnects at once', async () => {
  const { client, sockets, refreshes } = fakeWx();
  const seen: number[] = [];
  const feed = new GridGovFeed(client, { onEvent: e => seen.push(e.id), retryDelayMs: () => 60_000 });
  const first = await socketNumber(sockets, 1);
  first.open();
  first.send(event(20));
  first.serverClose(TOKEN_EXPIRED);

  const second = await socketNumber(sockets, 2);
  assert.equal(refreshes.length, 1);
  assert.ok(refreshes[0].url.endsWith('/api/v1/auth/refresh'));
  assert.equal(second.header['Authorization'], 'Bearer A2');
  assert.equal(second.url, 'wss://api.test/api/v1/feed?lastEventId=20');
  second.open();
  second.serverClose(TOO_SLOW);

  // no 60 s back-off wait: a close the server asked for is answered at once
  const third = await socketNumber(sockets, 3);
  assert.equal(third.url, 'wss://api.test/api/v1/feed?lastEventId=20');
  assert.equal(refreshes.length, 1);
  assert.deepEqual(seen, [20]);
  feed.close();
});

test('a failed connection (onError then onClose) is retried once, not twice', async () => {
  const { client, sockets } = fakeWx();
  const feed = new GridGovFeed(client, { onEvent: () => undefined, retryDelayMs: () => 0, lastEventId: 5 });
  const first = await socketNumber(sockets, 1);
  assert.equal(first.url, 'wss://api.test/api/v1/feed?lastEventId=5');
  first.fail();
  await socketNumber(sockets, 2);
  await new Promise(resolve => setTimeout(resolve, 20));
  assert.equal(sockets.length, 2);
  feed.close();
});

test('reload is passed on, not taken for an event', async () => {
  const { client, sockets } = fakeWx();
  let reloads = 0;
  const seen: number[] = [];
  const feed = new GridGovFeed(client, { onEvent: e => seen.push(e.id), onReload: () => reloads++ });
  const socket = await socketNumber(sockets, 1);
  socket.open();
  socket.send({ type: 'reload' });
  assert.equal(reloads, 1);
  assert.deepEqual(seen, []);
  assert.equal(feed.lastEventId, null);
  feed.close();
});

test('closing the feed closes the socket and never reconnects', async () => {
  const { client, sockets } = fakeWx();
  const feed = new GridGovFeed(client, { onEvent: () => undefined, retryDelayMs: () => 0 });
  const socket = await socketNumber(sockets, 1);
  socket.open();
  feed.close();
  assert.deepEqual(socket.closedByClient, { code: 1000, reason: 'closed by client' });
  socket.serverClose(1000);
  await new Promise(resolve => setTimeout(resolve, 20));
  assert.equal(sockets.length, 1);
});
