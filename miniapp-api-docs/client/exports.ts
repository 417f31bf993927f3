// Incident exports (GET /api/v1/exports/incidents.csv | .geojson | .xlsx), for staff: the incident list's filters,
// streamed as a file. In the mini program download with wx.downloadFile (the file can be large) and open it with
// wx.openDocument; in a browser console, use exportUrl with the Authorization header, or fetchExport for small ones.
import {
  ApiRequest, CoordType, GridGovClient, GridGovError, headerValue, IncidentSource, IncidentStatus, NETWORK_ERROR,
  parseProblem, queryString,
} from './gridgov';

/** csv: UTF-8 with BOM for Excel; geojson: RFC 7946, WGS-84 only; xlsx: one sheet 事件. */
export type ExportFormat = 'csv' | 'geojson' | 'xlsx';

/** The incident list's filters (all optional); `reveal` asks for full reporter names and phones (leaders, audited). */
export interface ExportFilter {
  status?: IncidentStatus[];
  categoryCode?: string;
  source?: IncidentSource;
  regionId?: number;
  assignee?: 'me';
  overdue?: boolean;
  /** All four corners or none, in `coordType`. */
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  /** wgs84 (the default for exports) or gcj02; GeoJSON accepts wgs84 only. */
  coordType?: CoordType;
  /** Reported at or after, ISO-8601 with offset. */
  from?: string;
  /** Reported before, ISO-8601 with offset. */
  to?: string;
  reveal?: boolean;
}

/** The query parameters of an export, as the API names them. */
export function exportQuery(filter: ExportFilter = {}): ApiRequest['query'] {
  return {
    status: filter.status, categoryCode: filter.categoryCode, source: filter.source, regionId: filter.regionId,
    assignee: filter.assignee, overdue: filter.overdue,
    minLng: filter.bbox?.minLng, minLat: filter.bbox?.minLat, maxLng: filter.bbox?.maxLng, maxLat: filter.bbox?.maxLat,
    coordType: filter.coordType, from: filter.from, to: filter.to, reveal: filter.reveal ? true : undefined,
  };
}

/** The path (with query) of an export under the API's origin. */
export function exportPath(format: ExportFormat, filter: ExportFilter = {}): string {
  return `/api/v1/exports/incidents.${format}` + queryString(exportQuery(filter));
}

/** The full URL of an export (send the Authorization header with it). */
export function exportUrl(client: GridGovClient, format: ExportFormat, filter: ExportFilter = {}): string {
  return client.baseUrl + exportPath(format, filter);
}

/**
 * The file name of a Content-Disposition header: RFC 5987's filename* (UTF-8, percent-encoded: the Chinese name)
 * when present, else the plain filename; undefined when there is neither.
 */
export function fileNameOf(contentDisposition: string | undefined): string | undefined {
  if (!contentDisposition) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;\s]+)/i.exec(contentDisposition);
  if (extended && extended[1].toUpperCase() === 'UTF-8') {
    try {
      return decodeURIComponent(extended[2]);
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(contentDisposition);
  return plain ? (plain[1] ?? plain[2]) : undefined;
}

/** A fetched export: its bytes, the file name the server gave, and the row count (X-Export-Rows). */
export interface ExportFile {
  data: ArrayBuffer;
  fileName: string | undefined;
  rows: number | null;
}

const ACCEPT: Record<ExportFormat, string> = {
  csv: 'text/csv',
  geojson: 'application/geo+json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function rowsOf(headers: Record<string, string> | undefined): number | null {
  const value = headerValue(headers, 'X-Export-Rows');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * GET an export into memory through wx.request (fine for a few thousand rows; use downloadExport for more).
 * Errors are GridGovError: BAD_STATUS, BAD_SOURCE, BAD_BBOX, BAD_TIME, BAD_COORD_TYPE, BAD_REVEAL (400),
 * FORBIDDEN (403: residents, or reveal without the right), REGION_NOT_FOUND (404), EXPORT_TOO_LARGE (422), EXPORT_BUSY (503).
 */
export async function fetchExport(client: GridGovClient, format: ExportFormat, filter: ExportFilter = {}): Promise<ExportFile> {
  const answer = await client.request<ArrayBuffer>({
    method: 'GET', path: `/api/v1/exports/incidents.${format}`, query: exportQuery(filter),
    headers: { Accept: ACCEPT[format] + ', application/problem+json' }, responseType: 'arraybuffer',
  });
  return {
    data: answer.data ?? new ArrayBuffer(0),
    fileName: fileNameOf(headerValue(answer.headers, 'Content-Disposition')),
    rows: rowsOf(answer.headers),
  };
}

/** The parts of wx that downloadExport uses: wx.downloadFile and, to read an error body, the file system manager. */
export interface WxDownloader {
  downloadFile(options: {
    url: string;
    header?: Record<string, string>;
    timeout?: number;
    success?: (res: { statusCode: number; tempFilePath: string }) => void;
    fail?: (err: { errMsg: string }) => void;
  }): { onHeadersReceived?(callback: (res: { header: Record<string, string> }) => void): void } | unknown;
  getFileSystemManager?(): { readFileSync(filePath: string, encoding: 'utf8'): string };
}

/** A downloaded export: the temporary file (for wx.openDocument or wx.saveFile), its name and row count. */
export interface DownloadedExport {
  tempFilePath: string;
  fileName: string | undefined;
  rows: number | null;
}

/**
 * Downloads an export to a temporary file with wx.downloadFile, with the access token. A refused export (4xx/5xx)
 * becomes a GridGovError read from the downloaded problem document.
 */
export async function downloadExport(client: GridGovClient, wx: WxDownloader, format: ExportFormat,
                                     filter: ExportFilter = {}, timeoutMs = 600_000): Promise<DownloadedExport> {
  const token = await client.accessToken();
  const header: Record<string, string> = { Accept: ACCEPT[format] + ', application/problem+json' };
  if (token) {
    header['Authorization'] = 'Bearer ' + token;
  }
  let headers: Record<string, string> = {};
  return new Promise<DownloadedExport>((resolve, reject) => {
    const task = wx.downloadFile({
      url: exportUrl(client, format, filter), header, timeout: timeoutMs,
      success: res => {
        if (res.statusCode < 200 || res.statusCode >= 300) {
          let body: string | undefined;
          try {
            body = wx.getFileSystemManager?.().readFileSync(res.tempFilePath, 'utf8');
          } catch {
            body = undefined;
          }
          reject(parseProblem(res.statusCode, body, headers));
          return;
        }
        resolve({ tempFilePath: res.tempFilePath, fileName: fileNameOf(headerValue(headers, 'Content-Disposition')),
          rows: rowsOf(headers) });
      },
      fail: err => reject(new GridGovError(0, NETWORK_ERROR, '网络不可用，请检查网络后重试' + (err?.errMsg ? `（${err.errMsg}）` : ''))),
    }) as { onHeadersReceived?(callback: (res: { header: Record<string, string> }) => void): void } | undefined;
    task?.onHeadersReceived?.(res => {
      headers = res.header ?? {};
    });
  });
}
