/**
 * The dashboard of the caller's node (GET /api/v1/stats/overview): the headline figures for a period, the children
 * as a bar chart, the daily series as a small chart (plain SVG), with a period picker; and the exports
 * (GET /api/v1/exports/incidents.{csv,xlsx,geojson}) of the queue's current filters as downloads, fetched with the
 * access token and saved from a Blob under the file name the server gives (Content-Disposition).
 * A 404 of the overview (an older server) is still tolerated: the console then says so instead of failing.
 */
import { Api, ApiError } from './api';
import { esc, STATUS } from './labels';

/** The parts of the StatsOverview schema the dashboard draws (see miniapp-api-docs/client/stats.ts). */
export interface StatsFigures {
  received: number;
  byStatus: Record<string, number>;
  bySource: Record<string, number>;
  byCategory: { code?: string; name?: string; count: number }[];
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  meanHandlingHours: number | null;
  medianHandlingHours: number | null;
  rated: number;
  meanRating: number | null;
  satisfiedShare: number | null;
  open: number;
  yellow: number;
  red: number;
  supervised: number;
}

export interface StatsOverview {
  regionId: number;
  code: string;
  name: string;
  level: string;
  from: string;
  to: string;
  figures: StatsFigures;
  children: { regionId: number; code: string; name: string; level: string; figures: StatsFigures }[];
  days: { day: string; received: number; closed: number }[];
}

const EXPORTS = [
  { ext: 'csv', label: '导出 CSV' },
  { ext: 'xlsx', label: '导出 Excel' },
  { ext: 'geojson', label: '导出 GeoJSON' },
];

const LEVEL: Record<string, string> = {
  COUNTY: '县', TOWN: '乡镇（街道）', COMMUNITY: '社区（村）', COMPOUND: '小区（网格）', GRID: '网格', BUILDING: '楼栋',
};

/** A share (0–1) as a percentage; null → "—". */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
const hours = (h: number | null | undefined): string => (h === null || h === undefined ? '—' : h.toFixed(1));

