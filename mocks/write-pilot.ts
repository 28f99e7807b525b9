/**
 * Writes the synthetic pilot as the files a bank brings to a pilot with no back end:
 *
 *   npx tsx mocks/write-pilot.ts [--out mocks/out] [--managers N --grids N --events N --seed S]
 *                                [--today YYYY-MM-DD --days N --subbranches N --teams N]
 *
 * events.csv, customers.csv, roster.csv, roster.json, grids.geojson, targets.csv, calendar.csv, supplied.csv (daily
 * deposit balance and AUM per manager) and catalogue.json (the indicators with those two) (mocks/out is git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  calendarToCsv,
  customersToCsv,
  eventsToCsv,
  generatePilot,
  orgTreeToCsv,
  PILOT_CATALOGUE,
  suppliedToCsv,
  targetsToCsv,
  type PilotOptions,
} from './pilot/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'mocks/out' },
    seed: { type: 'string' },
    today: { type: 'string' },
    days: { type: 'string' },
    managers: { type: 'string' },
    grids: { type: 'string' },
    events: { type: 'string' },
    subbranches: { type: 'string' },
    teams: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'usage: npx tsx mocks/write-pilot.ts [--out DIR] [--seed S] [--today YYYY-MM-DD] [--days N] [--managers N] [--grids N] [--events N] [--subbranches N] [--teams N]',
  );
  process.exit(0);
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value)) {
    console.error(`--${name} must be an integer, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const options: PilotOptions = {};
const seed = integer('seed', values.seed);
const days = integer('days', values.days);
const managers = integer('managers', values.managers);
const grids = integer('grids', values.grids);
const events = integer('events', values.events);
const subbranches = integer('subbranches', values.subbranches);
const teams = integer('teams', values.teams);
if (seed !== undefined) options.seed = seed;
if (values.today !== undefined) options.today = values.today;
if (days !== undefined) options.days = days;
if (managers !== undefined) options.managers = managers;
if (grids !== undefined) options.grids = grids;
if (events !== undefined) options.events = events;
if (subbranches !== undefined) options.subbranches = subbranches;
if (teams !== undefined) options.teamsPerSubbranch = teams;

const started = performance.now();
const pilot = generatePilot(options);
const generated = performance.now();

const out = values.out ?? 'mocks/out';
mkdirSync(out, { recursive: true });
const files: [string, string][] = [
  ['events.csv', eventsToCsv(pilot.events)],
  ['customers.csv', customersToCsv(pilot.customers)],
  ['roster.csv', orgTreeToCsv(pilot.orgTree)],
  ['roster.json', `${JSON.stringify(pilot.orgTree, null, 2)}\n`],
  ['grids.geojson', `${JSON.stringify(pilot.grids)}\n`],
  ['targets.csv', targetsToCsv(pilot.targets)],
  ['calendar.csv', calendarToCsv(pilot.calendar)],
  ['supplied.csv', suppliedToCsv(pilot.supplied)],
  ['catalogue.json', `${JSON.stringify(PILOT_CATALOGUE, null, 2)}\n`],
];
for (const [name, text] of files) writeFileSync(join(out, name), text, 'utf8');

const managerCount = pilot.orgTree.filter((n) => n.level === 'manager').length;
console.log(
  `pilot ${pilot.pilot.start}..${pilot.pilot.end} (${pilot.timeZone}): ${managerCount} managers, ${pilot.grids.features.length} grids, ` +
    `${pilot.events.length} events, ${pilot.targets.length} targets; generated in ${Math.round(generated - started)} ms, ` +
    `written to ${out} in ${Math.round(performance.now() - generated)} ms`,
);
