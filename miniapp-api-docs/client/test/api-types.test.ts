// The client's hand-written answer types name exactly the fields of the OpenAPI document's schemas
// (api-types.ts, generated from ../openapi.json): a field the API adds, renames or drops fails `tsc` here.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { components } from '../api-types';
import type {
  BindingCode, CategoryView, FeedTicket, IncidentFlow, IncidentView, LocateResult, LoginResponse, MediaView, UserView,
} from '../gridgov';

type Schemas = components['schemas'];
/** true when A and B have the same property names, else never (which `true` is not assignable to). */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;

/** Compiles only when SameKeys is true (`true` is not assignable to never); gives the type's name back. */
function sameKeys<A, B>(name: string, same: SameKeys<A, B>): string {
  return same ? name : '';
}

const checked = [
  sameKeys<UserView, Schemas['UserView']>('UserView', true),
  sameKeys<LoginResponse, Schemas['LoginResponse']>('LoginResponse', true),
  sameKeys<BindingCode, Schemas['BindingCode']>('BindingCode', true),
  sameKeys<FeedTicket, Schemas['Ticket']>('FeedTicket', true),
  sameKeys<LocateResult, Schemas['Location1']>('LocateResult', true),
  sameKeys<MediaView, Schemas['MediaView']>('MediaView', true),
  sameKeys<CategoryView, Schemas['CategoryView']>('CategoryView', true),
  sameKeys<IncidentView, Schemas['IncidentView']>('IncidentView', true),
  sameKeys<IncidentFlow, Schemas['Flow']>('IncidentFlow', true),
];

test('the answer types have the fields of the OpenAPI document (checked by tsc)', () => {
  assert.equal(checked.filter(name => name !== '').length, 9);
});
