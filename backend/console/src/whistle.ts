/**
 * 吹哨报到 in the incident detail: the departments the responsibility list proposes for the incident's category
 * (GET /api/v1/department-calls/proposal/{id}: the lead and its supporters), ticked by the user, another department
 * added from GET /api/v1/departments with the reason the API requires, sent as POST /api/v1/department-calls; then
 * the incident's calls (GET /api/v1/department-calls/by-incident/{id}) with their deadlines in Beijing time, and for
 * a lead's resolved call the whistling node's check (pass, or send back with a reason). Whistling is offered to grid
 * leaders, community and town admins (the roles the API allows; the scope is the server's to check: 404 is
 * explained). Problems are shown with the API's Chinese detail.
 */
import { Api, ApiError } from './api';
import { esc } from './labels';

/** The roles POST /api/v1/department-calls allows. */
const WHISTLERS = new Set(['GRID_LEADER', 'COMMUNITY_ADMIN', 'TOWN_ADMIN']);
/** The whistling node and the nodes above it verify the lead's result. */
const VERIFIERS = new Set([...WHISTLERS, 'COUNTY_ADMIN']);
/** Incidents that cannot be whistled for (the API answers 409 INCIDENT_NOT_OPEN). */
const NOT_OPEN = new Set(['CLOSED', 'REJECTED', 'SUSPENDED']);

export const CALL_STATUS: Record<string, string> = {
  CALLED: '待报到',
  REPORTED: '处置中',
  REFUSED: '已拒绝（待县级仲裁）',
  REASSIGNED: '已改派',
  RESOLVED: '已办结（待核查）',
  VERIFIED: '核查通过',
};

export const CALL_ROLE: Record<string, string> = { LEAD: '牵头', SUPPORT: '配合' };

const KIND: Record<string, string> = { DEPARTMENT: '职能部门', STATION: '站所', ENTERPRISE: '企业' };

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hour12: false,
});

/** An instant in Beijing time, whatever the browser's zone: 2026/12/07 10:30（北京时间）. */
export function beijing(iso: string | null | undefined): string {
  return iso ? `${BEIJING.format(new Date(iso))}（北京时间）` : '—';
}

/** A problem answer in Chinese, by its status. */
function problem(e: any): string {
  if (e instanceof ApiError) {
    const what = e.status === 404 ? '不存在或无权访问' : e.status === 403 ? '无权操作' : e.status === 409 ? '当前状态不允许'
      : e.status === 400 ? '填写有误' : e.status === 0 ? '网络错误' : `错误 ${e.status}`;
    return `${what}：${e.detail}`;
  }
  return `出错了：${e?.message ?? e}`;
}

export class WhistlePanel {
  readonly element = document.createElement('section');
  private incident: any = null;
  private proposal: any = null;
  private calls: any[] = [];
  private departments: any[] | null = null;
  private notice = '';
  private error = '';
  private loadError = '';
  private generation = 0;

  constructor(private readonly api: Api, private readonly onChanged: () => void) {
    this.element.id = 'whistle';
    this.element.className = 'whistle';
    this.element.setAttribute('aria-label', '吹哨（呼叫部门）');
    this.element.addEventListener('click', e => {
      const target = (e.target as HTMLElement).closest<HTMLElement>('[data-wh]');
      if (target) {
        e.stopPropagation();
        void this.click(target);
      }
    });
    this.element.addEventListener('submit', e => {
      e.preventDefault();
      e.stopPropagation();
      void this.submit(e.target as HTMLFormElement);
    });
  }

  private get roles(): string[] {
    return this.api.user?.roles ?? [];
  }

  private get mayWhistle(): boolean {
    return this.roles.some(r => WHISTLERS.has(r));
  }

