/**
 * The browser side of `npm run bench`. A scenario names what it times and offers candidates (always one called
 * `baseline`); each candidate does the work once on a fresh mount and returns the milliseconds it measured itself.
 * The runner interleaves candidates run by run (so drift and GC hit them alike), takes medians and reports each
 * candidate's ratio to the baseline. Nothing here asserts a time.
 */
export interface Scenario<Ctx = unknown> {
  name: string;
  /** Exactly what the measured interval covers, printed beside the figures. */
  timed: string;
  runs?: number;
  /** Runs once before the first run; its result is passed to every candidate. Not timed. */
  setup?: () => Promise<Ctx> | Ctx;
  candidates: Record<string, (ctx: Ctx) => Promise<Sample> | Sample> & { baseline: (ctx: Ctx) => Promise<Sample> | Sample };
  /**
   * A goal to print beside a ratio: `{ stride: 1.2 }` means the candidate's median should be at most 1.2x the
   * baseline's; `{ stride: { of: 'contractFloor', at: 1.2 } }` measures it against another candidate of the same run.
   */
  goals?: Record<string, number | Goal>;
}

export interface Goal {
  /** The candidate the ratio is taken against. */
  of: string;
  /** The most the ratio may be. */
  at: number;
}

/**
 * What one run of a candidate measured: its milliseconds, or its milliseconds and other figures of the same run (the
 * parts of an end-to-end time, the longest main-thread task), each reported as its median and range beside the time.
 */
export type Sample = number | { ms: number; parts: Record<string, number> };

export function defineScenario<Ctx>(scenario: Scenario<Ctx>): Scenario<Ctx> {
  return scenario;
}

/** Resolves after the next frame has been painted (rAF, then a task after it). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** A task boundary without the 4 ms clamp of nested timeouts: a wait loop that polls every task measures no sleep. */
export function yieldTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A fresh container attached to the page, removed by the returned cleanup. */
export function mountPoint(width = 1200, height = 800): { host: HTMLElement; cleanup: () => void } {
  const host = document.createElement('div');
  host.style.cssText = `width:${width}px;height:${height}px;position:relative`;
  document.body.append(host);
  return { host, cleanup: () => host.remove() };
}

export interface CandidateResult {
  samples: number[];
  median: number;
  /** The side figures of each run (see Sample), by name: every run's value and their median. */
  parts?: Record<string, { samples: number[]; median: number }>;
  ratio: number | null;
  /** The goal as a ratio to `goalOf`'s median (the baseline unless named), and the ratio measured against it. */
  goal?: number;
  goalOf?: string;
  goalRatio?: number | null;
}
export interface ScenarioResult {
  name: string;
  timed: string;
  runs: number;
  candidates: Record<string, CandidateResult>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function runScenario<Ctx>(scenario: Scenario<Ctx>, runsOverride?: number): Promise<ScenarioResult> {
  const runs = runsOverride ?? scenario.runs ?? 7;
  const ctx = (await scenario.setup?.()) as Ctx;
  const names = Object.keys(scenario.candidates);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const parts: Record<string, Record<string, number[]>> = Object.fromEntries(names.map((n) => [n, {}]));
  // One warm-up round (JIT, font and module caches), not recorded.
  for (const name of names) await scenario.candidates[name]!(ctx);
  for (let run = 0; run < runs; run += 1) {
    // Rotate the order each run so no candidate always goes first.
    const order = names.map((_, i) => names[(i + run) % names.length]!);
    for (const name of order) {
      collectGarbage();
      await nextPaint();
      const sample = await scenario.candidates[name]!(ctx);
      if (typeof sample === 'number') {
        samples[name]!.push(sample);
      } else {
        samples[name]!.push(sample.ms);
        for (const [part, value] of Object.entries(sample.parts)) (parts[name]![part] ??= []).push(value);
      }
    }
  }
  const base = median(samples['baseline']!);
  const candidates: Record<string, CandidateResult> = {};
  for (const name of names) {
    const m = median(samples[name]!);
    const result: CandidateResult = { samples: samples[name]!, median: m, ratio: base > 0 ? m / base : null };
    const measured = Object.entries(parts[name]!);
    if (measured.length > 0)
      result.parts = Object.fromEntries(measured.map(([part, values]) => [part, { samples: values, median: median(values) }]));
    const goal = scenario.goals?.[name];
    if (typeof goal === 'number') {
      result.goal = goal;
      result.goalOf = 'baseline';
      result.goalRatio = result.ratio;
    } else if (goal !== undefined) {
      const against = median(samples[goal.of] ?? []);
      result.goal = goal.at;
      result.goalOf = goal.of;
      result.goalRatio = against > 0 ? m / against : null;
    }
    candidates[name] = result;
  }
  return { name: scenario.name, timed: scenario.timed, runs, candidates };
}
