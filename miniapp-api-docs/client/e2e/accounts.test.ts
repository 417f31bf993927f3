// End-to-end: sessions and error answers of the client against the real server (see flows.test.ts and e2e.sh):
// a staff member links WeChat with a binding code, a resident binds a phone number, refresh tokens rotate and a
// spent one ends the session, logout ends it too, and problems come back as GridGovError with the documented code
// and a detail to show (Chinese, or English on request).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GridGovError, memoryTokenStore, GridGovClient, newReportDraft } from '../gridgov';
import { NodeWx } from './node-wx';
import { DEMO_PASSWORD, SKIP, user } from './server';

/** A GridGovError with this status and code whose detail is there to show. */
function problem(status: number, code: string) {
  return (e: unknown) => {
    assert.ok(e instanceof GridGovError, String(e));
    assert.equal(e.code, code, e.message);
    assert.equal(e.status, status, e.message);
    assert.ok(e.detail.length > 0);
    return true;
  };
}

const CHINESE = /[\u4e00-\u9fff]/;

test('a staff member links WeChat with a binding code and logs in through it', { skip: SKIP }, async () => {
  const console = user();
  await console.client.staffLogin('demo-leader', DEMO_PASSWORD);
  await assert.rejects(console.client.ownBindingCode('not-the-password'), problem(403, 'CURRENT_PASSWORD_WRONG'));
  const binding = await console.client.ownBindingCode(DEMO_PASSWORD);

  const phone = user();
  phone.wx.loginCode = 'dev:e2e-leader';
  const bound = await phone.client.bindStaff(binding.code);
  assert.equal(bound.user.kind, 'STAFF');
  assert.equal(bound.user.username, 'demo-leader');
  assert.equal(bound.user.wechatLinked, true);
  await assert.rejects(user().client.bindStaff(binding.code), problem(400, 'BINDING_CODE_INVALID'));

  const again = user();
  again.wx.loginCode = 'dev:e2e-leader';
  assert.equal((await again.client.loginWithWeChat()).user.username, 'demo-leader');
});

test('a resident binds a phone number, which comes back masked', { skip: SKIP }, async () => {
  const resident = user();
  await resident.client.loginWithCode('dev:e2e-phone');
  assert.equal(await resident.client.bindPhone('dev:13800001234'), '138****1234');
  assert.equal((await resident.client.me()).phone, '138****1234');
  await assert.rejects(resident.client.bindPhone('not-a-dev-code'), problem(400, 'WECHAT_PHONE_CODE_INVALID'));
});

test('refresh tokens rotate; a spent one presented again ends the session everywhere', { skip: SKIP }, async () => {
  const phone = user();
  await phone.client.loginWithCode('dev:e2e-rotation');
  const before = phone.store.get()!;
  const after = await phone.client.refresh();
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.equal((await phone.client.me()).kind, 'RESIDENT');

  // a copy of the old tokens (a second device, a restored backup) refreshes with the spent token
  const copy = new GridGovClient({ baseUrl: phone.client.baseUrl, wx: new NodeWx(), tokens: memoryTokenStore(before) });
  await assert.rejects(copy.refresh(), problem(401, 'REFRESH_TOKEN_REUSED'));

  // the session is over for the phone too: its access token is refused, its refresh too, and it is told so
  await assert.rejects(phone.client.me(), (e: unknown) => e instanceof GridGovError && e.status === 401);
  assert.equal(phone.ended.length, 1);
  assert.equal(phone.store.get(), null);
});

test('logout ends the session on the server', { skip: SKIP }, async () => {
  const phone = user();
  await phone.client.loginWithCode('dev:e2e-logout');
  const tokens = phone.store.get()!;
  await phone.client.logout();
  assert.equal(phone.client.loggedIn, false);
  await assert.rejects(phone.client.me(), problem(401, 'UNAUTHENTICATED'));
  const stale = new GridGovClient({ baseUrl: phone.client.baseUrl, wx: new NodeWx(), tokens: memoryTokenStore(tokens) });
  await assert.rejects(stale.refresh(), problem(401, 'REFRESH_TOKEN_INVALID'));
});

test('problems come back with their code and a detail to show, in Chinese or English', { skip: SKIP }, async () => {
  const zh = user();
  await zh.client.loginWithCode('dev:e2e-errors');
  await assert.rejects(zh.client.locate(100, 20, 'gcj02'), (e: unknown) => problem(404, 'OUTSIDE_COVERAGE')(e)
    && CHINESE.test((e as GridGovError).detail));
  await assert.rejects(zh.client.incident(999_999_999), problem(404, 'INCIDENT_NOT_FOUND'));
  await assert.rejects(zh.client.report(newReportDraft({ categoryCode: '0101', description: '', location: { lng: 113.42, lat: 36.2 } })),
    (e: unknown) => problem(400, 'VALIDATION_FAILED')(e) && (e as GridGovError).errors.some(f => f.field.includes('description')));
  const folder = mkdtempSync(join(tmpdir(), 'gridgov-e2e-'));
  writeFileSync(join(folder, 'not-a-photo.jpg'), 'plain text, not an image');
  try {
    await assert.rejects(zh.client.uploadPhoto(join(folder, 'not-a-photo.jpg')), problem(400, 'MEDIA_TYPE_NOT_ALLOWED'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  await assert.rejects(zh.client.loginWithCode('not-a-dev-code'), problem(400, 'WECHAT_CODE_INVALID'));
  await assert.rejects(zh.client.staffLogin('demo-county', 'wrong-password'), problem(401, 'LOGIN_FAILED'));

  const en = user('en');
  await en.client.loginWithCode('dev:e2e-errors-en');
  await assert.rejects(en.client.locate(100, 20, 'gcj02'), (e: unknown) => problem(404, 'OUTSIDE_COVERAGE')(e)
    && !CHINESE.test((e as GridGovError).detail));
});
