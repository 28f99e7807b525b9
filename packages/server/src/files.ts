/**
 * Loads the files a bank brings (as mocks/write-pilot.ts writes them) from one directory. Events stay on disk for
 * DuckDB to read; the small dimensions go through the kit's own CSV readers, which report bad rows by line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grids, OrgTree } from '../../core/src/contracts.js';
import {
  parseCalendarCsv,
  parseCustomersCsv,
  parseRosterCsv,
  parseSuppliedCsv,
  parseTargetsCsv,
} from '../../core/src/adapters/csv.js';
import { checkCatalogue } from '../../core/src/validation/catalogue.js';
import type { WarehouseOptions } from './warehouse.js';

function first(dir: string, names: readonly string[]): string | undefined {
  return names.map((name) => join(dir, name)).find((path) => existsSync(path));
}

export async function loadDataDirectory(dir: string): Promise<WarehouseOptions> {
  const eventsFile = first(dir, ['events.parquet', 'events.csv', 'events.json']);
  if (!eventsFile) throw new Error(`no events.parquet, events.csv or events.json in ${dir}`);
  const rosterJson = first(dir, ['roster.json']);
  const rosterCsv = first(dir, ['roster.csv']);
  let orgTree: OrgTree;
  if (rosterJson) orgTree = JSON.parse(readFileSync(rosterJson, 'utf8')) as OrgTree;
  else if (rosterCsv) orgTree = parseRosterCsv(readFileSync(rosterCsv, 'utf8')).rows;
  else throw new Error(`no roster.json or roster.csv in ${dir}`);
  const options: WarehouseOptions = { events: [], eventsFile, orgTree };
  const grids = first(dir, ['grids.geojson', 'grids.json']);
  if (grids) options.grids = JSON.parse(readFileSync(grids, 'utf8')) as Grids;
  const targets = first(dir, ['targets.csv']);
  if (targets) options.targets = parseTargetsCsv(readFileSync(targets, 'utf8')).rows;
  const calendar = first(dir, ['calendar.csv']);
  if (calendar) options.calendar = parseCalendarCsv(readFileSync(calendar, 'utf8')).calendar;
  const customers = first(dir, ['customers.csv']);
  if (customers) options.customers = parseCustomersCsv(readFileSync(customers, 'utf8')).rows;
  // supplied indicators (docs/supplied-indicators.md): the bank's daily balances and flows, and the catalogue that
  // names them; a catalogue entry that cannot be used stops the start, naming it, rather than vanish from every page
  const supplied = first(dir, ['supplied.csv']);
  if (supplied) options.supplied = parseSuppliedCsv(readFileSync(supplied, 'utf8')).rows;
  const catalogue = first(dir, ['catalogue.json']);
  if (catalogue) {
    const checked = checkCatalogue(JSON.parse(readFileSync(catalogue, 'utf8')));
    if (checked.dropped.length > 0) throw new Error(`${catalogue}: ${checked.dropped.join('; ')}`);
    options.catalogue = checked.catalogue;
  }
  return options;
}
