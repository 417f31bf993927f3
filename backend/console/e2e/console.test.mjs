// The dispatch console in Debian's chromium (puppeteer-core), against the real server in the demo profile:
// the demo community admin logs in, sees the demo incidents on the map, dispatches one to an on-duty person, and a
// second browser session (the demo county admin) receives it live, without reloading; the dashboard shows the API's
// figures and a CSV export downloads. Screenshots: target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const base = process.env.GRIDGOV_E2E_URL;
const shots = process.env.GRIDGOV_SCREENSHOTS ?? 'target/e2e';
const viewport = { width: 1366, height: 768 };
let browser;

before(async () => {
  assert.ok(base, 'GRIDGOV_E2E_URL is set by e2e.sh');
  browser = await puppeteer.launch({
    executablePath: process.env.GRIDGOV_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // WebGL through SwiftShader (software), as on a desktop without a GPU; no sandbox when run as root in CI
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--lang=zh-CN',
      `--window-size=${viewport.width},${viewport.height}`],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh browser session (its own storage) logged in to the console. */
async function session(username) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(`${base}/console/`, { waitUntil: 'load' });
  await page.waitForSelector('#login-form', { visible: true });
  await page.type('#username', username);
  await page.type('#password', 'gridgov-demo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#app', { visible: true });
  await page.waitForSelector('#queue-list [data-id], #queue-list .empty', { timeout: 20000 });
  await page.waitForFunction(() => window.gridgovConsole?.feedState === 'open', { timeout: 20000 });
  return { page, errors };
}

test('the console logs in, maps the demo incidents, dispatches one, and another session sees it live', async () => {
  // a wrong password is refused in Chinese, on the page
  {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport(viewport);
    await page.goto(`${base}/console/`, { waitUntil: 'load' });
    await page.waitForSelector('#login-form', { visible: true });
    await page.type('#username', 'demo-community');
    await page.type('#password', 'wrong-password');
    await page.click('#login-submit');
    await page.waitForFunction(() => document.querySelector('#login-error')?.textContent.trim().length > 0);
    const message = await page.$eval('#login-error', e => e.textContent);
    assert.match(message, /[\u4e00-\u9fff]/, `the login error is in Chinese: ${message}`);
    await page.screenshot({ path: join(shots, '01-login-refused.png') });
    await context.close();
  }

  const dispatcher = await session('demo-community');
  const watcher = await session('demo-county');
  const a = dispatcher.page;
  const b = watcher.page;

  // the map draws the demo incidents from the vector tiles of the caller's scope
  await a.waitForFunction(() => window.gridgovConsole.map.renderedIncidents().length > 0, { timeout: 30000 });
  const drawn = await a.evaluate(() => window.gridgovConsole.map.renderedIncidents());
  const onMap = drawn.reduce((n, f) => n + (typeof f.count === 'number' ? f.count : 1), 0);
  assert.ok(onMap >= 3, `the demo incidents are drawn on the map (${JSON.stringify(drawn)})`);
  const tiles = await a.evaluate(() => window.gridgovConsole.map.requested);
  assert.ok(tiles.some(u => u.includes('/api/v1/tiles/regions/')), 'region boundaries come from the tiles');
  assert.ok(tiles.some(u => u.includes('/api/v1/tiles/incidents/')), 'incidents come from the tiles');
  await a.screenshot({ path: join(shots, '02-map-and-queue.png') });

  // the queue of accepted incidents (to dispatch) has the demo ones; open the first
  await a.click('.filter[data-filter="todo"]');
  await a.waitForFunction(() => document.querySelector('#queue-list [data-id]')
    && [...document.querySelectorAll('#queue-list .status')].every(s => s.textContent === '已受理'));
  const id = Number(await a.$eval('#queue-list [data-id]', e => e.dataset.id));
  await b.click('.filter[data-filter="open"]');
  await b.waitForSelector(`#queue-list [data-id="${id}"]`);

  await a.click(`#queue-list [data-id="${id}"]`);
  await a.waitForSelector('#detail [data-act="DISPATCH"]');
  // the watcher has the same incident open
  await b.click(`#queue-list [data-id="${id}"]`);
  await b.waitForFunction(wanted => document.querySelector('#detail h2')?.textContent.includes(`#${wanted}`), {}, id);

  // dispatch, keyboard only: focus the button, Enter; the on-duty people come first in the list
  await a.focus('#detail [data-act="DISPATCH"]');
  await a.keyboard.press('Enter');
  await a.waitForSelector('#action-form select');
  const options = await a.$$eval('#action-form option', os => os.map(o => o.textContent));
  assert.ok(options.length > 0, 'someone to dispatch to');
  assert.match(options[0], /值守/, `the on-duty people are offered first: ${options.join(' / ')}`);
  await a.screenshot({ path: join(shots, '03-dispatch-form.png') });
  await a.click('#action-form button[type="submit"]');
  await a.waitForFunction(() => document.querySelector('#detail .notice')?.textContent.includes('已派单'))
    .catch(async e => {
      await a.screenshot({ path: join(shots, '04-dispatch-failed.png') });
      throw new Error(`no dispatch: ${await a.$eval('#detail', d => d.textContent.replace(/\s+/g, ' '))}`, { cause: e });
    });
  assert.equal(await a.$eval('#detail h2 .status', e => e.textContent), '已派单');
  await a.screenshot({ path: join(shots, '04-dispatched.png') });

  // the second session receives it live: the feed event, the live list, the queue row and the open detail
  await b.waitForFunction(wanted => window.gridgovConsole.events.some(e => e.incidentId === wanted && e.action === 'DISPATCH'),
    { timeout: 20000 }, id);
  await b.waitForSelector(`#live li[data-incident="${id}"]`);
  await b.waitForFunction(wanted => document.querySelector(`#queue-list [data-id="${wanted}"] .status`)?.textContent === '已派单',
    { timeout: 20000 }, id);
  await b.waitForFunction(() => document.querySelector('#detail .notice')?.textContent.includes('刚被更新'), { timeout: 20000 });
  assert.equal(await b.$eval('#detail h2 .status', e => e.textContent), '已派单');
  await b.screenshot({ path: join(shots, '05-received-live.png') });

  // a stale version is explained and the detail refreshed: the watcher stops listening, the dispatcher suspends the
  // incident through the API meanwhile, then the watcher's own suspend meets 409 STALE_VERSION
  await b.evaluate(() => window.gridgovConsole.feed.close());
  const api = async (path, body, token) => {
    const res = await fetch(`${base}${path}`, { method: body ? 'POST' : 'GET',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return res.json();
  };
  const { accessToken } = await api('/api/v1/auth/staff/login', { username: 'demo-community', password: 'gridgov-demo' });
  const current = await api(`/api/v1/incidents/${id}`, null, accessToken);
  await api(`/api/v1/incidents/${id}/transitions`, { action: 'SUSPEND', version: current.version, comment: '等待物业配合' }, accessToken);
  await b.click('#detail [data-act="SUSPEND"]');
  await b.waitForSelector('#action-form textarea');
  await b.type('#action-form textarea', '县里统一安排');
  await b.click('#action-form button[type="submit"]');
  await b.waitForFunction(() => document.querySelector('#detail .notice')?.textContent.includes('版本已变化'), { timeout: 20000 });
  assert.equal(await b.$eval('#detail h2 .status', e => e.textContent), '挂起', 'the detail shows the current state');
  assert.equal(await b.$eval(`#queue-list [data-id="${id}"] .status`, e => e.textContent), '挂起', 'and so does the queue');
  await b.screenshot({ path: join(shots, '06-stale-version.png') });

  // the dashboard draws the community's overview, with the same figures as the API
  await a.click('#show-dashboard');
  await a.waitForSelector('#stats-body[data-from], #stats-error, #stats-unavailable', { timeout: 20000 });
  assert.equal(await a.$('#stats-unavailable'), null, 'the statistics are available');
  assert.equal(await a.$('#stats-error'), null, await a.$eval('#dashboard', e => e.textContent));
  const period = await a.$eval('#stats-body', e => ({ from: e.dataset.from, to: e.dataset.to }));
  const overview = await api(`/api/v1/stats/overview?from=${period.from}&to=${period.to}`, null, accessToken);
  const shown = await a.evaluate(() => ({
    title: document.querySelector('#stats-title')?.textContent ?? '',
    received: document.querySelector('[data-figure="received"] b')?.textContent,
    closed: document.querySelector('[data-figure="closed"] b')?.textContent,
    open: document.querySelector('[data-figure="open"] b')?.textContent,
    red: document.querySelector('[data-figure="red"] b')?.textContent,
    children: [...document.querySelectorAll('#stats-children .child')].map(c => ({ id: Number(c.dataset.region), received: Number(c.dataset.received) })),
    days: Number(document.querySelector('#stats-days')?.dataset.days ?? 0),
    from: document.querySelector('#stats-from')?.value,
    to: document.querySelector('#stats-to')?.value,
  }));
  assert.ok(overview.figures.received >= 3, `the demo incidents are in the period: ${JSON.stringify(overview.figures)}`);
  assert.ok(shown.title.includes(overview.name), `the node's name: ${shown.title}`);
  assert.equal(shown.received, String(overview.figures.received), 'received, as the API says');
  assert.equal(shown.closed, String(overview.figures.closed), 'closed, as the API says');
  assert.equal(shown.open, String(overview.figures.open), 'open, as the API says');
  assert.equal(shown.red, String(overview.figures.red), 'red, as the API says');
  assert.ok(overview.children.length > 0, 'the demo community has children');
  assert.deepEqual(shown.children, overview.children.map(c => ({ id: c.regionId, received: c.figures.received })),
    'one bar per child, with its received count');
  assert.equal(shown.days, overview.days.length, 'one day per day of the period');
  assert.deepEqual([shown.from, shown.to], [overview.from, overview.to], 'the period picker shows the period');
  await a.screenshot({ path: join(shots, '07-dashboard.png') });

  // a wrong period is refused by the API and explained in Chinese
  await a.$eval('#stats-from', e => { e.value = '2026-03-31'; });
  await a.$eval('#stats-to', e => { e.value = '2026-03-01'; });
  await a.click('#stats-apply');
  await a.waitForSelector('#stats-error', { timeout: 20000 });
  assert.match(await a.$eval('#stats-error', e => e.textContent), /统计读取失败：.*[\u4e00-\u9fff]/);
  // the period picker asks for another period
  await a.$eval('#stats-from', (e, v) => { e.value = v; }, period.from);
  await a.$eval('#stats-to', (e, v) => { e.value = v; }, period.to);
  await a.click('#stats-apply');
  await a.waitForSelector('#stats-body[data-from] [data-figure="received"]', { timeout: 20000 });
  assert.equal(await a.$eval('[data-figure="received"] b', e => e.textContent), String(overview.figures.received));

  // the CSV export of the queue's current filter (all) downloads with its Chinese name and header row
  const downloads = join(shots, 'downloads');
  rmSync(downloads, { recursive: true, force: true });
  mkdirSync(downloads, { recursive: true });
  const cdp = await a.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior',
    { behavior: 'allow', downloadPath: downloads, browserContextId: a.browserContext().id });
  await a.click('.filter[data-filter="all"]');
  await a.waitForFunction(() => document.querySelector('#export-filter')?.textContent === '全部');
  const answered = a.waitForResponse(r => r.url().includes('/api/v1/exports/incidents.csv'), { timeout: 30000 });
  await a.click('[data-export="csv"]');
  const response = await answered;
  assert.equal(response.status(), 200);
  assert.ok(!new URL(response.url()).searchParams.has('status'), `all incidents: ${response.url()}`);
  await a.waitForFunction(() => /已下载|导出失败/.test(document.querySelector('#export-state')?.textContent ?? ''), { timeout: 30000 });
  const exported = await a.evaluate(() => window.gridgovConsole.dashboard.lastExport);
  assert.ok(exported, await a.$eval('#export-state', e => e.textContent));
  assert.match(exported.fileName, /^事件导出-.*\.csv$/, 'the Chinese file name of Content-Disposition');
  assert.ok(exported.rows >= 3, `rows: ${exported.rows}`);
  let saved = null;
  for (let i = 0; i < 100 && !saved; i++) {
    saved = readdirSync(downloads).find(f => f === exported.fileName) ?? null;
    if (!saved) {
      await new Promise(r => setTimeout(r, 200));
    }
  }
  assert.ok(saved, `the file was saved: ${readdirSync(downloads).join(', ')}`);
  const csv = readFileSync(join(downloads, saved), 'utf8');
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 with BOM');
  const header = csv.slice(1).split('\r\n')[0];
  assert.match(header, /^编号,状态,/, `a Chinese header row: ${header}`);
  assert.equal(exported.bytes, Buffer.byteLength(csv, 'utf8'));
  await a.screenshot({ path: join(shots, '08-exported.png') });

  // the other formats download too, under their Chinese names
  for (const [ext, magic] of [['xlsx', 'PK'], ['geojson', '{']]) {
    await a.click(`[data-export="${ext}"]`);
    await a.waitForFunction(wanted => window.gridgovConsole.dashboard.lastExport?.fileName.endsWith(wanted)
      || document.querySelector('#export-state')?.classList.contains('error'), { timeout: 30000 }, `.${ext}`);
    const file = await a.evaluate(() => window.gridgovConsole.dashboard.lastExport);
    assert.match(file.fileName, new RegExp(`^事件导出-.*\\.${ext}$`), await a.$eval('#export-state', e => e.textContent));
    let there = false;
    for (let i = 0; i < 100 && !there; i++) {
      there = readdirSync(downloads).includes(file.fileName);
      if (!there) {
        await new Promise(r => setTimeout(r, 200));
      }
    }
    assert.ok(there, `${file.fileName} saved`);
    assert.equal(readFileSync(join(downloads, file.fileName)).subarray(0, magic.length).toString('latin1'), magic);
  }
  await cdp.detach();

  // a problem answer of an export (here: the server busy) is shown in Chinese
  await a.setRequestInterception(true);
  const busy = request => {
    if (request.isInterceptResolutionHandled()) {
      return;
    }
    if (request.url().includes('/api/v1/exports/')) {
      void request.respond({ status: 503, contentType: 'application/problem+json', headers: { 'Retry-After': '5' },
        body: JSON.stringify({ type: 'about:blank', title: '导出繁忙', status: 503, code: 'EXPORT_BUSY', detail: '同时进行的导出太多，请稍后再试' }) });
    } else {
      void request.continue();
    }
  };
  a.on('request', busy);
  await a.click('[data-export="csv"]');
  await a.waitForFunction(() => document.querySelector('#export-state.error')?.textContent.includes('导出失败'), { timeout: 30000 });
  assert.equal(await a.$eval('#export-state', e => e.textContent), '导出失败：同时进行的导出太多，请稍后再试');
  a.off('request', busy);
  await a.setRequestInterception(false);

  // the county's dashboard answers too
  await b.click('#show-dashboard');
  await b.waitForSelector('#stats-body[data-from], #stats-error, #stats-unavailable', { timeout: 20000 });
  const board = await b.$eval('#dashboard', e => e.textContent);
  assert.equal(await b.$('#stats-unavailable'), null, board);
  assert.equal(await b.$('#stats-error'), null, board);
  await b.screenshot({ path: join(shots, '09-dashboard-county.png') });
  // a town's bar opens the town's own figures (keyboard: Tab to the bar, Enter), and 返回本级 goes back
  const county = await b.$eval('#stats-body', e => Number(e.dataset.regionId));
  const town = await b.$eval('#stats-children .child', g => ({ id: Number(g.dataset.region), received: g.dataset.received,
    name: g.querySelector('title').textContent.split('：')[0] }));
  await b.$eval('#stats-children .child', g => g.focus()); // an SVG element: page.focus wants an HTML one
  await b.keyboard.press('Enter');
  await b.waitForFunction(wanted => document.querySelector('#stats-body')?.dataset.regionId === String(wanted), { timeout: 20000 }, town.id);
  assert.ok((await b.$eval('#stats-title', e => e.textContent)).includes(town.name), `the town's name: ${town.name}`);
  assert.equal(await b.$eval('[data-figure="received"] b', e => e.textContent), town.received, 'the town\'s received, as in the bar');
  await b.screenshot({ path: join(shots, '10-dashboard-town.png') });
  await b.click('#stats-up');
  await b.waitForFunction(wanted => document.querySelector('#stats-body')?.dataset.regionId === String(wanted), { timeout: 20000 }, county);

  // logging out ends the session and shows the login form again
  await b.click('#logout');
  await b.waitForSelector('#login-form', { visible: true });
  assert.equal(await b.evaluate(() => sessionStorage.getItem('gridgov.console.session')), null);

  assert.deepEqual(dispatcher.errors, [], 'no script errors in the dispatcher\'s page');
  assert.deepEqual(watcher.errors, [], 'no script errors in the watcher\'s page');
});

/** A JSON call of the API as someone (a token), failing the test on an error answer. */
async function rest(method, path, body, token) {
  const res = await fetch(`${base}${path}`, { method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
  return res.status === 204 ? undefined : res.json();
}

async function token(username) {
  return (await rest('POST', '/api/v1/auth/staff/login', { username, password: 'gridgov-demo' })).accessToken;
}

test('吹哨: the community whistles the lead department of the responsibility list and sees the call with its deadline', async () => {
  const community = await token('demo-community');
  const county = await token('demo-county');
  // an open incident of the community (the first test suspended one of them)
  const page = await rest('GET', '/api/v1/incidents?limit=50', undefined, community);
  const open = page.items.find(i => !['CLOSED', 'REJECTED', 'SUSPENDED', 'RESOLVED'].includes(i.status));
  assert.ok(open, `an open demo incident: ${page.items.map(i => i.status).join(', ')}`);

  const { page: a, errors } = await session('demo-community');
  await a.click('.filter[data-filter="all"]');
  await a.waitForSelector(`#queue-list [data-id="${open.id}"]`, { timeout: 20000 });
  // the queue may render itself again at any time (the feed): click inside the page, in one step
  const openIncident = async () => {
    await a.waitForFunction(wanted => {
      const row = document.querySelector(`#queue-list [data-id="${wanted}"]`);
      row?.click();
      return row !== null;
    }, { timeout: 20000 }, open.id);
    await a.waitForFunction(wanted => document.querySelector('#detail h2')?.textContent.includes(`#${wanted} `), { timeout: 20000 }, open.id);
  };
  await openIncident();
  await a.waitForSelector('#whistle[data-state="ready"]', { timeout: 20000 });
  const departments = await rest('GET', '/api/v1/departments', undefined, community);
  const listed = await fetch(`${base}/api/v1/responsibilities/${open.categoryCode}`, { headers: { Authorization: `Bearer ${county}` } });
  if (departments.length === 0 && listed.status === 404) {
    // the demo has no departments: the panel says the list has no lead for the category
    await a.waitForSelector('#whistle #no-lead');
    assert.match(await a.$eval('#whistle #no-lead', e => e.textContent), /清单中无该分类的牵头部门/);
    await a.screenshot({ path: join(shots, '11-whistle-no-lead.png') });
  }
  // the county admin creates a department and makes it the category's lead in the responsibility list
  let lead = departments.find(d => d.code === 'E2E-CGJ');
  if (!lead) {
    lead = await rest('POST', '/api/v1/departments', { code: 'E2E-CGJ', name: '县城管局（测试）', kind: 'DEPARTMENT' }, county);
  }
  if (!departments.some(d => d.code === 'E2E-RQGS')) {
    await rest('POST', '/api/v1/departments', { code: 'E2E-RQGS', name: '县燃气公司（测试）', kind: 'ENTERPRISE' }, county);
  }
  const current = listed.ok ? await listed.json() : null;
  if (current?.lead?.id !== lead.id) {
    await rest('PUT', `/api/v1/responsibilities/${open.categoryCode}`, { departments: [{ departmentId: lead.id, role: 'LEAD' }],
      legalBasis: '《城市市容和环境卫生管理条例》', responseHours: 2, version: current?.version ?? 0 }, county);
  }

  // open the incident again: the panel proposes the lead, ticked
  await openIncident();
  await a.waitForSelector(`#whistle-form input[name="dept"][value="${lead.id}"]`, { timeout: 20000 });
  assert.ok(await a.$eval(`#whistle-form input[name="dept"][value="${lead.id}"]`, e => e.checked && e.dataset.role === 'LEAD'));
  // another department needs a reason: asked on the page, nothing sent
  await a.focus('#whistle [data-wh="other"]');
  await a.keyboard.press('Enter');
  await a.waitForSelector('#whistle select[name="otherId"]');
  const other = await a.$eval('#whistle select[name="otherId"]', s => [...s.options].map(o => o.textContent).join(' / '));
  assert.match(other, /县燃气公司（测试）/, `the other departments: ${other}`);
  await a.select('#whistle select[name="otherId"]', await a.$eval('#whistle select[name="otherId"] option:nth-child(2)', o => o.value));
  await a.screenshot({ path: join(shots, '12-whistle-form.png') });
  await a.focus('#whistle-submit');
  await a.keyboard.press('Enter');
  await a.waitForFunction(() => document.querySelector('#whistle .error')?.textContent.includes('须说明呼叫理由'));
  assert.equal((await rest('GET', `/api/v1/department-calls/by-incident/${open.id}`, undefined, community)).length, 0, 'nothing sent');
  // the other department alone, without the lead: the server's 400 WHISTLE_ONE_LEAD is shown in Chinese
  await a.select('#whistle select[name="otherId"]', await a.$eval('#whistle select[name="otherId"] option:nth-child(2)', o => o.value));
  await a.select('#whistle select[name="otherRole"]', 'SUPPORT');
  await a.type('#whistle input[name="reason"]', '涉及燃气管线');
  await a.$eval(`#whistle-form input[name="dept"][value="${lead.id}"]`, e => { e.checked = false; });
  await a.focus('#whistle-submit');
  await a.keyboard.press('Enter');
  await a.waitForFunction(() => /填写有误：吹哨须有且只有一个牵头部门/.test(document.querySelector('#whistle .error')?.textContent ?? ''),
    { timeout: 20000 }).catch(async e => {
    throw new Error(`no problem shown: ${await a.$eval('#whistle', d => d.textContent.replace(/\s+/g, ' '))}`, { cause: e });
  });
  assert.equal((await rest('GET', `/api/v1/department-calls/by-incident/${open.id}`, undefined, community)).length, 0, 'nothing written');

  // whistle, keyboard only
  await a.focus('#whistle-submit');
  await a.keyboard.press('Enter');
  await a.waitForFunction(wanted => document.querySelector('#whistle .notice')?.textContent.includes('已吹哨')
      && document.querySelector(`#whistle tr[data-call] td`)?.textContent.includes(wanted), { timeout: 20000 }, lead.name)
    .catch(async e => {
      await a.screenshot({ path: join(shots, '13-whistle-failed.png') });
      throw new Error(`no whistle: ${await a.$eval('#whistle', d => d.textContent.replace(/\s+/g, ' '))}`, { cause: e });
    });
  const calls = await rest('GET', `/api/v1/department-calls/by-incident/${open.id}`, undefined, community);
  const call = calls.find(c => c.department.id === lead.id);
  assert.ok(call, 'the call is stored');
  const row = await a.$eval(`#whistle tr[data-call="${call.id}"]`, r => ({ status: r.querySelector('.call-status').textContent,
    respondBy: r.querySelector('.respond-by').textContent }));
  assert.equal(row.status, '待报到');
  const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(call.respondBy));
  assert.equal(row.respondBy, `${beijing}（北京时间）`, `respondBy ${call.respondBy} in Beijing time`);
  // the flow has the whistle row
  await a.waitForFunction(() => [...document.querySelectorAll('#detail .flow b')].some(b => b.textContent === '吹哨'), { timeout: 20000 });
  await a.screenshot({ path: join(shots, '14-whistled.png') });

  // whistling the same department again is refused (409) and explained in Chinese
  const again = await a.evaluate(async (incidentId, departmentId) => {
    const s = JSON.parse(sessionStorage.getItem('gridgov.console.session'));
    const r = await fetch('/api/v1/department-calls', { method: 'POST', headers: { 'Content-Type': 'application/json',
      Authorization: `Bearer ${s.accessToken}` }, body: JSON.stringify({ incidentId, departments: [{ departmentId, role: 'SUPPORT' }] }) });
    return r.status;
  }, open.id, lead.id);
  assert.equal(again, 409);

  // the lead department reports and resolves (its handler, over REST); the community verifies on the page
  await rest('POST', `/api/v1/departments/${lead.id}/staff`, { username: 'e2e-cgj-handler', password: 'gridgov-e2e-handler',
    displayName: '城管经办人（测试）', roles: ['DEPT_HANDLER'] }, county);
  const handler = (await rest('POST', '/api/v1/auth/staff/login', { username: 'e2e-cgj-handler', password: 'gridgov-e2e-handler' })).accessToken;
  await rest('POST', `/api/v1/department-calls/${call.id}/report`, {}, handler);
  await rest('POST', `/api/v1/department-calls/${call.id}/resolution`, { comment: '占道车辆已清走' }, handler);
  await openIncident();
  await a.waitForSelector(`#whistle tr[data-call="${call.id}"][data-status="RESOLVED"] [data-wh="pass"]`, { timeout: 20000 });
  assert.notEqual(await a.$eval(`#whistle tr[data-call="${call.id}"] .handle-by`, e => e.textContent), '—', 'handleBy is shown');
  await a.screenshot({ path: join(shots, '15-whistle-verify.png') });
  // the feed's echo of the department's steps may render the detail again meanwhile: focus and press until it is done
  const verified = wanted => document.querySelector(`#whistle tr[data-call="${wanted}"]`)?.dataset.status === 'VERIFIED';
  for (let i = 0; i < 20 && !(await a.evaluate(verified, call.id)); i++) {
    const pressed = await a.evaluate(wanted => {
      const b = document.querySelector(`#whistle tr[data-call="${wanted}"] [data-wh="pass"]`);
      b?.focus();
      return b !== null && document.activeElement === b && !b.disabled;
    }, call.id);
    if (pressed) {
      await a.keyboard.press('Enter');
    }
    await a.waitForFunction(verified, { timeout: 1000 }, call.id).catch(() => undefined);
  }
  await a.waitForFunction(verified, { timeout: 20000 }, call.id);
  assert.equal(await a.$eval(`#whistle tr[data-call="${call.id}"] .call-status`, e => e.textContent), '核查通过');
  assert.deepEqual(errors, [], 'no script errors');
});
