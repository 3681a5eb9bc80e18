import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import {
  addMonths,
  lastCompleteMonth,
  rankingParts,
  rankingScore,
  rankUnits,
  redBlackLists,
  unitMonthFacts,
  type Period,
  type RankingConfig,
  type RankingGroup,
  type RankingGroupView,
  type RankingMonthView,
  type RankingResponse,
  type RankingSummary,
} from '@planwatch/shared';
import { Clock } from '../../common/clock.js';
import { ProgressService } from '../progress/progress.service.js';
import { WorkCalendarSource } from '../supervision/work-calendar.source.js';
import { RankingRepository } from './ranking.repository.js';

/** The first instant of a month in China time. */
const monthStart = (month: Period) => new Date(`${month}-01T00:00:00+08:00`);

/**
 * 红黑榜: per month, every town and department's facts counted, its parts and score (pure, in
 * packages/shared), ranked within its group; the progress part is the town's like-for-like
 * composite for the month whose figures fell due.
 */
@Injectable()
export class RankingService {
  private readonly logger = new Logger('Ranking');

  constructor(
    @Inject(RankingRepository) private readonly repository: RankingRepository,
    @Inject(ProgressService) private readonly progress: ProgressService,
    @Inject(WorkCalendarSource) private readonly calendarSource: WorkCalendarSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** A year's months (default: the year of the last complete month). */
  async year(requested?: number): Promise<RankingResponse> {
    const last = lastCompleteMonth(this.clock.now());
    const lastYear = Number(last.slice(0, 4));
    const year = requested ?? lastYear;
    if (year > lastYear || year < 2021) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `红黑榜只有2021年至${lastYear}年（${year}年尚无已结束的月份）` });
    const end = year === lastYear ? last : (`${year}-12` as Period);
    const months: Period[] = [];
    for (let m = `${year}-01` as Period; m <= end; m = addMonths(m, 1)) months.push(m);
    return { year, config: await this.repository.config(), months: await this.months(months) };
  }

  /** A month's 红榜 and 黑榜 (default: the last complete month). */
  async summary(month: Period = lastCompleteMonth(this.clock.now())): Promise<RankingSummary> {
    const [view] = await this.months([month]);
    const lists = (g: RankingGroupView) => ({ red: g.red, black: g.black });
    return { month, groups: { towns: lists(view!.groups.towns), departments: lists(view!.groups.departments) } };
  }

  private async months(months: readonly Period[]): Promise<RankingMonthView[]> {
    const config = await this.repository.config();
    const raw = await this.repository.facts(addMonths(months[0]!, -2), monthStart(months[0]!));
    const now = this.clock.now();
    const kindOf = new Map(raw.departments.map((d) => [d.code, d.kind]));
    const out: RankingMonthView[] = [];
    for (const month of months) {
      const facts = unitMonthFacts({ ...raw, month, now, progressByRegion: await this.progressByRegion(addMonths(month, -1)) }, this.calendarSource.calendar);
      const group = (which: RankingGroup) => this.group(config, raw.departments.filter((d) => (kindOf.get(d.code) === 'bureau') === (which === 'departments')), facts);
      out.push({ month, groups: { towns: group('towns'), departments: group('departments') } });
    }
    return out;
  }

  private group(config: RankingConfig, units: ReadonlyArray<{ code: string; name: string }>, facts: ReturnType<typeof unitMonthFacts>): RankingGroupView {
    const scored = units.map((unit) => {
      const parts = rankingParts(facts.get(unit.code)!);
      return { unit, parts, score: rankingScore(parts, config.weights) };
    });
    const ranked = rankUnits(scored).map((r) => ({ ...r, parts: scored.find((s) => s.unit.code === r.unit.code)!.parts }));
    const entry = (r: (typeof ranked)[number]) => ({ code: r.unit.code, name: r.unit.name, score: r.score! });
    const lists = redBlackLists(ranked, config.listSize);
    return {
      units: ranked.map((r) => ({ code: r.unit.code, name: r.unit.name, score: r.score, rank: r.rank, parts: r.parts, facts: facts.get(r.unit.code)! })),
      red: lists.red.map(entry),
      black: lists.black.map(entry),
    };
  }

  /** Like-for-like composite per town and zone for a data month; none when progress cannot be had for it. */
  private async progressByRegion(period: Period): Promise<Map<string, number | null>> {
    try {
      const overview = await this.progress.overview(period);
      return new Map(overview.regions.map((r) => [r.code, r.composite]));
    } catch (error) {
      this.logger.warn(`progress for ${period} unavailable for the ranking: ${String(error)}`);
      return new Map();
    }
  }
}
