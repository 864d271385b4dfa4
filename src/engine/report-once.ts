/**
 * Reporting a place once although several subjects lead to it: a GitLab template line inherited by
 * several publishing jobs, a `default:` block, a shared anchor. The first report of a message at a
 * place wins; every subject that reached the same place is then named as a related location (as
 * `relatedOf` words it, usually only when the place is written outside the subject).
 */
import { YNode } from '../yaml/parse.js';
import { mostCertain, type Certainty } from '../model/publish.js';
import type { MessageSpec, ReportDescriptor, ReportTarget, RuleContext } from './define-rule.js';
import type { FallbackJob } from '../model/token-fallback.js';

/** One related location of a report, as `ReportDescriptor.related` holds it. */
export interface RelatedTarget {
  at: ReportTarget;
  label: string;
}

interface Group<S> {
  at: ReportTarget;
  subjects: S[];
  /** The most certain of the subjects' certainties (undefined when one of them is certain). */
  certainty: Certainty | undefined;
  /** The jobs whose token may stand in (`ReportDescriptor.tokenFrom`), each subject's. */
  tokenFrom: TokenFrom;
  emit: (related: RelatedTarget[], certainty: Certainty | undefined, tokenFrom: TokenFrom) => void;
}

type TokenFrom = FallbackJob | readonly FallbackJob[] | null | undefined;

/**
 * The `tokenFrom` of a report made once for several subjects: every subject's job, so the token
 * cap applies only when each of them still has a token (a template line one job reaches with a
 * token and another without is an error for the second). Unset when no subject set it; a subject
 * that set none, or `null`, beside one that did: `null` (no cap on a guess).
 */
function joinTokenFrom(a: TokenFrom, b: TokenFrom): TokenFrom {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined || a === null || b === null) return null;
  return [...(Array.isArray(a) ? a : [a as FallbackJob]), ...(Array.isArray(b) ? b : [b as FallbackJob])];
}

/** The more certain of two report certainties; undefined means certain. */
function moreCertain(a: Certainty | undefined, b: Certainty | undefined): Certainty | undefined {
  if (a === undefined || b === undefined) return undefined;
  return mostCertain([a, b]);
}

/** Where a report points, for grouping: a node's key (or value when it has none), or the location's start. */
function placeOf(at: ReportTarget): string {
  const start = at instanceof YNode ? at.anchorSpan.start : at.start;
  return `${at.file}:${start.line}:${start.column}`;
}

/**
 * Collects reports by message id and the place they point at, then `flush()` reports each once,
 * with the report's own related locations first and then `relatedOf(subject, at)` for each subject
 * that reached it, in the order they were added.
 */
export class ReportsByLocation<M extends Record<string, MessageSpec>, S> {
  private readonly groups = new Map<string, Group<S>>();

  constructor(
    private readonly ctx: RuleContext<M>,
    private readonly relatedOf: (subject: S, at: ReportTarget) => RelatedTarget[],
  ) {}

  add<K extends keyof M & string>(subject: S, descriptor: ReportDescriptor<M, K>): void {
    const id = `${descriptor.messageId}@${placeOf(descriptor.at)}`;
    const group = this.groups.get(id);
    if (group) {
      if (!group.subjects.includes(subject)) group.subjects.push(subject);
      group.certainty = moreCertain(group.certainty, descriptor.certainty);
      group.tokenFrom = joinTokenFrom(group.tokenFrom, descriptor.tokenFrom);
      return;
    }
    const own = descriptor.related ?? [];
    this.groups.set(id, {
      at: descriptor.at,
      subjects: [subject],
      certainty: descriptor.certainty,
      tokenFrom: descriptor.tokenFrom,
      emit: (related, certainty, tokenFrom) => {
        const report: ReportDescriptor<M, K> = { ...descriptor, related: [...own, ...related] };
        if (certainty === undefined) delete report.certainty;
        else report.certainty = certainty;
        if (tokenFrom === undefined) delete report.tokenFrom;
        else report.tokenFrom = tokenFrom;
        this.ctx.report(report);
      },
    });
  }

  flush(): void {
    for (const group of this.groups.values()) {
      group.emit(group.subjects.flatMap((subject) => this.relatedOf(subject, group.at)), group.certainty, group.tokenFrom);
    }
    this.groups.clear();
  }
}
