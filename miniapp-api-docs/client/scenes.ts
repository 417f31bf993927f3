// Building and grid codes (楼栋码、网格码): a resident scans a mini-program code, the mini program opens the request
// form with `scene` in onLoad's options, and GET /api/v1/scenes/{scene} says which node (building, compound) it is.
// Staff fetch a node's code (GET /api/v1/regions/{id}/wxacode, PNG) or a compound's codes as a ZIP.
import type { components } from './api-types';
import { GridGovClient, headerValue } from './gridgov';

type Schemas = components['schemas'];

/** What a scene names: the node and its chain from the county down to the node itself. */
export type WxacodeScene = Schemas['WxacodeScene'];
export type WxacodeSceneNode = Schemas['WxacodeSceneNode'];

/** The scenes GridGov's codes carry: "r=" and the node's short code (at most 32 characters in all). */
const NODE_SCENE = /^r=[a-z0-9]{4,16}$/;

/**
 * The scene a page was opened with, from onLoad's `options` (WeChat hands it URL-encoded: "r%3Dk7m2x9qa"), or
 * null when the page was not opened from one of our codes.
 */
export function sceneFromLaunch(options: { scene?: string } | undefined | null): string | null {
  const raw = options?.scene;
  if (typeof raw !== 'string' || raw === '') {
    return null;
  }
  let scene: string;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return NODE_SCENE.test(scene) ? scene : null;
}

/** The path resolving a scene (the "=" URL-encoded). */
export function scenePath(scene: string): string {
  return '/api/v1/scenes/' + encodeURIComponent(scene);
}

/**
 * The node a scanned scene names, with its chain (root first, the node last): for anyone logged in.
 * Errors are GridGovError: SCENE_NOT_FOUND (404) for an unknown scene.
 */
export function resolveScene(client: GridGovClient, scene: string): Promise<WxacodeScene> {
  return client.get<WxacodeScene>(scenePath(scene));
}

/** A node's code as fetched by staff: the PNG's bytes and the scene it carries. */
export interface Wxacode {
  png: ArrayBuffer;
  scene: string | undefined;
}

/**
 * A node's mini-program code (PNG), for staff bound to the node or above it. Errors are GridGovError:
 * REGION_NOT_FOUND (404, also outside the caller's scope), 403 for residents, WECHAT_PAGE_INVALID / WECHAT_ERROR
 * (502), WECHAT_UNAVAILABLE / STORAGE_UNAVAILABLE (503, retryAfterSeconds set).
 */
export async function fetchWxacode(client: GridGovClient, regionId: number): Promise<Wxacode> {
  const answer = await client.request<ArrayBuffer>({
    method: 'GET', path: `/api/v1/regions/${regionId}/wxacode`,
    headers: { Accept: 'image/png, application/problem+json' }, responseType: 'arraybuffer',
  });
  return { png: answer.data ?? new ArrayBuffer(0), scene: headerValue(answer.headers, 'X-Wxacode-Scene') };
}

/** The URL of a compound's ZIP of building codes (for wx.downloadFile with the Authorization header). */
export function wxacodeZipUrl(client: GridGovClient, compoundId: number): string {
  return client.baseUrl + `/api/v1/regions/${compoundId}/wxacodes.zip`;
}
