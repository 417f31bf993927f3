/**
 * The queue of incidents to act on (GET /api/v1/incidents with filters, cursor paging), kept up to date from the
 * realtime feed: each event re-reads that one incident and puts it in, moves it or takes it out of the list.
 */
import type { Api } from './api';
import { esc, STATUS, time } from './labels';

export type QueueFilter = 'new' | 'todo' | 'overdue' | 'open' | 'all';

const OPEN = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'SUSPENDED'];

const QUERY: Record<QueueFilter, string> = {
  new: 'status=REPORTED',
  todo: 'status=ACCEPTED',
  overdue: 'overdue=true',
  open: 'status=' + OPEN.join(','),
  all: '',
};

/** The filters' names, as on their buttons. */
export const FILTER_LABEL: Record<QueueFilter, string> = {
  new: '新上报',
  todo: '待派单/退回',
  overdue: '超时',
  open: '全部未办结',
  all: '全部',
};

function matches(filter: QueueFilter, i: any): boolean {
  switch (filter) {
    case 'new': return i.status === 'REPORTED';
    case 'todo': return i.status === 'ACCEPTED';
    case 'overdue': return i.overdue === true;
    case 'open': return OPEN.includes(i.status);
    default: return true;
  }
}

export class Queue {
  filter: QueueFilter = 'new';
  private items: any[] = [];
  private cursor: string | null = null;
  /** Incidents the feed flagged: yellow or red card, returned by the assignee. */
  private readonly flags = new Map<number, Set<string>>();
  selected: number | null = null;

  constructor(private readonly api: Api, private readonly list: HTMLElement, private readonly more: HTMLButtonElement,
              private readonly search: HTMLInputElement, private readonly onOpen: (id: number) => void) {
    more.addEventListener('click', () => void this.load(true));
    search.addEventListener('input', () => this.render());
    list.addEventListener('click', e => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-id]');
      if (row) {
        this.onOpen(Number(row.dataset.id));
      }
    });
  }

  /** The list API's filters of the current view (status=…, overdue=…), which the exports take as they are. */
  get query(): string {
    return QUERY[this.filter];
  }

  async load(next = false): Promise<void> {
    const q = [QUERY[this.filter], 'limit=50', 'coordType=wgs84'];
    if (next && this.cursor) {
      q.push('cursor=' + encodeURIComponent(this.cursor));
    }
    try {
      const page = await this.api.get(`/api/v1/incidents?${q.filter(Boolean).join('&')}`);
      this.items = next ? this.items.concat(page.items) : page.items;
      this.cursor = page.nextCursor ?? null;
      this.render();
    } catch (e: any) {
      this.list.innerHTML = `<li class="error">队列加载失败：${esc(e.detail ?? e.message)}</li>`;
    }
  }

  /** Applies a feed event: re-reads the incident (it may have left the caller's sight: then it leaves the list). */
  async changed(id: number, flag?: string): Promise<any | null> {
    if (flag) {
      const set = this.flags.get(id) ?? new Set<string>();
      set.add(flag);
      this.flags.set(id, set);
    }
    let incident: any = null;
    try {
      incident = await this.api.get(`/api/v1/incidents/${id}?coordType=wgs84`);
    } catch {
      incident = null;
    }
    this.put(id, incident);
    return incident;
  }

  /** Puts an incident as it is now in the list, moves it, or takes it out (null: no longer visible). */
  put(id: number, incident: any | null): void {
    const at = this.items.findIndex(i => i.id === id);
    if (incident && matches(this.filter, incident)) {
      if (at >= 0) {
        this.items[at] = incident;
      } else {
        this.items.unshift(incident);
        this.items.sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : a.reportedAt > b.reportedAt ? -1 : b.id - a.id));
      }
    } else if (at >= 0) {
      this.items.splice(at, 1);
    }
    this.render();
  }

  render(): void {
    const words = this.search.value.trim();
    const shown = this.items.filter(i => !words || `${i.categoryName} ${i.description}`.includes(words));
    this.more.hidden = !this.cursor;
    if (shown.length === 0) {
      this.list.innerHTML = '<li class="muted empty">没有符合条件的事件</li>';
      return;
    }
    this.list.innerHTML = shown.map(i => {
      const flags = this.flags.get(i.id) ?? new Set();
      const badges = [
        i.overdue || flags.has('red') ? '<span class="badge red">红灯</span>' : flags.has('yellow') ? '<span class="badge yellow">黄灯</span>' : '',
        flags.has('returned') ? '<span class="badge">退回</span>' : '',
      ].join('');
      return `<li><button type="button" class="row status-${esc(i.status)}${i.id === this.selected ? ' selected' : ''}"
        data-id="${i.id}" aria-label="事件 ${i.id} ${esc(i.categoryName)} ${esc(STATUS[i.status] ?? i.status)}">
        <span class="row-head"><b>#${i.id} ${esc(i.categoryName)}</b><span class="status">${esc(STATUS[i.status] ?? i.status)}</span></span>
        <span class="row-text">${esc(i.description)}</span>
        <span class="row-foot">${time(i.reportedAt)} · 时限 ${time(i.deadlineAt)} ${badges}</span>
      </button></li>`;
    }).join('');
  }
}
