// `node test/bench/trace-summary.mjs FILE [--top=N] [--within=name]`: a trace written by `npm run bench -- --trace=dir`,
// summed by thread: where its time went (V8's sampling profiler, by function, self time) and the garbage collector's
// pauses. Each event-log worker is a thread of its own ("DedicatedWorker thread"). --within=readEventsCsv keeps, on
// each thread, the samples from the first to the last one with that function on the stack, and says how long that
// span was: a part's wall time against the thread's own time in it.
import { readFileSync } from 'node:fs';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
const top = Number(/--top=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 15);
const within = /--within=(\S+)/.exec(process.argv.join(' '))?.[1];
if (!file) {
  console.error('usage: node test/bench/trace-summary.mjs FILE [--top=N]');
  process.exit(1);
}
const trace = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(trace) ? trace : trace.traceEvents;

const threadName = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);

// A profile's samples arrive in chunks tied to it by id; the Profile event names the thread sampled.
const profiles = new Map();
for (const e of events) {
  if (e.name === 'Profile') {
    profiles.set(`${e.pid}:${e.id}`, { thread: `${e.pid}:${e.tid}`, start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
  }
}
for (const e of events) {
  if (e.name !== 'ProfileChunk') continue;
  const profile = profiles.get(`${e.pid}:${e.id}`);
  const data = e.args.data;
  if (!profile || !data) continue;
  for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
  profile.samples.push(...(data.cpuProfile?.samples ?? []));
  profile.deltas.push(...(data.timeDeltas ?? []));
}

/** Garbage collection pauses on each thread, in ms (the outermost GC events only). */
const gc = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !/^(MajorGC|MinorGC|V8\.GC_MARK_COMPACTOR|V8\.GC_SCAVENGER|V8\.GC_MC_BACKGROUND.*)$/.test(e.name)) continue;
  if (!['MajorGC', 'MinorGC'].includes(e.name)) continue;
  const key = `${e.pid}:${e.tid}`;
  const entry = gc.get(key) ?? { major: 0, minor: 0, count: 0 };
  entry[e.name === 'MajorGC' ? 'major' : 'minor'] += (e.dur ?? 0) / 1000;
  entry.count += 1;
  gc.set(key, entry);
}

const fmt = (ms) => ms.toFixed(0).padStart(7);
/** Whether a function of that name is on the stack of the node (or is the node). */
function onStack(profile, id, name) {
  for (let node = profile.nodes.get(id); node; node = profile.nodes.get(node.parent)) {
    if (node.callFrame.functionName === name) return true;
  }
  return false;
}

for (const profile of profiles.values()) {
  if (profile.samples.length === 0) continue;
  // Parents are given as children lists: link each node to its parent.
  for (const node of profile.nodes.values()) for (const child of node.children ?? []) profile.nodes.get(child).parent = node.id;
  let from = 0;
  let to = profile.samples.length - 1;
  if (within) {
    const hits = profile.samples.map((id, i) => (onStack(profile, id, within) ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 0) continue;
    from = hits[0];
    to = hits[hits.length - 1];
    const span = profile.deltas.slice(from + 1, to + 1).reduce((a, b) => a + b, 0) / 1000;
    console.log(`\n${threadName.get(profile.thread) ?? profile.thread}: ${within} spans ${span.toFixed(0)} ms of wall time`);
  }
  const self = new Map();
  let total = 0;
  let idle = 0;
  // timeDeltas[i] is the time from sample i-1 to sample i: charge it to sample i's node.
  for (let i = from; i <= to; i++) {
    const node = profile.nodes.get(profile.samples[i]);
    const ms = (profile.deltas[i] ?? 0) / 1000;
    const frame = node?.callFrame ?? { functionName: '?' };
    const name = frame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += ms;
      continue;
    }
    const where = frame.url ? ` ${frame.url.split('/').pop()}:${(frame.lineNumber ?? 0) + 1}` : '';
    const key = `${name}${where}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  }
  const g = gc.get(profile.thread);
  console.log(
    `\n${threadName.get(profile.thread) ?? profile.thread} (${profile.thread}): ${fmt(total)} ms sampled busy, ${fmt(idle)} ms idle` +
      (g ? `; GC pauses: major ${g.major.toFixed(0)} ms, minor ${g.minor.toFixed(0)} ms (${g.count})` : ''),
  );
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${fmt(ms)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}
