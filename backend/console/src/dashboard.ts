/**
 * The dashboard of the caller's node and its children (GET /api/v1/stats/overview) as simple charts, and the
 * exports (GET /api/v1/exports/incidents.{csv,xlsx,geojson}) as downloads. Both are tolerated when absent (404):
 * the console then says so instead of failing. The overview's figures are drawn generically: numbers as tiles,
 * maps of numbers as bars, lists of rows (the children, the daily series) as tables.
 */
import { Api, ApiError } from './api';
import { esc, STATUS } from './labels';

const NAMES: Record<string, string> = {
  total: '事件总数', open: '未办结', yellow: '黄灯', warned: '黄灯', red: '红灯', overdue: '红灯（超时）',
  supervised: '督办', closed: '已办结', onTimeRate: '按时办结率', onTimeClosureRate: '按时办结率',
  meanHandlingHours: '平均处置时长（小时）', medianHandlingHours: '处置时长中位数（小时）', satisfaction: '满意度',
  byStatus: '按状态', byCategory: '按类别', bySource: '按来源', children: '下级节点', daily: '每日趋势',
  name: '名称', regionId: '区域', date: '日期', reported: '上报', count: '数量',
};

const EXPORTS = [
  { ext: 'csv', label: '导出 CSV' },
  { ext: 'xlsx', label: '导出 Excel' },
  { ext: 'geojson', label: '导出 GeoJSON' },
];

const name = (k: string) => NAMES[k] ?? STATUS[k] ?? k;
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export class Dashboard {
  constructor(private readonly api: Api, private readonly root: HTMLElement) {
    root.addEventListener('click', e => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-export]');
      if (b) {
        void this.download(b.dataset.export!, b);
      }
    });
  }

  async show(): Promise<void> {
    this.root.innerHTML = '<p class="muted">正在读取统计…</p>';
    let body: string;
    try {
      const overview = await this.api.get('/api/v1/stats/overview');
      body = this.charts(overview);
    } catch (e) {
      body = e instanceof ApiError && (e.status === 404 || e.status === 405)
        ? '<p class="notice" id="stats-unavailable">统计暂不可用</p>'
        : `<p class="error">统计读取失败：${esc((e as ApiError).detail ?? String(e))}</p>`;
    }
    this.root.innerHTML = `<h2>统计</h2>${body}
      <h2>导出</h2><div class="exports" role="group" aria-label="导出">${EXPORTS.map(x =>
        `<button type="button" data-export="${x.ext}">${x.label}</button>`).join('')}</div>
      <p id="export-state" class="muted" role="status"></p>`;
  }

  private charts(data: any): string {
    const tiles: string[] = [];
    const blocks: string[] = [];
    for (const [k, v] of Object.entries(data ?? {})) {
      if (typeof v === 'number') {
        tiles.push(`<div class="tile"><span>${esc(name(k))}</span><b>${num(v)}</b></div>`);
      } else if (Array.isArray(v) && v.length && typeof v[0] === 'object') {
        const cols = Object.keys(v[0]).filter(c => v.some((r: any) => typeof r[c] !== 'object')).slice(0, 8);
        blocks.push(`<h3>${esc(name(k))}</h3><div class="table-wrap"><table><thead><tr>${cols.map(c => `<th>${esc(name(c))}</th>`).join('')}</tr></thead>
          <tbody>${v.slice(0, 60).map((r: any) => `<tr>${cols.map(c => `<td>${esc(typeof r[c] === 'number' ? num(r[c]) : r[c])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`);
      } else if (v && typeof v === 'object') {
        const entries = Object.entries(v as Record<string, unknown>).filter(([, n]) => typeof n === 'number') as [string, number][];
        if (entries.length) {
          const max = Math.max(1, ...entries.map(([, n]) => n));
          blocks.push(`<h3>${esc(name(k))}</h3><div class="bars">${entries.map(([label, n]) =>
            `<div class="bar"><span>${esc(name(label))}</span><i style="width:${(100 * n) / max}%"></i><b>${num(n)}</b></div>`).join('')}</div>`);
        }
      }
    }
    return `<div class="tiles">${tiles.join('')}</div>${blocks.join('')}` || '<p class="muted">没有统计数据</p>';
  }

  /** Downloads an export with the access token (a plain link cannot send it). */
  private async download(ext: string, button: HTMLButtonElement): Promise<void> {
    const state = this.root.querySelector('#export-state')!;
    button.disabled = true;
    state.textContent = '正在导出…';
    try {
      let res = await this.fetchExport(ext);
      if (res.status === 401) {
        await this.api.refresh();
        res = await this.fetchExport(ext);
      }
      if (res.status === 404 || res.status === 405) {
        state.textContent = '导出暂不可用';
        return;
      }
      if (!res.ok) {
        const problem = await res.json().catch(() => null);
        state.textContent = `导出失败：${problem?.detail ?? res.status}`;
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `incidents.${ext}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      state.textContent = `已下载 incidents.${ext}`;
    } catch {
      state.textContent = '导出失败：网络连接失败';
    } finally {
      button.disabled = false;
    }
  }

  private fetchExport(ext: string): Promise<Response> {
    return fetch(`${this.api.base}/api/v1/exports/incidents.${ext}`, {
      headers: { Authorization: `Bearer ${this.api.accessToken ?? ''}`, 'Accept-Language': 'zh-CN' },
    });
  }
}
