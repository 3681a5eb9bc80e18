import type { FreshnessEntry, GroupDetail, GroupProgress, IndicatorProgress, ProjectsSummary } from '../api/contracts.js';
import type { AlertCatalog } from '../alerts/alert-catalog.js';
import type { AlertType, Period, Severity } from '../domain/types.js';

/*
 * The monthly briefing (月度通报) as one format-neutral document: the API renders the same
 * document as HTML, XLSX, DOCX and PDF, so the four never say different things.
 */

/** A cell: text, or a number the workbook keeps as a number (percentages in percent units). */
export type BriefingCell = string | number | null;

/** How a column's numbers read: counts, percentages (in percent units), percentage points, scores. */
export type BriefingColumnFormat = 'text' | 'count' | 'percent' | 'pp' | 'score';

export interface BriefingTable {
  columns: Array<{ header: string; format?: BriefingColumnFormat }>;
  rows: BriefingCell[][];
}

export type BriefingBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: BriefingTable };

export interface BriefingSection {
  /** 一、总体情况 */
  heading: string;
  blocks: BriefingBlock[];
}

/** One item of 下步工作: who, what, by when. Editable before sending. */
export interface NextStep {
  owners: string[];
  action: string;
  /** A date ("2026年12月10日") or a time span ("本通报印发后5个工作日内"). */
  due: string;
}

/** The 公文 parts around the body (GB/T 9704-2012), set by the district office. */
export interface BriefingLetterhead {
  /** 发文机关标志 */
  issuer: string;
  /** 发文字号, e.g. 上党产监〔2026〕10号 */
  documentNumber: string;
  /** 主送机关 */
  recipients: string;
  /** 署名 (发文机关署名) */
  signature: string;
  /** 抄送机关 */
  copyTo: string;
  /** 印发机关 */
  printedBy: string;
}

export interface BriefingDocument {
  period: Period;
  /** 2026年10月 */
  periodLabel: string;
  title: string;
  letterhead: BriefingLetterhead;
  /** 成文日期 and 印发日期, as GB/T 9704-2012 writes them: 2026年11月11日. */
  date: string;
  /** Marks the reader must see first: 示例数据, 示意目标, 初稿, unevaluated alerts. */
  notices: string[];
  sections: BriefingSection[];
  /** Whether the month's reporting deadline had passed: a final briefing is frozen and reproducible. */
  final: boolean;
  /** The instant the data is as of (ISO), and when the document was generated. */
  dataAsOf: string;
  generatedAt: string;
  planVersion: string | null;
  sample: boolean;
  /** The figures the document states, to note revisions made after it was frozen. */
  figures: BriefingFigure[];
  /** The steps it asks for (generated, or as edited by the office). */
  nextSteps: NextStep[];
}

/** A figure the briefing states: what it was, for comparison with later revisions. */
export interface BriefingFigure {
  indicatorCode: string;
  name: string;
  unit: string;
  dataAsOf: Period | null;
  value: string | null;
}

export interface BriefingOpenAlert {
  type: AlertType;
  severity: Severity;
  title: string;
  departments: string[];
}

export interface BriefingInput {
  period: Period;
  /** The instant the data is as of; `final` when the month's reporting deadline has passed. */
  asOf: { at: Date; final: boolean };
  generatedAt: Date;
  letterhead: BriefingLetterhead;
  planVersion: string | null;
  catalog: AlertCatalog;
  /** The overview's headline indicators, in order. */
  headlineCodes: readonly string[];
  /** Every indicator at district level for the month. */
  district: readonly IndicatorProgress[];
  /** Chains and services with their indicators. */
  chains: ReadonlyArray<GroupDetail & { kindLabel: string }>;
  /** Towns, subdistricts and zones (not parks). */
  towns: readonly GroupProgress[];
  freshness: readonly FreshnessEntry[];
  projects: ProjectsSummary;
  stalledProjects: ReadonlyArray<{ name: string; regionName: string; chainName: string | null; stage: string; reason: string }>;
  /** Open alerts, and whether the rules have been evaluated since the data changed. */
  alerts: { evaluated: boolean; open: readonly BriefingOpenAlert[] };
  /** 下步工作 as edited by the office; null: generated. */
  nextSteps: readonly NextStep[] | null;
}

/** A briefing file archived on schedule (or by an administrator). */
export interface BriefingArchiveEntry {
  period: Period;
  format: 'html' | 'xlsx' | 'docx' | 'pdf';
  sha256: string;
  size: number;
  generatedAt: string;
  trigger: 'schedule' | 'api';
}
