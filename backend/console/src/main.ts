/**
 * The dispatch console's page: login, then the queue, the map, the detail and the dashboard, kept live by the
 * realtime feed. Reads /console/config.json first (the API base and the optional base map).
 */
import { Api, ApiError } from './api';
import { Dashboard } from './dashboard';
import { Detail } from './detail';
import { Feed, FeedEvent } from './feed';
import { ACTION, esc, FEED_TYPE, ROLE, STATUS } from './labels';
import { ConsoleConfig, ScopeMap } from './map';
import { FILTER_LABEL, Queue, QueueFilter } from './queue';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the browser test reads: the map, the feed's events and the dashboard's overview and last export. */
declare global {
  interface Window {
    gridgovConsole?: { map: ScopeMap; events: FeedEvent[]; feedState: string; feed?: Feed; dashboard: Dashboard };
  }
}

async function start(): Promise<void> {
  const config: ConsoleConfig = await fetch('config.json').then(r => r.json()).catch(() => ({ apiBase: '' }));
  const api = new Api(config.apiBase ?? '');
  api.onSessionEnd = () => location.reload();
  if (api.user) {
    await enter(api, config);
  } else {
    showLogin(api, config);
  }
}

function showLogin(api: Api, config: ConsoleConfig): void {
  $('app').hidden = true;
  $('login').hidden = false;
  $('username').focus();
  $('login-form').addEventListener('submit', async e => {
    e.preventDefault();
    const error = $('login-error');
    error.textContent = '';
    $<HTMLButtonElement>('login-submit').disabled = true;
    try {
      const user = await api.login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value);
      if (user.kind !== 'STAFF') {
        await api.logout();
        throw new ApiError(403, 'NOT_STAFF', '调度台只供工作人员使用');
      }
      $('login').hidden = true;
      await enter(api, config);
    } catch (err: any) {
      error.textContent = err instanceof ApiError ? err.detail : '登录失败，请重试';
    } finally {
      $<HTMLButtonElement>('login-submit').disabled = false;
    }
  });
}

async function enter(api: Api, config: ConsoleConfig): Promise<void> {
  const user = api.user!;
  $('app').hidden = false;
  $('who').textContent = `${user.displayName ?? user.username}（${user.roles.filter(r => r !== 'STAFF').map(r => ROLE[r] ?? r).join('、')}）· ${user.region?.name ?? ''}`;

  const map = new ScopeMap($('map'), api, config, id => void openIncident(id));
  const detail = new Detail(api, $('detail'), (lng, lat) => map.show(lng, lat), incident => {
    queue.put(incident.id, incident.allowedActions ? incident : null);
    map.reloadIncidents();
  });
  const queue = new Queue(api, $('queue-list'), $<HTMLButtonElement>('queue-more'), $<HTMLInputElement>('search'),
    id => void openIncident(id));
  const dashboard = new Dashboard(api, $('dashboard'), () => ({ query: queue.query, label: FILTER_LABEL[queue.filter] }));
  const events: FeedEvent[] = [];
  window.gridgovConsole = { map, events, feedState: 'connecting', dashboard };

  async function openIncident(id: number): Promise<void> {
    queue.selected = id;
    queue.render();
    showView('queue');
    await detail.open(id);
    if (detail.incident) {
      map.show(detail.incident.location.lng, detail.incident.location.lat);
    }
  }

  function showView(view: 'queue' | 'dashboard'): void {
    $('show-queue').setAttribute('aria-pressed', String(view === 'queue'));
    $('show-dashboard').setAttribute('aria-pressed', String(view === 'dashboard'));
    $('detail').hidden = view !== 'queue';
    $('dashboard').hidden = view !== 'dashboard';
  }

  for (const b of document.querySelectorAll<HTMLButtonElement>('.filter')) {
    b.addEventListener('click', () => {
      for (const other of document.querySelectorAll('.filter')) {
        other.setAttribute('aria-pressed', String(other === b));
      }
      queue.filter = b.dataset.filter as QueueFilter;
      const exportFilter = document.getElementById('export-filter');
      if (exportFilter) {
        exportFilter.textContent = FILTER_LABEL[queue.filter];
      }
      void queue.load();
    });
  }
  $('show-queue').addEventListener('click', () => showView('queue'));
  $('show-dashboard').addEventListener('click', () => {
    showView('dashboard');
    void dashboard.show();
  });

  const feed = new Feed(api, {
    onEvent: e => {
      events.push(e);
      const flag = e.type === 'yellow' ? 'yellow' : e.type === 'red' ? 'red' : e.action === 'RETURN' ? 'returned' : undefined;
      void queue.changed(e.incidentId, flag).then(incident => detail.refreshIfShown(e.incidentId, incident?.version));
      map.reloadIncidents();
      live(e);
    },
    onReload: () => {
      void queue.load();
      map.reloadIncidents();
      if (detail.incident) {
        void detail.open(detail.incident.id);
      }
    },
    onState: s => {
      window.gridgovConsole!.feedState = s;
      $('feed-state').textContent = { connecting: '实时推送连接中…', open: '● 实时推送已连接', waiting: '实时推送已断开，稍后重连', closed: '实时推送已关闭' }[s];
      $('feed-state').className = `feed-state ${s}`;
    },
  });

  window.gridgovConsole.feed = feed;
  // access tokens last 15 minutes: refresh before they end, so map tiles (which cannot retry) keep loading
  const keepAlive = window.setInterval(() => void api.refresh().catch(() => undefined), 12 * 60 * 1000);

  $('logout').addEventListener('click', async () => {
    window.clearInterval(keepAlive);
    feed.close();
    await api.logout();
    location.reload();
  });

  await queue.load();
  if (user.region) {
    await map.frame(user.region.id);
  }
}

function live(e: FeedEvent): void {
  const list = $('live');
  const item = document.createElement('li');
  item.dataset.incident = String(e.incidentId);
  item.innerHTML = `<b>${esc(FEED_TYPE[e.type] ?? e.type)}</b> #${e.incidentId} ${esc(e.categoryName ?? '')}
    ${e.action && e.type === 'transitioned' ? esc(ACTION[e.action] ?? e.action) + ' → ' : ''}${esc(STATUS[e.status] ?? e.status)}`;
  list.prepend(item);
  while (list.children.length > 30) {
    list.lastElementChild!.remove();
  }
}

void start();
