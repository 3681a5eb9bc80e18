/** Pure helpers over the plan (PlanResponse): lookups, the region tree, the chain graph. */
import type { PlanResponse, RegionKind } from '@planwatch/shared';

/** What the map and the region tree use of a plan region. */
export type PlanRegion = Pick<PlanResponse['regions'][number], 'code' | 'name' | 'kind' | 'parentCode' | 'aliases' | 'schematic'>;
export type PlanChain = PlanResponse['chains'][number];

export const REGION_KIND_LABELS: Record<RegionKind, string> = {
  district: '区',
  subdistrict: '街道',
  town: '镇',
  township: '乡',
  special_zone: '特色区',
  development_zone: '开发区',
  park: '园区',
};

export interface RegionNode {
  region: PlanRegion;
  children: RegionNode[];
}

/** The regions as a tree (district → towns and zones → parks), in the plan's order. */
export function regionTree(regions: readonly PlanRegion[]): RegionNode[] {
  const nodes = new Map(regions.map((r) => [r.code, { region: r, children: [] as RegionNode[] }]));
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function regionName(plan: Pick<PlanResponse, 'regions'>, code: string): string {
  return plan.regions.find((r) => r.code === code)?.name ?? code;
}

export interface ChainGraphNode {
  name: string;
  enterprises: string[];
  parks: string[];
  regions: string[];
  /** Parks and regions no source names for this node (示意). */
  illustrativePlaces: string[];
}

export interface ChainGraph {
  upstream: ChainGraphNode[];
  midstream: ChainGraphNode[];
  downstream: ChainGraphNode[];
}

export const GRAPH_TIERS = [
  ['upstream', '上游'],
  ['midstream', '中游'],
  ['downstream', '下游'],
] as const;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function nodes(value: unknown): ChainGraphNode[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((n): ChainGraphNode[] => {
    if (typeof n === 'string') return [{ name: n, enterprises: [], parks: [], regions: [], illustrativePlaces: [] }];
    if (!n || typeof n !== 'object' || typeof (n as { name?: unknown }).name !== 'string') return [];
    const o = n as Record<string, unknown>;
    return [
      { name: o.name as string, enterprises: strings(o.enterprises), parks: strings(o.parks), regions: strings(o.regions), illustrativePlaces: strings(o.illustrativePlaces) },
    ];
  });
}

/** The chain's 产业链图谱 (the contract types it `unknown`); empty tiers when absent. */
export function chainGraph(graph: unknown): ChainGraph {
  const g = (graph && typeof graph === 'object' ? graph : {}) as Record<string, unknown>;
  return { upstream: nodes(g.upstream), midstream: nodes(g.midstream), downstream: nodes(g.downstream) };
}

export function isGraphEmpty(graph: ChainGraph): boolean {
  return graph.upstream.length + graph.midstream.length + graph.downstream.length === 0;
}

/**
 * A short display name for tight spaces (map labels): the name when short, else the shortest
 * current alias (not a historical 长治县… form), with a trailing 上党区部分 dropped.
 */
export function shortRegionName(region: Pick<PlanRegion, 'name' | 'aliases'>): string {
  if (region.name.length <= 5) return region.name;
  const candidates = region.aliases.filter((a) => a.length >= 3 && !/^(长治县|长治市|上党区)/.test(a));
  const shortest = [...candidates].sort((a, b) => a.length - b.length)[0];
  const pick = shortest && shortest.length < region.name.length ? shortest : region.name;
  return pick.replace(/(（上党区）|上党区部分)$/, '') || pick;
}