  /** Loads the panel for an incident (again after each change of the detail). */
  async load(incident: any, notice = ''): Promise<void> {
    const generation = ++this.generation;
    this.incident = incident;
    this.notice = notice;
    this.error = '';
    this.loadError = '';
    this.element.dataset.state = 'loading';
    this.element.innerHTML = '<h3>吹哨报到</h3><p class="muted">正在读取部门呼叫…</p>';
    const id = incident.id;
    const [calls, proposal] = await Promise.all([
      this.api.get(`/api/v1/department-calls/by-incident/${id}`).catch((e: any) => {
        this.loadError = `部门呼叫读取失败：${problem(e)}`;
        return [];
      }),
      this.mayWhistle
        ? this.api.get(`/api/v1/department-calls/proposal/${id}`).catch((e: any) => {
          this.loadError = `吹哨建议读取失败：${problem(e)}`;
          return null;
        })
        : Promise.resolve(null),
    ]);
    if (generation !== this.generation) {
      return;
    }
    this.calls = calls;
    this.proposal = proposal;
    this.render();
  }

  private render(): void {
    const called = new Set(this.calls.map(c => c.department.id));
    const rows = this.calls.map(c => `<tr data-call="${c.id}" data-status="${esc(c.status)}">
      <td>${esc(c.department.name)}</td><td>${esc(CALL_ROLE[c.role] ?? c.role)}</td>
      <td class="call-status">${esc(CALL_STATUS[c.status] ?? c.status)}</td>
      <td class="respond-by">${beijing(c.respondBy)}</td><td class="handle-by">${beijing(c.handleBy)}</td>
      <td>${this.verifiable(c) ? `<button type="button" data-wh="pass" data-call="${c.id}">核查通过</button>
        <button type="button" data-wh="send-back" data-call="${c.id}">退回部门</button>` : ''}</td></tr>`).join('');
    const table = this.calls.length
      ? `<table class="calls"><caption>本事件的部门呼叫</caption><thead><tr><th>部门</th><th>职责</th><th>状态</th>
          <th>报到时限</th><th>处置时限</th><th>操作</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p class="muted" id="no-calls">尚未呼叫部门</p>';
    this.element.dataset.state = 'ready';
    this.element.innerHTML = `<h3>吹哨报到</h3>
      ${this.notice ? `<p class="notice" role="status">${esc(this.notice)}</p>` : ''}
      ${this.error ? `<p class="error" role="alert">${esc(this.error)}</p>` : ''}
      ${this.loadError ? `<p class="error" role="alert">${esc(this.loadError)}</p>` : ''}
      ${table}
      <div id="verify-form"></div>
      ${this.mayWhistle && this.incident && !NOT_OPEN.has(this.incident.status) && this.proposal ? this.form(called) : ''}`;
  }

  private verifiable(c: any): boolean {
    return c.role === 'LEAD' && c.status === 'RESOLVED' && this.roles.some(r => VERIFIERS.has(r));
  }

  /** The whistle form: the list's departments (not yet called) ticked, another one with a reason. */
  private form(called: Set<number>): string {
    const p = this.proposal;
    const hasLead = this.calls.some(c => c.role === 'LEAD' && c.status !== 'REASSIGNED');
    const proposed = [
      ...(p.lead ? [{ ...p.lead, role: 'LEAD' }] : []),
      ...p.supporters.map((s: any) => ({ ...s, role: 'SUPPORT' })),
    ].filter(d => !called.has(d.id));
    const boxes = proposed.map(d => `<label class="dept"><input type="checkbox" name="dept" value="${d.id}"
        data-role="${d.role}" checked> ${esc(d.name)}（${CALL_ROLE[d.role]}）</label>`).join('');
    const noLead = !p.lead
      ? '<p class="muted" id="no-lead">清单中无该分类的牵头部门：请在下方指定要呼叫的部门并说明理由。</p>' : '';
    const options = (this.departments ?? []).filter(d => !called.has(d.id) && !proposed.some(x => x.id === d.id))
      .map(d => `<option value="${d.id}">${esc(d.name)}（${esc(KIND[d.kind] ?? d.kind)}）</option>`).join('');
    const other = this.departments === null
      ? '<button type="button" data-wh="other">添加清单外部门…</button>'
      : options
        ? `<fieldset class="other"><legend>清单外部门</legend>
            <label>部门 <select name="otherId"><option value="">（不添加）</option>${options}</select></label>
            <label>职责 <select name="otherRole"><option value="SUPPORT"${hasLead || p.lead ? ' selected' : ''}>配合</option>
              <option value="LEAD"${hasLead || p.lead ? '' : ' selected'}>牵头</option></select></label>
            <label>呼叫理由（必填）<input name="reason" maxlength="500"></label></fieldset>`
        : '<p class="muted">没有其他可呼叫的部门</p>';
    return `<form class="act-form whistle-form" id="whistle-form" aria-label="吹哨（呼叫部门）">
      <h4>吹哨（呼叫部门）</h4>
      ${p.legalBasis ? `<p class="muted">依据：${esc(p.legalBasis)}；报到时限 ${p.responseHours} 个工作小时</p>` : ''}
      ${noLead}
      ${boxes ? `<div class="depts" role="group" aria-label="清单建议的部门">${boxes}</div>` : ''}
      ${other}
      <label>说明（可选）<textarea name="comment" maxlength="500" rows="2"></textarea></label>
      <button type="submit" id="whistle-submit">吹哨</button></form>`;
  }

  private async click(target: HTMLElement): Promise<void> {
    const kind = target.dataset.wh;
    if (kind === 'other') {
      try {
        this.departments = await this.api.get('/api/v1/departments');
        this.error = '';
      } catch (e) {
        this.error = `部门列表读取失败：${problem(e)}`;
      }
      this.render();
      this.element.querySelector<HTMLSelectElement>('select[name="otherId"]')?.focus();
    } else if (kind === 'pass') {
      await this.verify(Number(target.dataset.call), true, '');
    } else if (kind === 'send-back') {
      const id = target.dataset.call;
      const box = this.element.querySelector<HTMLElement>('#verify-form')!;
      box.innerHTML = `<form class="act-form" data-verify="${id}">
        <label>退回理由（必填）<textarea name="comment" maxlength="500" rows="2" required></textarea></label>
        <button type="submit">确认退回</button> <button type="button" data-wh="cancel">取消</button></form>`;
      box.querySelector('textarea')!.focus();
    } else if (kind === 'cancel') {
      this.element.querySelector<HTMLElement>('#verify-form')!.innerHTML = '';
    }
  }

  private async submit(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    if (form.dataset.verify) {
      await this.verify(Number(form.dataset.verify), false, String(data.get('comment') ?? '').trim());
      return;
    }
    const departments: { departmentId: number; role: string; reason?: string }[] = [];
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name="dept"]:checked')) {
      departments.push({ departmentId: Number(box.value), role: box.dataset.role! });
    }
    const otherId = Number(data.get('otherId') || 0);
    if (otherId) {
      const reason = String(data.get('reason') ?? '').trim();
      if (!reason) {
        this.error = '清单外的部门须说明呼叫理由';
        this.render();
        this.element.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
        return;
      }
      departments.push({ departmentId: otherId, role: String(data.get('otherRole') ?? 'SUPPORT'), reason });
    }
    if (departments.length === 0) {
      this.error = '请至少选择一个要呼叫的部门';
      this.render();
      return;
    }
    const comment = String(data.get('comment') ?? '').trim();
    await this.send(async () => {
      const calls = await this.api.post('/api/v1/department-calls',
        { incidentId: this.incident.id, departments, ...(comment ? { comment } : {}) });
      return `已吹哨：${calls.map((c: any) => c.department.name).join('、')}，请在报到时限内报到。`;
    });
  }

  private async verify(callId: number, passed: boolean, comment: string): Promise<void> {
    await this.send(async () => {
      await this.api.post(`/api/v1/department-calls/${callId}/verification`, { passed, ...(comment ? { comment } : {}) });
      return passed ? '核查通过。' : '已退回牵头部门。';
    });
  }

  private async send(step: () => Promise<string>): Promise<void> {
    for (const b of this.element.querySelectorAll<HTMLButtonElement>('button')) {
      b.disabled = true;
    }
    try {
      const done = await step();
      await this.load(this.incident, done);
      this.onChanged();
    } catch (e) {
      this.error = `操作未执行：${problem(e)}`;
      this.render();
    }
  }
}
