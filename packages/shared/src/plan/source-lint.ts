/**
 * Does the plan file say what its sources say? Structure is parsePlan's business; this lint
 * reads the source documents shipped beside the plan (`plan/sources/`) and checks that
 *
 * - every quote (targets, published figures, places, projects) occurs in its document word
 *   for word (full-width forms folded, whitespace ignored);
 * - a sentence that speaks of the present (目前、已、截至…) backs no target: it states a
 *   published actual, which belongs under `published:` with its period;
 * - a target is official (not `illustrative`) only for a year its sentence gives — "2025年",
 *   or 全年/今年 in the source's own year — and never from a capacity "once built"
 *   (全面投产后、建成后…), which has no year;
 * - a published figure comes from a sentence that states an actual, dated as the sentence
 *   dates it (截至2024年9月 → 2024-09; 目前 → the source's year);
 * - every place an entry lists (a chain's towns, an indicator's reporting regions, a park's
 *   zone and town, a project's town and park) is named in one of its quotes or listed as
 *   illustrative;
 * - every fact about a source-named project is quoted or marked illustrative, quoted facts
 *   match their quotes (amounts, stage words, milestone months), and an entity sits in one
 *   chain only.
 *
 * Pure: the caller hands in a reader for the documents.
 */
import { toDecimal } from '../units/decimal.js';
import type { ProjectStage } from '../domain/types.js';
import { PlanValidationError, locateIssues, looseName, parkPlaces, readPlan, type RawIssue, type ReadPlan, type Segment } from './parse.js';
import type { PlanFile } from './schema.js';
import type { NormalizedPlan, PlanIssue, PlanProjectFact } from './types.js';

/** Reads a source document by its `document` path (relative to the plan file's folder); undefined when absent. */
export type PlanDocumentReader = (documentPath: string) => string | undefined;

/** Words that make a sentence speak of what already is. */
const PRESENT = /目前|已|截至|现有|当前/;
/** A capacity once something is built: no year. */
const ONCE_BUILT = /全面投产后|建成后|投产后|达产后/;
/** The whole of the source's own year. */
const WHOLE_YEAR = /全年|今年|年内/;
const SENTENCE_END = /[。！？!?]/;
const STAGE_WORDS: Record<ProjectStage, RegExp> = {
  planning: /谋划|申报|规划/,
  signed: /签约|引进/,
  started: /建设|调试|开工|推进|开展/,
  completed: /投产|试运营|投入使用|竣工|建成/,
};
/** Facts a source-named project must quote when it has them: the sample data invents the rest. */
const QUOTED_ONLY: readonly PlanProjectFact[] = ['name', 'totalInvestment', 'stage', 'milestones'];
const ENTERPRISE_SUFFIX = /(股份有限公司|有限责任公司|有限公司|集团|煤矿)$/;

interface Located {
  /** The sentence the quote stands in, loosely normalised. */
  sentence: string;
  quote: string;
  sourceYear: number | null;
}

type SourceRef = { id: string; quote: string; note?: string | undefined };

/**
 * Lints the plan file's text against its source documents. Returns every problem found, each
 * with its path and line; a file that does not parse returns parsePlan's problems.
 */
