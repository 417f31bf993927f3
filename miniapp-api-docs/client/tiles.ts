// Map tiles (GET /api/v1/tiles/{layer}/{z}/{x}/{y}.mvt): Mapbox Vector Tiles of the caller's scope, for staff.
// The tiles are Web Mercator XYZ tiles with WGS-84 coordinates (see the guide for overlaying them on a GCJ-02 map).
import { GridGovClient, GridGovError, headerValue } from './gridgov';

/** regions: boundaries by zoom; incidents: points from zoom 14, clusters below; density: counts per cell. */
export type TileLayer = 'regions' | 'incidents' | 'density';
/** open (the default): incidents still to be handled; all: closed ones too. */
export type TileState = 'open' | 'all';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** The tile at zoom `z` holding a WGS-84 point (convert GCJ-02 from wx.getLocation first, or ask for wgs84). */
export function tileOf(lng: number, lat: number, z: number): TileAddress {
  const n = Math.pow(2, z);
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(Math.max(x, 0), n - 1), y: Math.min(Math.max(y, 0), n - 1) };
}

/** The path of one tile under the API's origin. */
export function tilePath(layer: TileLayer, at: TileAddress, state: TileState = 'open'): string {
  return `/api/v1/tiles/${layer}/${at.z}/${at.x}/${at.y}.mvt` + (state === 'open' ? '' : '?state=' + state);
}

/**
 * The URL template a map library expects ("…/{z}/{x}/{y}.mvt"), e.g. a MapLibre vector source's `tiles`; send the
 * Authorization header with it (MapLibre: `transformRequest`, with the token from client.accessToken()).
 */
export function tileUrlTemplate(client: GridGovClient, layer: TileLayer, state: TileState = 'open'): string {
  return client.baseUrl + `/api/v1/tiles/${layer}/{z}/{x}/{y}.mvt` + (state === 'open' ? '' : '?state=' + state);
}

/** A fetched tile: its bytes (empty when the tile has no data), or notModified when the given ETag still holds. */
export interface TileAnswer {
  notModified: boolean;
  data: ArrayBuffer | null;
  etag: string | undefined;
}

const MVT = 'application/vnd.mapbox-vector-tile';

/**
 * GET one tile as an ArrayBuffer; pass the ETag of the copy you hold to get `notModified` (304) instead of the bytes.
 * Errors are GridGovError: BAD_TILE, BAD_TILE_STATE (400), TILE_LAYER_NOT_FOUND (404), 403 for residents.
 */
export async function fetchTile(client: GridGovClient, layer: TileLayer, at: TileAddress,
                                options: { state?: TileState; etag?: string } = {}): Promise<TileAnswer> {
  const headers: Record<string, string> = { Accept: MVT + ', application/problem+json' };
  if (options.etag) {
    headers['If-None-Match'] = options.etag;
  }
  try {
    const answer = await client.request<ArrayBuffer>({
      method: 'GET', path: tilePath(layer, at), query: { state: options.state === 'all' ? 'all' : undefined },
      headers, responseType: 'arraybuffer',
    });
    return { notModified: false, data: answer.data ?? new ArrayBuffer(0), etag: headerValue(answer.headers, 'ETag') };
  } catch (e) {
    if (e instanceof GridGovError && e.status === 304) {
      return { notModified: true, data: null, etag: options.etag };
    }
    throw e;
  }
}
