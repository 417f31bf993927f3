/**
 * The map of the caller's scope: region boundaries and incidents from the API's vector tiles
 * (GET /api/v1/tiles/{layer}/{z}/{x}/{y}.mvt, WGS-84 in Web Mercator), drawn with MapLibre GL JS bundled into the
 * console. Without a configured base map only the boundaries are drawn, which works without internet access.
 * A GCJ-02 base map (Tencent, AMap) would sit a few hundred metres off these WGS-84 tiles: see the README.
 */
import * as maplibregl from 'maplibre-gl';
import type { Api } from './api';
import { STATUS_COLOUR } from './labels';

export interface ConsoleConfig {
  apiBase: string;
  baseMapUrl?: string | null;
  baseMapAttribution?: string | null;
}

const INCIDENT_LAYERS = ['incident-cluster', 'incident-point'];

export class ScopeMap {
  readonly map: maplibregl.Map;
  private version = 0;
  private pending: number | undefined;
  /** The tile addresses the map asked for, newest last (the browser test reads them). */
  readonly requested: string[] = [];

  constructor(container: HTMLElement, private readonly api: Api, config: ConsoleConfig,
              private readonly onSelect: (id: number) => void) {
    maplibregl.setWorkerUrl(new URL('maplibre-gl-worker.mjs', document.baseURI).href);
    const tiles = (layer: string) => `${location.origin}${api.base}/api/v1/tiles/${layer}/{z}/{x}/{y}.mvt`;
    const sources: Record<string, maplibregl.SourceSpecification> = {
      regions: { type: 'vector', tiles: [tiles('regions')], minzoom: 0, maxzoom: 16 },
      incidents: { type: 'vector', tiles: [tiles('incidents') + '?v=0'], minzoom: 0, maxzoom: 18 },
    };
    const layers: maplibregl.LayerSpecification[] = [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
    ];
    if (config.baseMapUrl) {
      sources.base = { type: 'raster', tiles: [config.baseMapUrl], tileSize: 256,
        attribution: config.baseMapAttribution ?? undefined };
      layers.push({ id: 'base', type: 'raster', source: 'base' });
    }
    layers.push(
      { id: 'region-fill', type: 'fill', source: 'regions', 'source-layer': 'regions',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#ffffff', 'fill-opacity': config.baseMapUrl ? 0.05 : 0.6 } },
      { id: 'region-line', type: 'line', source: 'regions', 'source-layer': 'regions',
        paint: { 'line-color': '#4a5a6a', 'line-width': ['match', ['get', 'level'], ['COUNTY', 'TOWN'], 2, 1] } },
      { id: 'region-building', type: 'circle', source: 'regions', 'source-layer': 'regions',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 2, 'circle-color': '#4a5a6a' } },
      { id: 'incident-cluster', type: 'circle', source: 'incidents', 'source-layer': 'incidents',
        filter: ['>', ['coalesce', ['get', 'count'], 1], 1],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 2, 9, 50, 20],
          'circle-color': ['case', ['>', ['get', 'overdue'], 0], '#cf222e', ['>', ['get', 'warned'], 0], '#d4a72c', '#1f6feb'],
          'circle-opacity': 0.8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2,
        } },
      { id: 'incident-point', type: 'circle', source: 'incidents', 'source-layer': 'incidents',
        filter: ['<=', ['coalesce', ['get', 'count'], 1], 1],
        paint: {
          'circle-radius': 7,
          'circle-color': ['match', ['get', 'status'], ...Object.entries(STATUS_COLOUR).flat(), '#1f6feb'] as any,
          'circle-stroke-color': ['case', ['to-boolean', ['get', 'overdue']], '#cf222e',
            ['to-boolean', ['get', 'warned']], '#d4a72c', '#ffffff'],
          'circle-stroke-width': ['case', ['any', ['to-boolean', ['get', 'overdue']], ['to-boolean', ['get', 'warned']]], 4, 2],
        } },
    );
    this.map = new maplibregl.Map({
      container,
      style: { version: 8, sources, layers },
      center: [113.43, 36.2],
      zoom: 12,
      attributionControl: config.baseMapUrl ? {} : false,
      transformRequest: url => {
        if (url.includes('/api/v1/tiles/')) {
          this.requested.push(url);
          const token = api.accessToken;
          return { url, headers: token ? { Authorization: `Bearer ${token}` } : {} };
        }
        return { url };
      },
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    for (const layer of INCIDENT_LAYERS) {
      this.map.on('click', layer, e => {
        const f = e.features?.[0];
        const id = f?.properties?.id;
        if (typeof id === 'number') {
          this.onSelect(id);
        } else if (f && f.geometry.type === 'Point') {
          this.map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: Math.min(this.map.getZoom() + 2, 18) });
        }
      });
      this.map.on('mouseenter', layer, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on('mouseleave', layer, () => (this.map.getCanvas().style.cursor = ''));
    }
    // an expired token makes the tiles answer 401: refresh once, then ask for the tiles again
    this.map.on('error', e => {
      if ((e.error as any)?.status === 401) {
        api.refresh().then(() => this.reloadIncidents(), () => undefined);
      }
    });
  }

  /** Frames the caller's node: the bounds of its boundary (or its position). */
  async frame(regionId: number): Promise<void> {
    try {
      const geo = await this.api.get(`/api/v1/regions/${regionId}/geojson?depth=0`);
      const bounds = new maplibregl.LngLatBounds();
      const walk = (c: any) => (typeof c[0] === 'number' ? bounds.extend(c as [number, number]) : c.forEach(walk));
      for (const f of geo.features ?? [geo]) {
        if (f.geometry) {
          walk(f.geometry.coordinates);
        }
      }
      if (!bounds.isEmpty()) {
        this.map.fitBounds(bounds, { padding: 30, animate: false });
        return;
      }
    } catch {
      // fall back to the node's position below
    }
    const region = await this.api.get(`/api/v1/regions/${regionId}?coordType=wgs84`).catch(() => null);
    if (region?.position) {
      this.map.jumpTo({ center: [region.position.lng, region.position.lat], zoom: 14 });
    }
  }

  /** Centres on an incident (WGS-84). */
  show(lng: number, lat: number): void {
    this.map.easeTo({ center: [lng, lat], zoom: Math.max(this.map.getZoom(), 16) });
  }

  /** Asks for the incident tiles again soon (the tiles are cached for a minute, so under a new address). */
  reloadIncidents(): void {
    window.clearTimeout(this.pending);
    this.pending = window.setTimeout(() => {
      const source = this.map.getSource('incidents') as maplibregl.VectorTileSource | undefined;
      source?.setTiles([`${location.origin}${this.api.base}/api/v1/tiles/incidents/{z}/{x}/{y}.mvt?v=${++this.version}`]);
    }, 500);
  }

  /** The incidents the map has drawn on screen now (id, status, warned, overdue, count). */
  renderedIncidents(): Record<string, unknown>[] {
    return this.map.queryRenderedFeatures({ layers: INCIDENT_LAYERS }).map(f => ({ ...f.properties }));
  }
}
