/**
 * A `wx` for Node.js that performs REAL network calls, so the client (gridgov.ts, feed.ts) runs against a real
 * server: wx.request → fetch, wx.uploadFile → a multipart POST read from the file, wx.connectSocket → a WebSocket
 * (Node's built-in one, `node --experimental-websocket`, which sends headers as wx does). Storage is in memory.
 *
 * For the retry tests it can drop the answer of one request: the request reaches the server and is answered, but
 * the client is told the network failed (what a mini program sees when the phone loses its connection after
 * sending). The answer that was withheld is kept for the test to compare.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WxConnectSocketOptions, WxLike, WxRequestOptions, WxSocketTask, WxUploadOptions } from '../gridgov';

/** One call as the server answered it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

/** The WebSocket of `node --experimental-websocket` (undici), which takes headers as an extension. */
type NodeWebSocket = {
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: any) => void): void;
  close(code?: number, reason?: string): void;
};
type NodeWebSocketConstructor = new (url: string, init: { headers: Record<string, string> }) => NodeWebSocket;

export class NodeWx implements WxLike {
  /** Every request and upload the server answered, in order. */
  readonly exchanges: Exchange[] = [];
  /** Answers withheld from the client by dropNextAnswer. */
  readonly dropped: Exchange[] = [];
  /** What wx.login hands out (the demo server's WeChat dev mode takes "dev:<name>"). */
  loginCode = 'dev:e2e';
  private readonly storage = new Map<string, unknown>();
  private dropping: Array<(method: string, url: string) => boolean> = [];

  /** The next request matching `match` is performed, but the client gets a network failure instead of its answer. */
  dropNextAnswer(match: (method: string, url: string) => boolean): void {
    this.dropping.push(match);
  }

  request(options: WxRequestOptions): unknown {
    const body = options.data === undefined ? undefined : JSON.stringify(options.data);
    void this.perform(options.method, options.url, options.header ?? {}, body, options.dataType !== 'text')
      .then(answer => answer === null
        ? options.fail?.({ errMsg: 'request:fail (answer dropped by the test)' })
        : options.success?.({ statusCode: answer.status, data: answer.data, header: answer.headers }))
      .catch(e => options.fail?.({ errMsg: 'request:fail ' + String(e) }));
    return {};
  }

  uploadFile(options: WxUploadOptions): unknown {
    const bytes = readFileSync(options.filePath);
    const form = new FormData();
    for (const [key, value] of Object.entries(options.formData ?? {})) {
      form.append(key, value);
    }
    const type = /\.png$/i.test(options.filePath) ? 'image/png' : 'image/jpeg';
    form.append(options.name, new Blob([bytes], { type }), basename(options.filePath));
    void this.perform('POST', options.url, options.header ?? {}, form, false)
      .then(answer => answer === null
        ? options.fail?.({ errMsg: 'uploadFile:fail (answer dropped by the test)' })
        : options.success?.({ statusCode: answer.status, data: answer.data as string }))
      .catch(e => options.fail?.({ errMsg: 'uploadFile:fail ' + String(e) }));
    return {};
  }

  connectSocket(options: WxConnectSocketOptions): WxSocketTask {
    const Socket = (globalThis as unknown as { WebSocket?: NodeWebSocketConstructor }).WebSocket;
    if (!Socket) {
      throw new Error('no WebSocket in this Node.js: run it with --experimental-websocket');
    }
    const socket = new Socket(options.url, { headers: options.header ?? {} });
    return {
      onOpen: callback => socket.addEventListener('open', () => callback({})),
      onMessage: callback => socket.addEventListener('message', event => callback({ data: event.data })),
      onClose: callback => socket.addEventListener('close', event => callback({ code: event.code, reason: event.reason })),
      onError: callback => socket.addEventListener('error', () => callback({ errMsg: 'connectSocket:fail' })),
      close: close => socket.close(close?.code, close?.reason),
    };
  }

  login(options: { success?: (res: { code: string }) => void }): void {
    setImmediate(() => options.success?.({ code: this.loginCode }));
  }

  getStorageSync(key: string): unknown {
    return this.storage.has(key) ? this.storage.get(key) : '';
  }

  setStorageSync(key: string, value: unknown): void {
    this.storage.set(key, value);
  }

  removeStorageSync(key: string): void {
    this.storage.delete(key);
  }

  /** Performs the call; answers null when the test asked to drop this answer. */
  private async perform(method: string, url: string, header: Record<string, string>, body: string | FormData | undefined,
                        json: boolean): Promise<{ status: number; data: unknown; headers: Record<string, string> } | null> {
    const response = await fetch(url, { method, headers: header, body });
    const text = await response.text();
    let data: unknown = text;
    if (json && text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const exchange = { method, url, status: response.status, body: data };
    this.exchanges.push(exchange);
    const drop = this.dropping.findIndex(match => match(method, url));
    if (drop >= 0) {
      this.dropping.splice(drop, 1);
      this.dropped.push(exchange);
      return null;
    }
    return { status: response.status, data, headers };
  }
}
