/**
 * The realtime feed in a browser (GET /api/v1/feed over WebSocket): browsers cannot set headers on a WebSocket, so
 * each connection uses a one-time ticket (POST /api/v1/feed/tickets). Remembers the last event id and reconnects
 * with ?lastEventId= (the server replays what was missed), drops duplicates by id, refreshes the token first on
 * 4401, reconnects at once on 4408 and with a growing pause otherwise; {"type":"reload"} asks to reload everything.
 */
import { Api, ApiError } from './api';

export interface FeedEvent {
  id: number;
  type: 'created' | 'transitioned' | 'yellow' | 'red' | 'escalated';
  incidentId: number;
  action?: string;
  fromStatus?: string | null;
  status: string;
  regionPath?: string;
  ownerRegionId?: number;
  assigneeId?: number | null;
  actorRole?: string;
  categoryName?: string;
  at: string;
}

export type FeedState = 'connecting' | 'open' | 'waiting' | 'closed';

export interface FeedHandlers {
  onEvent(e: FeedEvent): void;
  onReload(): void;
  onState(s: FeedState): void;
}

export class Feed {
  lastEventId: number | undefined;
  private readonly seen = new Set<number>();
  private socket: WebSocket | null = null;
  private closed = false;
  private pause = 1000;
  private timer: number | undefined;

  constructor(private readonly api: Api, private readonly on: FeedHandlers) {
    void this.connect();
  }

  close(): void {
    this.closed = true;
    window.clearTimeout(this.timer);
    this.socket?.close(1000);
    this.on.onState('closed');
  }

  private async connect(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.on.onState('connecting');
    let ticket: string;
    try {
      ticket = (await this.api.post<{ ticket: string }>('/api/v1/feed/tickets')).ticket;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.close();
        return;
      }
      this.later();
      return;
    }
    const url = new URL(this.api.base + '/api/v1/feed', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);
    if (this.lastEventId !== undefined) {
      url.searchParams.set('lastEventId', String(this.lastEventId));
    }
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.pause = 1000;
      this.on.onState('open');
    };
    socket.onmessage = message => {
      let event: any;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (event.type === 'reload') {
        this.on.onReload();
        return;
      }
      // ids are given in write order but seen in commit order: the replay repeats recent ids, so drop by id seen
      if (typeof event.id !== 'number' || this.seen.has(event.id)) {
        return;
      }
      this.seen.add(event.id);
      if (this.seen.size > 1000) {
        this.seen.delete(this.seen.values().next().value as number);
      }
      this.lastEventId = Math.max(this.lastEventId ?? 0, event.id);
      this.on.onEvent(event as FeedEvent);
    };
    socket.onclose = close => {
      if (this.socket !== socket || this.closed) {
        return;
      }
      this.socket = null;
      if (close.code === 4401) {
        this.api.refresh().then(() => this.connect(), () => this.close());
      } else if (close.code === 4408) {
        void this.connect();
      } else {
        this.later();
      }
    };
  }

  private later(): void {
    this.on.onState('waiting');
    this.timer = window.setTimeout(() => void this.connect(), this.pause);
    this.pause = Math.min(this.pause * 2, 30000);
  }
}