export function lintPlanSources(yamlText: string, readDocument: PlanDocumentReader): PlanIssue[] {
  let read: ReadPlan;
  try {
    read = readPlan(yamlText);
  } catch (error) {
    if (error instanceof PlanValidationError) return [...error.issues];
    throw error;
  }
  const issues = new SourceLint(read.file, read.plan, readDocument).run();
  return locateIssues(issues, read.locate).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

class SourceLint {
  private readonly issues: RawIssue[] = [];
  private readonly documents = new Map<string, { text: string; title: string; year: number | null }>();
  private readonly names: Map<string, { name: string; keys: string[] }>;

  constructor(
    private readonly f: PlanFile,
    private readonly plan: NormalizedPlan,
    readDocument: PlanDocumentReader,
  ) {
    f.sources.forEach((source, i) => {
      const text = readDocument(source.document);
      if (text === undefined) this.add(['sources', i, 'document'], `document not found: ${source.document} (sources ship beside the plan file)`);
      else this.documents.set(source.id, { text: looseName(text), title: source.title, year: source.year ?? null });
    });
    this.names = new Map(plan.regions.map((r) => [r.code, { name: r.name, keys: [r.name, ...r.aliases].map(looseName) }]));
  }

  run(): RawIssue[] {
    this.targets();
    this.published();
    this.places();
    this.projects();
    return this.issues;
  }

  private add(path: Segment[], message: string): void {
    this.issues.push({ path, message });
  }

  /** The sentence a quote stands in; reports a quote not found word for word. */
  private locate(path: Segment[], ref: SourceRef): Located | undefined {
    const document = this.documents.get(ref.id);
    if (document === undefined) return undefined;
    const quote = looseName(ref.quote);
    const at = document.text.indexOf(quote);
    if (at < 0) {
      this.add([...path, 'quote'], `「${ref.quote}」 is not in ${document.title} word for word`);
      return undefined;
    }
    let start = at;
    while (start > 0 && !SENTENCE_END.test(document.text[start - 1] ?? '')) start -= 1;
    let end = at + quote.length;
    while (end < document.text.length && !SENTENCE_END.test(document.text[end - 1] ?? '')) end += 1;
    return { sentence: document.text.slice(start, end), quote, sourceYear: document.year };
  }

  /** The quoted number is the value, or a note says how it becomes the value. */
  private checkValue(path: Segment[], ref: SourceRef, located: Located, value: string): void {
    if (ref.note) return;
    const numbers = located.quote.match(/\d+(?:\.\d+)?/g) ?? [];
    if (!numbers.some((n) => toDecimal(n).eq(toDecimal(value)))) {
      this.add([...path, 'quote'], `「${ref.quote}」 does not contain ${value}: say in a note how the quoted figure becomes it`);
    }
  }

  private targets(): void {
    this.f.targets.forEach((block, i) =>
      block.anchors.forEach((anchor, j) => {
        if (anchor.source === undefined) return;
        const path: Segment[] = ['targets', i, 'anchors', j, 'source'];
        const located = this.locate(path, anchor.source);
        if (located === undefined) return;
        if (!anchor.illustrative) this.checkValue(path, anchor.source, located, anchor.value);
        if (PRESENT.test(located.sentence)) {
          this.add(path, `「${anchor.source.quote}」 states what already is (目前、已、截至…): a published figure for its period, not a ${anchor.year} target — list it under published: and mark the target illustrative`);
          return;
        }
        if (anchor.illustrative) return;
        if (ONCE_BUILT.test(located.sentence)) {
          this.add(path, `「${anchor.source.quote}」 gives a figure once built (全面投产后、建成后…), with no year: the ${anchor.year} target is illustrative (illustrative: true, keeping the source, a note saying the year is illustrative)`);
        } else if (!namesYear(located, anchor.year)) {
          this.add(path, `「${anchor.source.quote}」 names no year ${anchor.year}: the ${anchor.year} target is illustrative (illustrative: true, keeping the source, a note saying why)`);
        }
      }),
    );
  }

  private published(): void {
    this.f.published.forEach((figure, i) => {
      const path: Segment[] = ['published', i, 'source'];
      const located = this.locate(path, figure.source);
      if (located === undefined) return;
      this.checkValue(path, figure.source, located, figure.value);
      const months = [...located.sentence.matchAll(/(\d{4})年(\d{1,2})月/g)].map(([, y, m]) => `${y}-${String(Number(m)).padStart(2, '0')}`);
      if (!PRESENT.test(located.sentence) && months.length === 0) {
        this.add(path, `「${figure.source.quote}」 does not state an actual (目前、已、截至…, or a month): a published figure needs one`);
      } else if (figure.period !== undefined && !months.includes(figure.period)) {
        this.add(['published', i, 'period'], months.length === 0 ? `the sentence gives no month: give year: instead of period: ${figure.period}` : `the sentence dates it ${months.join(', ')}, not ${figure.period}`);
      } else if (figure.year !== undefined && months.length > 0) {
        this.add(['published', i, 'year'], `the sentence dates it to the month: give period: "${months[0]}"`);
      } else if (figure.year !== undefined && !namesYear(located, figure.year) && located.sourceYear !== figure.year) {
        this.add(['published', i, 'year'], `the sentence names no year ${figure.year}, and the source speaks of ${located.sourceYear ?? 'no year'} as its present`);
      }
    });
  }

  /** Each listed place is named in one of the quotes given for it, or marked illustrative. */
  private checkPlaces(path: Segment[], places: ReadonlyArray<{ code: string; at: Segment[] }>, evidence: readonly SourceRef[], illustrative: readonly string[]): void {
    const quotes = evidence
      .map((ref, k) => this.locate([...path, 'placeSources', k], ref)?.quote)
      .filter((q): q is string => q !== undefined);
    for (const { code, at } of places) {
      if (illustrative.includes(code)) continue;
      const region = this.names.get(code);
      if (region === undefined) continue;
      if (!quotes.some((q) => region.keys.some((key) => q.includes(key)))) {
        this.add(at, `${region.name} (${code}) is named in none of the quotes given for it: cite a sentence that names it (placeSources) or list it in illustrativePlaces (示意)`);
      }
    }
  }

  private places(): void {
    const district = this.plan.plan.region;
    this.f.regions.forEach((region, i) => {
      const places = parkPlaces(region, district).map((code) => ({ code, at: ['regions', i, code === region.parent ? 'parent' : 'town'] as Segment[] }));
      this.checkPlaces(['regions', i], places, region.placeSources, region.illustrativePlaces);
    });
    this.f.chains.forEach((chain, i) => {
      this.checkPlaces(['chains', i], chain.regions.map((code, k) => ({ code, at: ['chains', i, 'regions', k] })), chain.placeSources, chain.illustrativePlaces);
      for (const level of ['upstream', 'midstream', 'downstream'] as const) {
        chain.graph[level].forEach((node, n) => {
          const at: Segment[] = ['chains', i, 'graph', level, n];
          const places = [
            ...node.parks.map((code, k) => ({ code, at: [...at, 'parks', k] })),
            ...node.regions.map((code, k) => ({ code, at: [...at, 'regions', k] })),
          ];
          // A node may lean on its chain's quotes; those were checked word for word above.
          this.checkPlaces(at, places, [...node.placeSources, ...chain.placeSources], node.illustrativePlaces);
        });
      }
    });
    this.f.indicators.forEach((indicator, i) => {
      this.checkPlaces(['indicators', i], indicator.regions.map((code, k) => ({ code, at: ['indicators', i, 'regions', k] })), indicator.placeSources, indicator.illustrativePlaces);
    });
  }

  private projects(): void {
    this.f.projects.forEach((project, i) => {
      const at = (...rest: Segment[]): Segment[] => ['projects', i, ...rest];
      const located = project.sources.map((ref, k) => ({ ref, located: this.locate(at('sources', k), ref) }));
      const quotesAbout = (fact: PlanProjectFact) => located.filter((s) => s.ref.about.includes(fact) && s.located !== undefined) as Array<{ ref: (typeof located)[number]['ref']; located: Located }>;
      const present: Record<PlanProjectFact, boolean> = {
        name: true,
        chain: true,
        region: true,
        park: project.park !== null,
        enterprise: project.enterprise !== null,
        totalInvestment: project.totalInvestment !== null,
        stage: project.stage !== null,
        milestones: project.milestones.length > 0,
      };
      const quoted = new Set(project.sources.flatMap((s) => s.about));
      for (const fact of Object.keys(present) as PlanProjectFact[]) {
        const marked = project.illustrative.includes(fact);
        if (marked && quoted.has(fact)) this.add(at('illustrative'), `${fact} is both quoted and marked illustrative`);
        else if (marked && QUOTED_ONLY.includes(fact)) this.add(at('illustrative'), `${fact} comes from the sources or not at all: leave it out and let the sample data invent it (shown as 示意)`);
        else if (present[fact] && !quoted.has(fact) && !marked) this.add(at(fact), `${fact} is neither quoted (sources[].about) nor marked illustrative`);
        else if (!present[fact] && (quoted.has(fact) || marked)) this.add(at(fact), `${fact} is empty: nothing to quote or mark`);
      }

      const places = [
        { fact: 'region' as const, code: project.region },
        ...(project.park === null ? [] : [{ fact: 'park' as const, code: project.park }]),
      ];
      for (const { fact, code } of places) {
        const region = this.names.get(code);
        const quotes = quotesAbout(fact);
        if (region !== undefined && quotes.length > 0 && !quotes.some((q) => region.keys.some((key) => q.located.quote.includes(key)))) {
          this.add(at(fact), `${region.name} (${code}) is named in none of the quotes about the ${fact}`);
        }
      }
      const enterpriseQuotes = quotesAbout('enterprise');
      if (project.enterprise !== null && enterpriseQuotes.length > 0) {
        const stem = looseName(project.enterprise.replace(ENTERPRISE_SUFFIX, ''));
        if (!enterpriseQuotes.some((q) => q.located.quote.includes(stem))) this.add(at('enterprise'), `"${project.enterprise}" is named in none of the quotes about the enterprise`);
      }
      const investment = project.totalInvestment;
      if (investment !== null) {
        const quotes = quotesAbout('totalInvestment');
        const matches = quotes.some((q) => q.ref.note || (q.located.quote.match(/\d+(?:\.\d+)?/g) ?? []).some((n) => toDecimal(n).eq(toDecimal(investment))));
        if (quotes.length > 0 && !matches) this.add(at('totalInvestment'), `no quote about the investment contains ${investment} (万元), nor says in a note how it becomes it`);
      }
      const stage = project.stage;
      if (stage !== null) {
        const quotes = quotesAbout('stage');
        if (quotes.length > 0 && !quotes.some((q) => STAGE_WORDS[stage].test(q.located.quote))) {
          this.add(at('stage'), `no quote about the stage says ${stage} (${STAGE_WORDS[stage].source})`);
        }
      }
      project.milestones.forEach((milestone, k) => {
        const [year, month] = milestone.period.split('-');
        const words = `${year}年${Number(month)}月`;
        const quotes = quotesAbout('milestones');
        if (quotes.length > 0 && !quotes.some((q) => q.located.quote.includes(words))) this.add(at('milestones', k, 'period'), `no quote about the milestones names ${words}`);
      });
      this.oneChain(i, project);
    });
  }

  /** One entity, one chain: a project named in another chain's graph contradicts its own chain. */
  private oneChain(i: number, project: PlanFile['projects'][number]): void {
    const stem = looseName(projectStem(project.name));
    for (const chain of this.plan.chains) {
      if (chain.code === project.chain) continue;
      for (const node of [...chain.graph.upstream, ...chain.graph.midstream, ...chain.graph.downstream]) {
        if (looseName([node.name, ...node.enterprises].join('、')).includes(stem)) {
          this.add(['projects', i, 'chain'], `"${projectStem(project.name)}" is in chain ${project.chain} here but in the graph of ${chain.code} (${node.name}): one entity, one chain`);
        }
      }
    }
  }
}

/** A project's name without "项目" and bracketed qualifiers: what a chain graph would call it. */
export function projectStem(name: string): string {
  return name.replace(/（[^）]*）|\([^)]*\)/g, '').replace(/项目$/, '');
}

/** The sentence gives the year: "2025年", or 全年/今年 in the source's own year. */
function namesYear(located: Located, year: number): boolean {
  return located.sentence.includes(`${year}年`) || (WHOLE_YEAR.test(located.sentence) && located.sourceYear === year);
}
