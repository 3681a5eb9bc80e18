/**
 * The monthly briefing's 督办情况 and 红黑榜 sections, as blocks of the format-neutral briefing
 * document, and their place in it: before 数据质量, the sections renumbered.
 */
import { chineseNumber } from '../briefing/build-briefing.js';
import type { BriefingDocument, BriefingSection } from '../briefing/briefing.types.js';
import { RANKING_GROUP_LABELS, RANKING_GROUPS, type RankingSummary } from '../ranking/ranking-contracts.js';

export interface BriefingSupervision {
  opened: number;
  closed: number;
  /** Closed, and first replied by the deadline. */
  closedOnTime: number;
  /** Overdue when the briefing is built. */
  overdue: ReadonlyArray<{ title: string; departmentName: string; deadline: string }>;
}

export function supervisionBriefingSections(s: BriefingSupervision, ranking: RankingSummary['groups']): BriefingSection[] {
  const supervision: BriefingSection = {
    heading: '督办情况',
    blocks: [
      { kind: 'paragraph', text: `本月新立督办${s.opened}件，办结${s.closed}件（其中按期反馈${s.closedOnTime}件）；截至通报生成时逾期未反馈${s.overdue.length}件。` },
      ...(s.overdue.length === 0
        ? []
        : [
            {
              kind: 'table' as const,
              table: { columns: [{ header: '逾期督办事项' }, { header: '承办单位' }, { header: '办理期限' }], rows: s.overdue.map((o) => [o.title, o.departmentName, o.deadline]) },
            },
          ]),
    ],
  };
  const rows = RANKING_GROUPS.flatMap((g) => [
    ...ranking[g].red.map((e) => [RANKING_GROUP_LABELS[g], '红榜', e.name, Math.round(e.score * 10) / 10]),
    ...ranking[g].black.map((e) => [RANKING_GROUP_LABELS[g], '黑榜', e.name, Math.round(e.score * 10) / 10]),
  ]);
  const redBlack: BriefingSection = {
    heading: '红黑榜',
    blocks:
      rows.length === 0
        ? [{ kind: 'paragraph', text: '本月各单位得分持平或无可排名单位，不设红黑榜。' }]
        : [{ kind: 'table', table: { columns: [{ header: '类别' }, { header: '榜单' }, { header: '单位' }, { header: '得分', format: 'score' }], rows } }],
  };
  return [supervision, redBlack];
}

const NUMBERED = /^[一二三四五六七八九十]+、/;

/** The document with `sections` inserted before the one headed `before` (at the end if none is), every heading renumbered. */
export function insertBriefingSections(document: BriefingDocument, sections: readonly BriefingSection[], before: string): BriefingDocument {
  const plain = document.sections.map((s) => ({ ...s, heading: s.heading.replace(NUMBERED, '') }));
  const at = plain.findIndex((s) => s.heading === before);
  const all = at < 0 ? [...plain, ...sections] : [...plain.slice(0, at), ...sections, ...plain.slice(at)];
  return { ...document, sections: all.map((s, n) => ({ ...s, heading: `${chineseNumber(n + 1)}、${s.heading}` })) };
}