/** The file name of a Content-Disposition header: the UTF-8 filename* (the Chinese name) first, else filename. */
export function fileNameOf(header: string | null): string | undefined {
  if (!header) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;\s]+)/i.exec(header);
  if (extended && extended[1].toUpperCase() === 'UTF-8') {
    try {
      return decodeURIComponent(extended[2]);
    } catch {
      // a malformed escape: the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2]) : undefined;
}

/** What the queue currently shows, for the exports: its query (status=…, overdue=…) and its Chinese name. */
export interface QueueFilterInfo {
  query: string;
  label: string;
}

export class Dashboard {
  /** The last overview drawn (read by the browser test). */
  overview: StatsOverview | null = null;
  /** The last export saved: its file name and size in bytes (read by the browser test). */
  lastExport: { fileName: string; bytes: number; rows: number | null } | null = null;
  /** The node shown when it is not the caller's own (a child opened from the chart). */
  private regionId: number | undefined;

  constructor(private readonly api: Api, private readonly root: HTMLElement,
              private readonly queueFilter: () => QueueFilterInfo = () => ({ query: '', label: '全部' })) {
    root.addEventListener('click', e => {
      const target = e.target as Element;
      const b = target.closest<HTMLButtonElement>('[data-export]');
      if (b) {
        void this.download(b.dataset.export!, b);
      }
      const child = target.closest<SVGGElement>('#stats-children .child');
      if (child) {
        this.drill(Number(child.dataset.region));
      }
      if (target.closest('#stats-up')) {
        this.drill(undefined);
      }
    });
    // the children's bars are buttons: Enter or Space opens a child's figures
    root.addEventListener('keydown', e => {
      const child = (e.target as Element).closest<SVGGElement>('#stats-children .child');
      if (child && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        this.drill(Number(child.dataset.region));
      }
    });
    root.addEventListener('submit', e => {
      const form = (e.target as HTMLElement).closest<HTMLFormElement>('#stats-period');
      if (form) {
        e.preventDefault();
        const from = (form.querySelector('#stats-from') as HTMLInputElement).value;
        const to = (form.querySelector('#stats-to') as HTMLInputElement).value;
        void this.show(from, to);
      }
    });
  }

  /** Shows a child node's figures for the same period (undefined: back to the caller's own node). */
  private drill(regionId: number | undefined): void {
    this.regionId = regionId;
    void this.show(this.overview?.from, this.overview?.to);
  }

  /** Reads and draws the overview of the caller's node for a period (by default the server's: the last 30 days). */
  async show(from?: string, to?: string): Promise<void> {
    const q = new URLSearchParams();
    if (this.regionId !== undefined) {
      q.set('regionId', String(this.regionId));
    }
    if (from) {
      q.set('from', from);
    }
    if (to) {
      q.set('to', to);
    }
    from = from || this.overview?.from || '';
    to = to || this.overview?.to || '';
    this.root.innerHTML = `${this.periodForm(from, to)}<div id="stats-body"><p class="muted">正在读取统计…</p></div>${this.exportsBlock()}`;
    const body = this.root.querySelector<HTMLElement>('#stats-body')!;
    this.root.setAttribute('aria-busy', 'true');
    try {
      const overview = await this.api.get<StatsOverview>(`/api/v1/stats/overview${q.toString() ? '?' + q.toString() : ''}`);
      this.overview = overview;
      (this.root.querySelector('#stats-from') as HTMLInputElement).value = overview.from;
      (this.root.querySelector('#stats-to') as HTMLInputElement).value = overview.to;
      body.innerHTML = this.charts(overview);
      body.dataset.from = overview.from;
      body.dataset.to = overview.to;
      body.dataset.regionId = String(overview.regionId);
    } catch (e) {
      body.innerHTML = e instanceof ApiError && (e.status === 404 || e.status === 405) && e.code !== 'REGION_NOT_FOUND'
        ? '<p class="notice" id="stats-unavailable">统计暂不可用</p>'
        : `<p class="error" id="stats-error" role="alert">统计读取失败：${esc((e as ApiError).detail ?? String(e))}</p>`
          + (this.regionId !== undefined ? '<button type="button" id="stats-up" class="link">← 返回本级</button>' : '');
    } finally {
      this.root.removeAttribute('aria-busy');
    }
  }

  private periodForm(from: string, to: string): string {
    return `<form id="stats-period" class="period" aria-label="统计期间">
        <label>从 <input type="date" id="stats-from" value="${esc(from)}"></label>
        <label>至 <input type="date" id="stats-to" value="${esc(to)}"></label>
        <button type="submit" id="stats-apply">查询</button>
      </form>`;
  }

  private exportsBlock(): string {
    const filter = this.queueFilter();
    return `<h2>导出</h2>
      <p class="muted">按事件队列当前的筛选（<span id="export-filter">${esc(filter.label)}</span>）导出辖区内的事件。</p>
      <div class="exports" role="group" aria-label="导出">${EXPORTS.map(x =>
        `<button type="button" data-export="${x.ext}">${x.label}</button>`).join('')}</div>
      <p id="export-state" class="muted" role="status"></p>`;
  }

  private charts(o: StatsOverview): string {
    const f = o.figures;
    const tile = (id: string, label: string, value: string, cls = '') =>
      `<div class="tile ${cls}" data-figure="${id}"><span>${label}</span><b>${value}</b></div>`;
    const tiles = [
      tile('received', '收到事件', String(f.received)),
      tile('closed', '已办结', String(f.closed)),
      tile('onTimeRate', '按时办结率', percent(f.onTimeRate)),
      tile('meanHandlingHours', '平均处置（小时）', hours(f.meanHandlingHours)),
      tile('medianHandlingHours', '处置中位数（小时）', hours(f.medianHandlingHours)),
      tile('satisfiedShare', `满意率（${f.rated} 件评价）`,
        percent(f.satisfiedShare) + (f.meanRating === null ? '' : ` <small>${f.meanRating.toFixed(1)} 星</small>`)),
      tile('open', '当前未办结', String(f.open)),
      tile('yellow', '黄灯', String(f.yellow), f.yellow ? 'yellow' : ''),
      tile('red', '红灯', String(f.red), f.red ? 'red' : ''),
      tile('supervised', '督办', String(f.supervised)),
    ];
    const statuses = Object.entries(f.byStatus ?? {}).filter(([, n]) => n > 0);
    const categories = (f.byCategory ?? []).slice(0, 6);
    const up = this.regionId !== undefined ? '<button type="button" id="stats-up" class="link">← 返回本级</button>' : '';
    return `${up}<h2 id="stats-title">${esc(o.name)} <span class="muted">${esc(LEVEL[o.level] ?? o.level)} · ${esc(o.from)} 至 ${esc(o.to)}</span></h2>
      <div class="tiles">${tiles.join('')}</div>
      <h3>下级节点 <span class="muted">收到 / 已办结 / 红灯</span></h3>
      ${this.childrenChart(o)}
      <h3>每日趋势 <span class="muted"><i class="key received"></i>收到 <i class="key closed"></i>办结</span></h3>
      ${this.dailyChart(o.days ?? [])}
      ${statuses.length ? `<h3>按状态</h3>${this.bars(statuses.map(([k, n]) => [STATUS[k] ?? k, n]))}` : ''}
      ${categories.length ? `<h3>主要类别</h3>${this.bars(categories.map(c => [c.name ?? c.code ?? '', c.count]))}` : ''}`;
  }

  private bars(rows: [string, number][]): string {
    const max = Math.max(1, ...rows.map(([, n]) => n));
    return `<div class="bars">${rows.map(([label, n]) =>
      `<div class="bar"><span>${esc(label)}</span><i style="width:${(100 * n) / max}%"></i><b>${n}</b></div>`).join('')}</div>`;
  }

  /** One row per child: the received bar with the closed part inside, and the red count. */
  private childrenChart(o: StatsOverview): string {
    const children = o.children ?? [];
    if (!children.length) {
      return '<p class="muted" id="stats-children-none">没有下级节点</p>';
    }
    const W = 350, label = 96, right = 56, row = 20;
    const H = children.length * row + 4;
    const max = Math.max(1, ...children.map(c => c.figures.received));
    const scale = (n: number) => ((W - label - right) * n) / max;
    const rows = children.map((c, i) => {
      const y = 2 + i * row;
      const name = c.name.length > 7 ? c.name.slice(0, 7) + '…' : c.name;
      return `<g class="child" data-region="${c.regionId}" data-received="${c.figures.received}" tabindex="0" role="button"
        aria-label="查看${esc(c.name)}的统计：收到 ${c.figures.received}，已办结 ${c.figures.closed}，红灯 ${c.figures.red}">
        <title>${esc(c.name)}：收到 ${c.figures.received}，已办结 ${c.figures.closed}，未办结 ${c.figures.open}，黄灯 ${c.figures.yellow}，红灯 ${c.figures.red}，按时办结率 ${percent(c.figures.onTimeRate)}</title>
        <text x="${label - 4}" y="${y + 13}" text-anchor="end">${esc(name)}</text>
        <rect x="${label}" y="${y + 3}" width="${scale(c.figures.received)}" height="12" class="received"/>
        <rect x="${label}" y="${y + 3}" width="${scale(c.figures.closed)}" height="12" class="closed"/>
        <text x="${label + scale(c.figures.received) + 4}" y="${y + 13}">${c.figures.received}/${c.figures.closed}${c.figures.red ? `<tspan class="red"> ●${c.figures.red}</tspan>` : ''}</text>
      </g>`;
    }).join('');
    return `<svg id="stats-children" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"
      aria-label="下级节点收到与办结的事件数，选择一个查看其统计">${rows}</svg>`;
  }

  /** The daily series: received as bars, closed as a line. */
  private dailyChart(days: StatsOverview['days']): string {
    if (!days.length) {
      return '<p class="muted">没有每日数据</p>';
    }
    const W = 350, H = 120, left = 24, bottom = 18, top = 6;
    const max = Math.max(1, ...days.map(d => Math.max(d.received, d.closed)));
    const step = (W - left - 4) / days.length;
    const y = (n: number) => top + (H - top - bottom) * (1 - n / max);
    const bars = days.map((d, i) => `<rect x="${left + i * step + step * 0.15}" y="${y(d.received)}" width="${Math.max(1, step * 0.7)}"
      height="${H - bottom - y(d.received)}" class="received"><title>${d.day}：收到 ${d.received}，办结 ${d.closed}</title></rect>`).join('');
    const line = days.map((d, i) => `${(left + (i + 0.5) * step).toFixed(1)},${y(d.closed).toFixed(1)}`).join(' ');
    const ticks = [0, Math.floor((days.length - 1) / 2), days.length - 1].filter((v, i, a) => a.indexOf(v) === i);
    return `<svg id="stats-days" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"
      aria-label="每日收到与办结的事件数" data-days="${days.length}">
      <line x1="${left}" y1="${H - bottom}" x2="${W}" y2="${H - bottom}" class="axis"/>
      <text x="${left - 4}" y="${top + 8}" text-anchor="end">${max}</text>
      <text x="${left - 4}" y="${H - bottom}" text-anchor="end">0</text>
      ${bars}
      <polyline points="${line}" class="closed-line"/>
      ${ticks.map(i => `<text x="${left + (i + 0.5) * step}" y="${H - 4}" text-anchor="${
        i === 0 && days.length > 1 ? 'start' : i === days.length - 1 && days.length > 1 ? 'end' : 'middle'}">${days[i].day.slice(5)}</text>`).join('')}
    </svg>`;
  }

  /** Downloads an export with the access token (a plain link cannot send it), saved from a Blob. */
  private async download(ext: string, button: HTMLButtonElement): Promise<void> {
    const state = this.root.querySelector('#export-state')!;
    state.className = 'muted';
    button.disabled = true;
    state.textContent = '正在导出…';
    const query = this.queueFilter().query;
    try {
      let res = await this.fetchExport(ext, query);
      if (res.status === 401) {
        await this.api.refresh();
        res = await this.fetchExport(ext, query);
      }
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let problem: any = null;
        try {
          problem = JSON.parse(text);
        } catch {
          problem = null;
        }
        state.className = 'error';
        state.textContent = res.status === 404 && !problem?.code
          ? '导出暂不可用'
          : `导出失败：${problem?.detail ?? problem?.title ?? `服务器返回 ${res.status}`}`;
        return;
      }
      const blob = await res.blob();
      const fileName = fileNameOf(res.headers.get('Content-Disposition')) ?? `事件导出.${ext}`;
      const rowsHeader = res.headers.get('X-Export-Rows');
      const rows = rowsHeader && /^\d+$/.test(rowsHeader) ? Number(rowsHeader) : null;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      this.lastExport = { fileName, bytes: blob.size, rows };
      state.textContent = `已下载 ${fileName}${rows === null ? '' : `（${rows} 行）`}`;
    } catch (e) {
      state.className = 'error';
      state.textContent = `导出失败：${e instanceof ApiError ? e.detail : '网络连接失败，请检查网络后重试'}`;
    } finally {
      button.disabled = false;
    }
  }

  private fetchExport(ext: string, query: string): Promise<Response> {
    return fetch(`${this.api.base}/api/v1/exports/incidents.${ext}${query ? '?' + query : ''}`, {
      headers: { Authorization: `Bearer ${this.api.accessToken ?? ''}`, 'Accept-Language': 'zh-CN' },
    });
  }
}
