import type { Dashboard, DataQuery, Panel } from '@grafana/schema';

/** JSON holds an enum's value, not the TypeScript enum: accept the values of string enums. */
type Json<T> = T extends string
  ? string extends T
    ? T
    : `${T}`
  : T extends Array<infer U>
    ? Array<Json<U>>
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** A Prometheus query: DataQuery has only the fields common to every data source. */
export interface PrometheusQuery extends DataQuery {
  expr: string;
  legendFormat: string;
  format: 'time_series' | 'table' | 'heatmap';
  instant: boolean;
  range: boolean;
  editorMode: 'code' | 'builder';
}

/** What Grafana's export for sharing adds (the importable copies). */
interface ImportFields {
  __inputs?: Array<{
    name: string;
    label: string;
    description: string;
    type: 'datasource';
    pluginId: string;
    pluginName: string;
  }>;
  __elements?: Record<string, unknown>;
  __requires?: Array<{ type: 'grafana' | 'datasource' | 'panel'; id: string; name: string; version: string }>;
}

export type BoardPanel = Json<Omit<Panel, 'targets'>> & { targets: PrometheusQuery[] };
export type Board = Json<Omit<Dashboard, 'panels'>> & { panels: BoardPanel[] } & ImportFields;
