/**
 * The results a scheduled or previewed digest covers, fetched for one org and date from whatever computes them:
 * the reference back end's SQL metrics or the TypeScript engine over the synthetic pilot.
 */
import type {
  AlertsQuery,
  AlertsResult,
  CoverageQuery,
  CoverageResult,
  FunnelQuery,
  FunnelResult,
  IndicatorsQuery,
  IndicatorsResult,
  IsoDate,
  LeaderboardQuery,
  LeaderboardResult,
  OrgTree,
  PeriodKind,
} from '../../../core/src/contracts.js';
import type { DigestInput } from '../../../core/src/digest/index.js';

type MaybePromise<T> = T | Promise<T>;

/** The five results' methods, as the metrics service and the engine both have them. */
export interface DigestSource {
  indicators(q: IndicatorsQuery): MaybePromise<IndicatorsResult>;
  leaderboard(q: LeaderboardQuery): MaybePromise<LeaderboardResult>;
  funnel(q: FunnelQuery): MaybePromise<FunnelResult>;
  coverage(q: CoverageQuery): MaybePromise<CoverageResult>;
  alerts(q: AlertsQuery): MaybePromise<AlertsResult>;
}

export interface DigestScope {
  org: string;
  date: IsoDate;
  /** Default `month`: month to date, with pace against the month's targets. */
  period?: PeriodKind;
}

/** What the dashboard shows: indicators and the managers' points board for the period, coverage since the pilot began. */
export async function collectDigestInput(source: DigestSource, at: DigestScope): Promise<DigestInput> {
  const scope = { org: at.org, period: at.period ?? 'month', date: at.date };
  const [indicators, leaderboard, funnel, coverage, alerts] = await Promise.all([
    source.indicators({ scope }),
    source.leaderboard({ scope, board: 'managers', metric: 'points' }),
    source.funnel({ scope }),
    source.coverage({ scope: { ...scope, period: 'pilot' } }),
    source.alerts({ scope, rows: 'managers' }),
  ]);
  return { indicators, leaderboard, funnel, coverage, alerts };
}

/** The org's name for the title; the tree's root when no org is given. */
export function digestOrg(tree: OrgTree, org?: string): { id: string; name: string } {
  const node = org === undefined ? tree.find((n) => n.parentId === null) : tree.find((n) => n.id === org);
  if (!node) throw new Error(org === undefined ? 'the org tree has no root' : `unknown org "${org}"`);
  return { id: node.id, name: node.name };
}
