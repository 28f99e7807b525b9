/**
 * Supplied indicators of the synthetic pilot (DESIGN "Supplied indicators"; docs/supplied-indicators.md): each
 * manager's end-of-day deposit balance and AUM (assets under management) from 100 days before the pilot to today,
 * as a bank's daily balance table holds them, and month and pilot targets for both. Balances drift up slowly before
 * the pilot and faster during it; a quarter's last day carries the usual month-end push (冲时点) that is gone the next
 * morning; weekends and holidays keep Friday's balance.
 */
import type { IndicatorDefinition, SuppliedDaily, Target } from '../../packages/core/src/contracts.js';
import { DEFAULT_CATALOGUE } from '../../packages/core/src/contracts.js';
import { Random } from './random.js';
import { isoDate } from './time.js';

/** The pilot's two supplied balances, both CNY. */
export const SUPPLIED_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'deposits',
    unit: 'amount',
    measure: 'balance',
    label: { 'zh-CN': '存款余额', en: 'Deposit balance' },
    counting: {
      'zh-CN': '管户客户截至当日日终的存款余额合计（行内日终余额表提供）；进度从期初余额算起。',
      en: "Customers' deposits at the end of the latest day, from the bank's daily balance table; pace runs from the opening balance.",
    },
  },
  {
    id: 'aum',
    unit: 'amount',
    measure: 'balance',
    label: { 'zh-CN': '管户AUM', en: 'AUM' },
    counting: {
      'zh-CN': '管户客户截至当日日终的金融资产（存款、理财、基金、保险）合计；进度从期初余额算起。',
      en: "Customers' financial assets (deposits, wealth products, funds, insurance) at the end of the latest day; pace runs from the opening balance.",
    },
  },
];

/** The ten event indicators, then the supplied balances: the catalogue the demo and the parity matrix use. */
export const PILOT_CATALOGUE: readonly IndicatorDefinition[] = [...DEFAULT_CATALOGUE, ...SUPPLIED_INDICATORS];

/** Days of balance history before the pilot's first day: the previous month's same point and opening exist. */
const HISTORY_DAYS = 100;

export interface PilotBalancesInput {
  managerIds: readonly string[];
  /** Target orgs above the managers (branch, sub-branches, teams) with the managers under each. */
  orgs: readonly { id: string; managerIds: readonly string[] }[];
  firstDay: number;
  lastDay: number;
  isWorkingDay: (day: number) => boolean;
  random: Random;
}

const fen = (value: number): number => Math.round(value * 100) / 100;
/** Targets are set in round 万. */
const wan = (value: number): number => Math.round(value / 10_000) * 10_000;

function isQuarterEnd(day: number): boolean {
  const date = new Date((day + 1) * 86_400_000);
  return date.getUTCDate() === 1 && date.getUTCMonth() % 3 === 0;
}

export function pilotBalances(input: PilotBalancesInput): { supplied: SuppliedDaily[]; targets: Target[] } {
  const { managerIds, firstDay, lastDay, random } = input;
  const from = firstDay - HISTORY_DAYS;
  const supplied: SuppliedDaily[] = [];
  // balances by indicator, manager and day offset from `from`
  const series = new Map<string, number[][]>();
  for (const indicator of ['deposits', 'aum'] as const) series.set(indicator, []);
  managerIds.forEach((managerId, m) => {
    // a book of 3,000万 to 1.2亿 of deposits; AUM 1.6 to 3 times that
    const deposits0 = 30_000_000 + random.next() * 90_000_000;
    const aum0 = deposits0 * (1.6 + random.next() * 1.4);
    const skill = 0.5 + random.next();
    for (const [indicator, start] of [
      ['deposits', deposits0],
      ['aum', aum0],
    ] as const) {
      const values: number[] = [];
      let level = start;
      for (let day = from; day <= lastDay; day++) {
        if (input.isWorkingDay(day)) {
          // before the pilot about 0.5% a month; during it, 1.5-4% a month by the manager's skill
          const growth = day < firstDay ? 0.00025 : 0.0007 * skill + 0.0004;
          level *= 1 + growth + (random.next() - 0.5) * 0.006;
        }
        // the push to the quarter's last day is gone the next morning
        const shown = isQuarterEnd(day) ? level * 1.025 : level;
        values.push(fen(shown));
        supplied.push({ date: isoDate(day), managerId, indicator, value: fen(shown) });
      }
      series.get(indicator)![m] = values;
    }
  });

  // Month targets from each month's opening (the balance the day before it starts): +2.5% deposits, +3.5% AUM; the
  // pilot's from its opening: +5% and +7%. An org's target is its managers' sum.
  const lift: Readonly<Record<string, { month: number; pilot: number }>> = {
    deposits: { month: 1.025, pilot: 1.05 },
    aum: { month: 1.035, pilot: 1.07 },
  };
  const periods: { kind: 'month' | 'pilot'; start: number }[] = [{ kind: 'pilot', start: firstDay }];
  for (let day = firstDay; day <= lastDay; day++) {
    if (day === firstDay || new Date(day * 86_400_000).getUTCDate() === 1) {
      const date = new Date(day * 86_400_000);
      periods.push({ kind: 'month', start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000 });
    }
  }
  const targets: Target[] = [];
  const index = new Map(managerIds.map((id, m) => [id, m]));
  for (const [indicator, values] of series) {
    for (const period of periods) {
      const opening = (m: number): number => values[m]![period.start - 1 - from] ?? 0;
      const own = managerIds.map((_, m) => wan(opening(m) * lift[indicator]![period.kind]));
      const row = (org: string, target: number): Target => ({
        org,
        indicator,
        period: period.kind,
        start: isoDate(period.start),
        target,
      });
      managerIds.forEach((id, m) => targets.push(row(id, own[m]!)));
      for (const org of input.orgs) {
        targets.push(
          row(
            org.id,
            org.managerIds.reduce((sum, id) => sum + (own[index.get(id) ?? -1] ?? 0), 0),
          ),
        );
      }
    }
  }
  return { supplied, targets };
}
