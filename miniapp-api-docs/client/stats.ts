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
export type StatsRateFigures = Schemas['StatsRateFigures'];
export type StatsRateNode = Schemas['StatsRateNode'];
export type StatsRateRegions = Schemas['StatsRateRegions'];
export type StatsRateDepartment = Schemas['StatsRateDepartment'];
export type StatsRateDepartments = Schemas['StatsRateDepartments'];

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

/**
 * GET the three rates (response, resolution, satisfaction) of a node and of each of its children over a period.
 * Errors as statsOverview: BAD_STATS_DATE, BAD_STATS_PERIOD, STATS_PERIOD_TOO_LONG, BAD_REGIONID (400),
 * REGION_NOT_FOUND (404), 403 for residents.
 */
export function statsRates(client: GridGovClient, query: StatsQuery = {}): Promise<StatsRateRegions> {
  return client.get<StatsRateRegions>('/api/v1/stats/rates',
    { regionId: query.regionId, from: day(query.from), to: day(query.to) });
}

export interface StatsDepartmentRatesQuery {
  /** One department; by default all (county admins) or the account's own (department admins). */
  departmentId?: number;
  from?: string | Date;
  to?: string | Date;
}

/**
 * GET the departments' three rates over a period (吹哨报到). County admins see every department, a department's
 * admin only its own. Errors: the date codes and BAD_DEPARTMENTID (400), FORBIDDEN (403: other roles),
 * DEPARTMENT_NOT_FOUND (404: absent or not the account's own department).
 */
export function statsDepartmentRates(client: GridGovClient, query: StatsDepartmentRatesQuery = {}): Promise<StatsRateDepartments> {
  return client.get<StatsRateDepartments>('/api/v1/stats/department-rates',
    { departmentId: query.departmentId, from: day(query.from), to: day(query.to) });
}

/** A share (0–1, or null when there is nothing to share) as a percentage for display: 0.8571 → "85.7%", null → "—". */
export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? '—' : (share * 100).toFixed(digits) + '%';
}
