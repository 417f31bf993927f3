/**
 * One incident opened: its photos, flow, location and the actions the caller may take now (the detail's
 * allowedActions, nothing else). Dispatch offers the on-duty people of the incident's place first
 * (GET /api/v1/grid-duties/responsible), then the staff of the owning node. A stale version (409 STALE_VERSION)
 * is explained and the detail is read again, so the user decides again on what is current.
 */
import { Api, ApiError } from './api';
import { ACTION, esc, NEEDS_COMMENT, ROLE, SOURCE, STATUS, time } from './labels';
import { WhistlePanel } from './whistle';

/** Actions sent at once, without a form. */
const DIRECT = new Set(['ACCEPT', 'START', 'VERIFY_PASS', 'RESUME']);
/** Not offered here: the reporter's rating belongs to the mini program. */
const NOT_HERE = new Set(['RATE']);

export class Detail {
  incident: any = null;
  private notice = '';
  /** A step is being sent: the feed's echo of it must not replace the answer's notice. */
  private busy = false;
  /** 吹哨报到: the departments called to this incident (kept across renders, loaded again with each). */
  private readonly whistle: WhistlePanel;

  constructor(private readonly api: Api, private readonly root: HTMLElement,
              private readonly onLocate: (lng: number, lat: number) => void,
              private readonly onChanged: (incident: any) => void) {
    // a call changes the incident's flow: read the incident again (the panel keeps its own notice)
    this.whistle = new WhistlePanel(api, () => void this.reloadAfterCall());
    root.addEventListener('click', e => {
      const target = (e.target as HTMLElement).closest<HTMLElement>('[data-act]');
      if (target) {
        void this.act(target.dataset.act!);
      }
      if ((e.target as HTMLElement).closest('[data-locate]') && this.incident) {
        this.onLocate(this.incident.location.lng, this.incident.location.lat);
      }
    });
    root.addEventListener('submit', e => {
      e.preventDefault();
      void this.submit(e.target as HTMLFormElement);
    });
  }

  async open(id: number, notice = ''): Promise<void> {
    this.notice = notice;
    try {
      this.incident = await this.api.get(`/api/v1/incidents/${id}?coordType=wgs84`);
      this.render();
    } catch (e: any) {
      this.incident = null;
      this.root.innerHTML = `<p class="error" role="alert">${e instanceof ApiError && e.status === 404
        ? `事件 #${id} 不存在或不在您的辖区内` : `事件加载失败：${esc(e.detail ?? e.message)}`}</p>`;
    }
  }

  /** Another session moved the incident being shown: read it again and say so. */
  async refreshIfShown(id: number, version?: number): Promise<void> {
    if (!this.busy && this.incident?.id === id && (version === undefined || version !== this.incident.version)) {
      await this.open(id, '该事件刚被更新，已显示最新状态。');
    }
  }

  private render(): void {
    const i = this.incident;
    // every action the server allows is offered, those added later too (with an optional comment)
    const actions = (i.allowedActions ?? []).filter((a: string) => !NOT_HERE.has(a));
    const photos = (i.media ?? []).map((m: any) =>
      `<a href="${esc(m.urls.display)}" target="_blank" rel="noopener"><img src="${esc(m.urls.thumbnail)}" alt="事件照片" width="96" height="96"></a>`).join('');
    const flow = (i.flow ?? []).map((f: any) => `<li><time>${time(f.at)}</time> <b>${esc(ACTION[f.action] ?? f.action)}</b>
      ${f.from ? esc(STATUS[f.from] ?? f.from) + ' → ' : ''}${esc(STATUS[f.to] ?? f.to)}
      <span class="muted">${esc(ROLE[f.actorRole] ?? f.actorRole)}${f.assigneeId ? ` · 指派给 ${f.assigneeId}` : ''}</span>
      ${f.comment ? `<div class="comment">${esc(f.comment)}</div>` : ''}</li>`).join('');
    this.root.innerHTML = `
      <h2>#${i.id} ${esc(i.categoryName)} <span class="status status-${esc(i.status)}">${esc(STATUS[i.status] ?? i.status)}</span>
        ${i.overdue ? '<span class="badge red">红灯 已超时</span>' : ''}</h2>
      ${this.notice ? `<p class="notice" role="alert">${esc(this.notice)}</p>` : ''}
      <p>${esc(i.description)}</p>
      <dl class="facts">
        <dt>来源</dt><dd>${esc(SOURCE[i.source] ?? i.source)}</dd>
        <dt>上报时间</dt><dd>${time(i.reportedAt)}</dd>
        <dt>办理时限</dt><dd>${time(i.deadlineAt)}</dd>
        <dt>位置</dt><dd>${i.location.lng.toFixed(6)}, ${i.location.lat.toFixed(6)}（WGS-84）
          <button type="button" class="link" data-locate>在地图上定位</button></dd>
        <dt>承办人</dt><dd>${i.assigneeId ?? '—'}</dd>
        <dt>版本</dt><dd>${i.version}</dd>
      </dl>
      <div class="actions" role="group" aria-label="可执行的操作">
        ${actions.length ? actions.map((a: string) => `<button type="button" data-act="${a}">${esc(ACTION[a] ?? a)}</button>`).join('')
          : '<span class="muted">当前没有您可执行的操作</span>'}
      </div>
      <div id="action-form"></div>
      ${photos ? `<h3>照片</h3><div class="photos">${photos}</div>` : ''}
      <h3>处置流程</h3><ol class="flow">${flow || '<li class="muted">暂无</li>'}</ol>`;
    this.root.querySelector('#action-form')!.after(this.whistle.element);
    if (!this.keepWhistle) {
      void this.whistle.load(i);
    }
  }

