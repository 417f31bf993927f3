/**
 * The console's client of the public API (the same endpoints as the mini program): staff login, tokens kept in
 * sessionStorage (one session per browser tab), refresh on 401 once and single-flight (the server rotates refresh
 * tokens and revokes the whole session when a spent one comes back), logout, and problem+json answers as ApiError.
 */

export interface User {
  id: number;
  kind: string;
  displayName?: string;
  username?: string;
  roles: string[];
  region?: { id: number; name: string; level: string };
}

interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

/** An error answer of the API (application/problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly detail: string, readonly body?: any) {
    super(detail || code);
  }
}

const KEY = 'gridgov.console.session';

export class Api {
  private session: Session | null;
  private refreshing: Promise<void> | null = null;
  /** Called when the session ends (refresh refused, logout): the page goes back to the login form. */
  onSessionEnd: () => void = () => {};

  constructor(readonly base: string) {
    const saved = sessionStorage.getItem(KEY);
    this.session = saved ? (JSON.parse(saved) as Session) : null;
  }

  get user(): User | null {
    return this.session?.user ?? null;
  }

  get accessToken(): string | null {
    return this.session?.accessToken ?? null;
  }

  async login(username: string, password: string): Promise<User> {
    const answer = await this.send('POST', '/api/v1/auth/staff/login', { username, password }, false);
    this.keep(answer);
    return answer.user;
  }

  async logout(): Promise<void> {
    const refreshToken = this.session?.refreshToken;
    this.forget();
    if (refreshToken) {
      await this.send('POST', '/api/v1/auth/logout', { refreshToken }, false).catch(() => undefined);
    }
  }

  /** Refreshes the tokens once for all callers waiting at the same time. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      const refreshToken = this.session?.refreshToken;
      this.refreshing = (async () => {
        if (!refreshToken) {
          throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
        }
        try {
          this.keep(await this.send('POST', '/api/v1/auth/refresh', { refreshToken }, false));
        } catch (e) {
          if (e instanceof ApiError && e.status !== 0) {
            this.forget();
            this.onSessionEnd();
          }
          throw e;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  get<T = any>(path: string): Promise<T> {
    return this.call('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<T> {
    return this.call('POST', path, body);
  }

  /** A call with the access token; on 401 the tokens are refreshed once and the call is made again once. */
  async call(method: string, path: string, body?: unknown): Promise<any> {
    try {
      return await this.send(method, path, body, true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && this.session) {
        await this.refresh();
        return this.send(method, path, body, true);
      }
      throw e;
    }
  }

  private async send(method: string, path: string, body: unknown, auth: boolean): Promise<any> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (auth && this.session) {
      headers.Authorization = `Bearer ${this.session.accessToken}`;
    }
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
    }
    if (res.status === 204) {
      return undefined;
    }
    const text = await res.text();
    let data: any = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!res.ok) {
      throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.detail ?? data?.title ?? `服务器返回 ${res.status}`, data);
    }
    return data;
  }

  private keep(answer: Session): void {
    this.session = { accessToken: answer.accessToken, refreshToken: answer.refreshToken, user: answer.user };
    sessionStorage.setItem(KEY, JSON.stringify(this.session));
  }

  private forget(): void {
    this.session = null;
    sessionStorage.removeItem(KEY);
  }
}
