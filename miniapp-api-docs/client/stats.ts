// The leaders' dashboard (GET /api/v1/stats/overview): a node's figures for a period, each child node's, and the
// daily series of received and closed incidents; for staff, over their own subtree.
import type { components } from './api-types';
import { GridGovClient } from './gridgov';

type Schemas = components['schemas'];

export type StatsOverview = Schemas['StatsOverview'];
export type StatsFigures = Schemas['StatsFigures'];
export type StatsChild = Schemas['StatsChild'];
export type StatsDay = Schemas['StatsDay'];
export type StatsCategoryCount = Schemas['StatsCategoryCount'];

export interface StatsQuery {
  /** The node; by default the one the account is bound to. */
  regionId?: number;
  /** First day, YYYY-MM-DD (Asia/Shanghai), or a Date (its Shanghai calendar day); by default `to` minus 29 days. */
  from?: string | Date;
  /** Last day, included; by default today in Shanghai. At most 366 days from `from`. */
  to?: string | Date;
}

/** The calendar day (YYYY-MM-DD) of a moment in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function day(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? shanghaiDay(value) : value;
}

/**
 * GET the overview. Errors are GridGovError: BAD_STATS_DATE, BAD_STATS_PERIOD, STATS_PERIOD_TOO_LONG, BAD_REGIONID
 * (400), REGION_NOT_FOUND (404: absent or outside the account's scope), 403 for residents.
 */
export function statsOverview(client: GridGovClient, query: StatsQuery = {}): Promise<StatsOverview> {
  return client.get<StatsOverview>('/api/v1/stats/overview',
    { regionId: query.regionId, from: day(query.from), to: day(query.to) });
}

/** A share (0–1, or null when there is nothing to share) as a percentage for display: 0.8571 → "85.7%", null → "—". */
export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? '—' : (share * 100).toFixed(digits) + '%';
}