  private keepWhistle = false;

  /** After a department call: the flow has new rows; the panel has just loaded itself. */
  private async reloadAfterCall(): Promise<void> {
    if (!this.incident) {
      return;
    }
    this.keepWhistle = true;
    try {
      const fresh = await this.api.get(`/api/v1/incidents/${this.incident.id}?coordType=wgs84`);
      this.incident = fresh;
      this.notice = '';
      this.render();
    } catch {
      // the panel shows the call's outcome; the detail stays as it was
    } finally {
      this.keepWhistle = false;
    }
  }

  private async act(action: string): Promise<void> {
    const form = this.root.querySelector<HTMLElement>('#action-form')!;
    if (action === 'DISPATCH') {
      form.innerHTML = '<p class="muted">正在读取值守人员…</p>';
      const people = await this.candidates();
      if (people.length === 0) {
        form.innerHTML = '<p class="error">没有可派单的工作人员</p>';
        return;
      }
      form.innerHTML = `<form data-action="DISPATCH" class="act-form">
        <label>派给 <select name="assigneeId" required>${people.map(p =>
          `<option value="${p.id}">${esc(p.label)}</option>`).join('')}</select></label>
        <label>说明（可选）<textarea name="comment" maxlength="1000" rows="2"></textarea></label>
        <button type="submit">确认派单</button> <button type="button" data-act="CANCEL">取消</button></form>`;
      form.querySelector('select')!.focus();
    } else if (action === 'CANCEL') {
      form.innerHTML = '';
    } else if (NEEDS_COMMENT.has(action) || action === 'RESOLVE') {
      form.innerHTML = `<form data-action="${action}" class="act-form">
        <label>${esc(ACTION[action])}说明（必填）<textarea name="comment" maxlength="1000" rows="2" required></textarea></label>
        <button type="submit">确认${esc(ACTION[action])}</button> <button type="button" data-act="CANCEL">取消</button></form>`;
      form.querySelector('textarea')!.focus();
    } else if (DIRECT.has(action)) {
      await this.send({ action });
    } else {
      form.innerHTML = `<form data-action="${esc(action)}" class="act-form">
        <label>${esc(ACTION[action] ?? action)}说明（可选）<textarea name="comment" maxlength="1000" rows="2"></textarea></label>
        <button type="submit">确认${esc(ACTION[action] ?? action)}</button> <button type="button" data-act="CANCEL">取消</button></form>`;
      form.querySelector('textarea')!.focus();
    }
  }

  /** The on-duty people of the incident's place first, then the other staff of the owning node. */
  /** The refreshed incident goes to the queue and the map too. */
  private changedElsewhere(): void {
    if (this.incident) {
      this.onChanged(this.incident);
    }
  }

  private async candidates(): Promise<{ id: number; label: string }[]> {
    const i = this.incident;
    const out: { id: number; label: string }[] = [];
    const duties = await this.api.get(`/api/v1/grid-duties/responsible?regionId=${i.region.regionId}`).catch(() => []);
    for (const d of duties) {
      if (!out.some(p => p.id === d.userId)) {
        out.push({ id: d.userId, label: `【值守】${d.displayName ?? d.userId}（${ROLE[d.duty] ?? d.duty}）` });
      }
    }
    const staff = await this.api.get(`/api/v1/staff?regionId=${i.ownerRegionId}&limit=200`).catch(() => ({ items: [] }));
    for (const s of staff.items) {
      if (s.active && !out.some(p => p.id === s.id)) {
        const roles = (s.roles as string[]).filter(r => r !== 'STAFF').map(r => ROLE[r] ?? r).join('、');
        out.push({ id: s.id, label: `${s.displayName ?? s.username}（${roles}）` });
      }
    }
    return out;
  }

  private async submit(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const body: Record<string, unknown> = { action: form.dataset.action };
    const comment = String(data.get('comment') ?? '').trim();
    if (comment) {
      body.comment = comment;
    }
    if (data.get('assigneeId')) {
      body.assigneeId = Number(data.get('assigneeId'));
    }
    await this.send(body);
  }

  private async send(body: Record<string, unknown>): Promise<void> {
    const i = this.incident;
    for (const b of this.root.querySelectorAll<HTMLButtonElement>('button')) {
      b.disabled = true;
    }
    this.busy = true;
    try {
      const after = await this.api.post(`/api/v1/incidents/${i.id}/transitions?coordType=wgs84`, { ...body, version: i.version });
      const done = `已${ACTION[String(body.action)] ?? body.action}。`;
      if (after.allowedActions) {
        this.incident = after;
        this.notice = done;
        this.render();
      } else {
        // the step took it out of the caller's sight: show what is left of it
        this.incident = { ...after, allowedActions: [] };
        this.notice = `${done}该事件已不在您的辖区内。`;
        this.render();
      }
      this.onChanged(after);
    } catch (e: any) {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') {
        await this.open(i.id, '操作未执行：该事件已被其他人处理过（版本已变化）。已刷新为最新状态，请确认后再决定是否操作。');
        this.changedElsewhere();
      } else if (e instanceof ApiError && (e.code === 'ACTION_NOT_ALLOWED' || e.code === 'ACTION_FORBIDDEN')) {
        await this.open(i.id, `操作未执行：${e.detail}`);
        this.changedElsewhere();
      } else {
        this.notice = `操作失败：${e.detail ?? e.message}`;
        this.render();
      }
    } finally {
      this.busy = false;
    }
  }
}
