// The answer types are aliases of the schemas generated from ../openapi.json (api-types.ts): these checks fail
// `tsc` when the document stops saying which answer fields are always there (required) and which may be null
// (nullable), or says it wrongly for the fields below.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type {
  BindingCode, CategoryView, FeedTicket, IncidentFlow, IncidentView, LocateResult, LoginResponse, MediaView, UserView,
} from '../gridgov';

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The keys of T whose value may be null. */
type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
/** true when A and B are the same type, else false. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Compiles only when the check is true; gives its name back. */
function holds<T extends true>(name: string, check: T = true as T): string {
  return check ? name : '';
}

const checked = [
  holds<Same<RequiredKeys<LoginResponse>, keyof LoginResponse>>('LoginResponse: every field is always there'),
  holds<Same<NullableKeys<LoginResponse>, never>>('LoginResponse: no field is null'),
  holds<Same<RequiredKeys<BindingCode>, 'code' | 'expiresAt'>>('BindingCode: both fields are always there'),
  holds<Same<RequiredKeys<FeedTicket>, 'ticket' | 'expiresAt'>>('FeedTicket: both fields are always there'),
  holds<Same<RequiredKeys<UserView>, 'id' | 'kind' | 'roles'>>('UserView: a resident has no staff fields'),
  holds<Same<NullableKeys<UserView>, never>>('UserView: absent fields are left out, never null'),
  holds<Same<NullableKeys<MediaView>, 'exif'>>('MediaView: only exif may be null'),
  holds<Same<RequiredKeys<MediaView>, keyof MediaView>>('MediaView: every field is always there'),
  holds<Same<NullableKeys<CategoryView>, 'parentCode' | 'children'>>('CategoryView: parentCode and children may be null'),
  holds<Same<NullableKeys<LocateResult>, 'building'>>('LocateResult: building may be null'),
  holds<Same<NullableKeys<IncidentView>, never>>('IncidentView: absent fields are left out, never null'),
  holds<Same<Exclude<keyof IncidentView, RequiredKeys<IncidentView>>,
    'suspendedFrom' | 'assigneeId' | 'occurredAt' | 'suspendedAt' | 'closedAt' | 'rating' | 'allowedActions' | 'flow'
    | 'media' | 'possibleDuplicates'>>('IncidentView: which fields may be absent'),
  holds<Same<NullableKeys<IncidentView['region']>, 'townId' | 'communityId' | 'compoundId' | 'buildingId'>>(
    'IncidentView.region: the nodes above may be null'),
  holds<Same<NullableKeys<IncidentFlow>, 'from' | 'comment' | 'mediaIds' | 'assigneeId' | 'ownerRegionId'>>(
    'IncidentFlow: which fields may be null'),
];

test('the answer types say which fields are always there and which may be null (checked by tsc)', () => {
  assert.equal(checked.filter(name => name !== '').length, 14);
});
