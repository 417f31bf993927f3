/**
 * The realtime feed (GET /api/v1/feed over wx.connectSocket) for a GridGovClient: events about incidents in
 * the user's scope, one JSON text frame each.
 *
 * - the access token goes in the Authorization header (wx.connectSocket sends headers), never in the URL (the
 *   server refuses ?access_token=; a browser, which cannot send headers, uses GridGovClient.feedTicket());
 * - a refused upgrade (401, or 429 when the user already holds 5 feed connections) is retried with backoff;
 * - whatever ends the connection, it reconnects with ?lastEventId=<last id seen> and the server first sends
 *   what was missed, so nothing is lost; with backoff on failures, at once after a close it asked for:
 *   4401 (token expired: refreshed first) and 4408 (this client read too slowly);
 * - `{"type":"reload"}` (more was missed than the server replays) becomes onReload: reload lists from the API;
 * - events already delivered (a replay overlapping live events) are not delivered twice.
 */
import { GridGovClient, GridGovError, IncidentAction, IncidentStatus, WxSocketTask } from './gridgov';

/** One event, as the server sends it. */
export interface FeedEvent {
  /** The flow row's id: reconnecting with the last one seen replays what came after. */
  id: number;
  type: 'created' | 'transitioned' | 'yellow' | 'red' | 'escalated';
  incidentId: number;
  action: IncidentAction;
  fromStatus: IncidentStatus | null;
  status: IncidentStatus;
  regionPath: string;
  ownerRegionId: number | null;
  assigneeId: number | null;
  actorRole: string;
  categoryName: string;
  /** ISO-8601 with +08:00. */
  at: string;
}

export type FeedState = 'connecting' | 'open' | 'waiting' | 'closed';

export interface FeedOptions {
  onEvent: (event: FeedEvent) => void;
  /** More was missed than the server replays: reload what is on screen from the API. */
  onReload?: () => void;
  onStateChange?: (state: FeedState) => void;
  /**
   * Resume after this id (e.g. the last one a previous page saw). The server also sends again the few events up to
   * it (one may have committed late), in id order: apply every event in the order received.
   */
  lastEventId?: number;
  /** Wait before the n-th reconnect after a failure (default 1 s, 2 s, 4 s … at most 30 s). */
  retryDelayMs?: (attempt: number) => number;
}

/** Close codes the server uses; after these the feed reconnects at once. */
export const TOKEN_EXPIRED = 4401;
export const TOO_SLOW = 4408;

/** How many recent ids are remembered to drop repeats. */
const REMEMBERED_IDS = 1000;

export class GridGovFeed {
  private readonly client: GridGovClient;
  private readonly options: FeedOptions;
  private socket: WxSocketTask | null = null;
  private stopped = false;
  private failures = 0;
  private last: number | null;
  private readonly recent: number[] = [];
  private readonly recentSet = new Set<number>();

  constructor(client: GridGovClient, options: FeedOptions) {
    this.client = client;
    this.options = options;
    this.last = options.lastEventId ?? null;
    void this.connect(false);
  }

  /** The id to resume from: the highest seen. */
  get lastEventId(): number | null {
    return this.last;
  }

  /** Closes for good (leaving the page); no reconnect. */
  close(): void {
    this.stopped = true;
    this.socket?.close({ code: 1000, reason: 'closed by client' });
    this.socket = null;
    this.options.onStateChange?.('closed');
  }

  private async connect(refreshFirst: boolean): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.options.onStateChange?.('connecting');
    let token: string | null;
    try {
      token = refreshFirst ? (await this.client.refresh()).accessToken : await this.client.accessToken();
    } catch (e) {
      if (e instanceof GridGovError && e.status !== 0) {
        this.stop(); // the session ended (refresh refused): the client's onSessionEnded sends the user to login
      } else {
        this.retryLater(false); // offline
      }
      return;
    }
    if (token === null || this.stopped) {
      this.stop();
      return;
    }
    const connectSocket = this.client.wxApi.connectSocket;
    if (!connectSocket) {
      throw new Error('GridGovFeed: wx.connectSocket is not available');
    }
    const url = this.client.baseUrl.replace(/^http/, 'ws') + '/api/v1/feed'
      + (this.last !== null ? '?lastEventId=' + this.last : '');
    const socket = connectSocket.call(this.client.wxApi, { url, header: { Authorization: 'Bearer ' + token } });
    this.socket = socket;
    let opened = false;
    let ended = false;
    socket.onOpen(() => {
      opened = true;
      this.failures = 0;
      this.options.onStateChange?.('open');
    });
    socket.onMessage(res => {
      if (typeof res.data === 'string') {
        this.received(res.data);
      }
    });
    // wx may report a failed connection with onError, onClose or both: react once
    const end = (code: number) => {
      if (ended || this.socket !== socket) {
        return;
      }
      ended = true;
      this.socket = null;
      if (this.stopped) {
        return;
      }
      if (code === TOKEN_EXPIRED) {
        void this.connect(true);
      } else if (code === TOO_SLOW) {
        void this.connect(false);
      } else {
        // never opened twice in a row: perhaps the token was refused at the upgrade (401), so refresh next time
        this.retryLater(!opened && this.failures >= 1);
      }
    };
    socket.onClose(res => end(res.code));
    socket.onError(() => end(1006));
  }

  private received(text: string): void {
    let message: { type?: string; id?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === 'reload') {
      this.options.onReload?.();
      return;
    }
    if (typeof message.id !== 'number' || this.recentSet.has(message.id)) {
      return;
    }
    this.remember(message.id);
    this.last = this.last === null ? message.id : Math.max(this.last, message.id);
    this.options.onEvent(message as FeedEvent);
  }

  private remember(id: number): void {
    this.recent.push(id);
    this.recentSet.add(id);
    if (this.recent.length > REMEMBERED_IDS) {
      this.recentSet.delete(this.recent.shift() as number);
    }
  }

  private retryLater(refreshFirst: boolean): void {
    this.options.onStateChange?.('waiting');
    const delay = (this.options.retryDelayMs ?? (n => Math.min(30_000, 1000 * 2 ** n)))(this.failures);
    this.failures++;
    setTimeout(() => void this.connect(refreshFirst), delay);
  }

  private stop(): void {
    this.stopped = true;
    this.options.onStateChange?.('closed');
  }
}
