/**
 * Today's figures (targets, baselines, supplied figures and sparklines for every manager and team) are computed once
 * per bank day, about 2.4 s of CPU at a 10,000-manager bank, and every request of the day waits on them until they
 * exist; every team's statements then run ahead too (MetricsService.warmTeams), so the morning's first pages share
 * them. The server warms after a load and after each refresh; this warms again when a new day begins in the bank's
 * zone, so that a server whose data is not refreshed overnight does not make the first requests of the morning wait.
 */
import type { BankZone } from '../../core/src/engine/time.js';

export interface DayWarmerOptions {
  zone: BankZone;
  /** The server's clock (fixed by --now, when it is). */
  now: () => number;
  /** Computes the figures of the day `now` falls on; never rejects. */
  warm: () => Promise<void>;
  /** How often `start` looks at the clock. Default one minute. */
  everyMs?: number;
}

export interface DayWarmer {
  /** Warms now, whatever the day: after a load or a refresh, whose data changes the figures. */
  warmNow(): Promise<void>;
  /** Warms if the bank's day has changed since the last warm. */
  tick(): Promise<void>;
  /** Ticks every `everyMs` until `stop`. */
  start(): void;
  stop(): void;
}

export function createDayWarmer(options: DayWarmerOptions): DayWarmer {
  const everyMs = options.everyMs ?? 60_000;
  let warmedDay: number | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const warmer: DayWarmer = {
    warmNow() {
      warmedDay = options.zone.dayOf(options.now());
      return options.warm();
    },
    async tick() {
      if (options.zone.dayOf(options.now()) !== warmedDay) await warmer.warmNow();
    },
    start() {
      timer ??= setInterval(() => void warmer.tick(), everyMs);
      // a timer must not keep a server that is shutting down alive
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return warmer;
}
