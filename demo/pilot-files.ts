/**
 * The pilot page's logic, kept free of the DOM so it can be tested: which dropped file is which, what a missing
 * optional file hides (in the pilot team's words, zh-CN and en), the templates to download, and the event-log
 * adapter built from whatever files the team has.
 */
import {
  createEventLogAdapter,
  csvRowProblemText,
  type CsvInput,
  type EventLogAdapter,
  type EventLogProgress,
  type EventLogReport,
  type StrideLocale,
} from '@stride/core';
import { calendarToCsv, eventsToCsv, generatePilot, orgTreeToCsv, targetsToCsv } from '../mocks/pilot/index.js';

export type PilotFileKind = 'events' | 'roster' | 'grids' | 'targets' | 'calendar';

export interface PilotFileSpec {
  kind: PilotFileKind;
  /** The name the template downloads as and messages use. */
  fileName: string;
  required: boolean;
  mime: string;
  label: Record<StrideLocale, string>;
}

export const PILOT_FILES: readonly PilotFileSpec[] = [
  {
    kind: 'events',
    fileName: 'events.csv',
    required: true,
    mime: 'text/csv',
    label: { 'zh-CN': '商机事件（必需）', en: 'Lead events (required)' },
  },
  {
    kind: 'roster',
    fileName: 'roster.csv',
    required: false,
    mime: 'text/csv',
    label: { 'zh-CN': '机构与人员花名册', en: 'Roster (orgs and managers)' },
  },
  {
    kind: 'grids',
    fileName: 'grids.geojson',
    required: false,
    mime: 'application/geo+json',
    label: { 'zh-CN': '网格边界（GeoJSON）', en: 'Grid polygons (GeoJSON)' },
  },
  {
    kind: 'targets',
    fileName: 'targets.csv',
    required: false,
    mime: 'text/csv',
    label: { 'zh-CN': '目标', en: 'Targets' },
  },
  {
    kind: 'calendar',
    fileName: 'calendar.csv',
    required: false,
    mime: 'text/csv',
    label: { 'zh-CN': '工作日历（节假日与调休）', en: 'Working calendar (holidays, make-up days)' },
  },
];

/**
 * The files the team dropped, by kind: as the page has them (a File is a Blob), or as text. The adapter's worker
 * reads them in chunks, whatever their encoding, so the page never holds a large file as a string.
 */
export type PilotFiles = Partial<Record<PilotFileKind, Blob | string>>;

/** A file of nothing but white space counts as not given. */
function given(file: Blob | string | undefined): file is Blob | string {
  if (file === undefined) return false;
  return typeof file === 'string' ? file.trim() !== '' : file.size > 0;
}

/**
 * Which file this is: by its header row first (teams rename exports freely: 导出数据(1).csv), then by its name.
 * GeoJSON is recognised by its `FeatureCollection`.
 */
export function detectFileKind(name: string, text: string): PilotFileKind | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{'))
    return /"FeatureCollection"/.test(start) || /\.(geo)?json$/i.test(name) ? 'grids' : undefined;
  const header = new Set(
    (start.split(/\r?\n/, 1)[0] ?? '').split(',').map((column) => column.trim().replace(/^"|"$/g, '')),
  );
  if (header.has('leadId') && header.has('type')) return 'events';
  if (header.has('parentId') && header.has('level')) return 'roster';
  if (header.has('indicator') && header.has('target')) return 'targets';
  if (header.has('date') && header.has('kind')) return 'calendar';
  const lower = name.toLowerCase();
  if (/\.(geo)?json$/.test(lower)) return 'grids';
  return PILOT_FILES.find((spec) => lower.startsWith(spec.kind))?.kind;
}

export interface MissingFileNotice {
  kind: PilotFileKind;
  /** `required`: nothing can be shown without it; `hides`: the dashboard works but shows less. */
  severity: 'required' | 'hides';
  message: string;
}

const MISSING: Record<PilotFileKind, Record<StrideLocale, string>> = {
  events: {
    'zh-CN': '缺少商机事件文件 events.csv：这是必需的，没有它看板无法显示任何数据。',
    en: 'events.csv (lead events) is missing: it is required, the dashboard has nothing to show without it.',
  },
  roster: {
    'zh-CN': '未提供花名册 roster.csv：客户经理和机构将显示为编号而不是姓名，也无法按支行、团队分组查看。',
    en: 'No roster.csv: managers and orgs are shown by their ids instead of names, and there is no sub-branch or team breakdown.',
  },
  targets: {
    'zh-CN': '未提供目标 targets.csv：不显示目标完成率（%）和进度对比。',
    en: 'No targets.csv: no % of target and no pace against target.',
  },
  // The event-log engine takes each grid's households from this file too, so without it there is no coverage to
  // draw at all (not even the tile view, which needs households but no polygons).
  grids: {
    'zh-CN': '未提供网格边界 grids.geojson：网格覆盖面板为空（各网格的户数和地图都来自该文件）。',
    en: 'No grids.geojson: the grid-coverage panel stays empty (the households per grid and the map both come from this file).',
  },
  calendar: {
    'zh-CN': '未提供工作日历 calendar.csv：按周一至周五计算工作日，节假日和调休不计入。',
    en: 'No calendar.csv: Monday to Friday count as working days; holidays and make-up working days are not known.',
  },
};

/** One notice per file the team has not given, in the order of PILOT_FILES. */
export function missingFileNotices(files: PilotFiles, lang: StrideLocale): MissingFileNotice[] {
  return PILOT_FILES.filter((spec) => !given(files[spec.kind])).map((spec) => ({
    kind: spec.kind,
    severity: spec.required ? 'required' : 'hides',
    message: MISSING[spec.kind][lang],
  }));
}

export type PilotSetup =
  | {
      ok: true;
      adapter: EventLogAdapter;
      /** The org the dashboard opens on: the roster's root, or the pilot node that stands in for a missing roster. */
      rootOrg: string;
      /** The last day the events cover: the dashboard opens there, since a finished pilot has nothing today. */
      lastEventDate: string | undefined;
      /** Malformed rows and unusable parts, each naming its file and line, as the team would fix them. */
      problems: PilotProblem[];
      notices: MissingFileNotice[];
    }
  | { ok: false; error: string; notices: MissingFileNotice[] };

/**
 * A problem in both languages, so the page's language switch reads it again in the other. Row problems are said in
 * each; a message only the kit's validation writes (in English) is the same in both.
 */
export type PilotProblem = Readonly<Record<StrideLocale, string>>;

const inBoth = (text: string): PilotProblem => ({ 'zh-CN': text, en: text });

export interface PreparePilotOptions {
  lang: StrideLocale;
  /** Where the event-log worker is served. */
  workerUrl?: string | URL;
  /** Loading progress from the adapter's worker (bytes, events, phase). */
  onProgress?: (progress: EventLogProgress) => void;
  /** Cancels loading. */
  signal?: AbortSignal;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds the no-back-end adapter from the files given, once its worker has read them; never rejects (a file that
 * cannot be read becomes the error or a problem). A roster that cannot be read is reported and left out, so the
 * dashboard still shows every manager by id rather than nothing.
 */
export async function preparePilot(files: PilotFiles, options: PreparePilotOptions): Promise<PilotSetup> {
  const notices = missingFileNotices(files, options.lang);
  const events = files.events;
  if (!given(events)) return { ok: false, error: MISSING.events[options.lang], notices };

  const problems: PilotProblem[] = [];

  type Loaded = { adapter: EventLogAdapter; report: EventLogReport; error?: undefined } | { error: string };
  const load = async (roster: CsvInput | undefined): Promise<Loaded> => {
    const adapter = createEventLogAdapter({
      events,
      locale: options.lang,
      ...(roster ? { orgTree: roster } : {}),
      // read, parsed and checked in the adapter's worker: a GIS export can be 50 MB
      ...(given(files.grids) ? { grids: files.grids } : {}),
      ...(given(files.targets) ? { targets: files.targets } : {}),
      ...(given(files.calendar) ? { calendar: files.calendar } : {}),
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    try {
      return { adapter, report: await adapter.report };
    } catch (error) {
      adapter.dispose();
      return { error: messageOf(error) };
    }
  };
  let loaded = await load(given(files.roster) ? files.roster : undefined);
  if (loaded.error !== undefined && given(files.roster) && loaded.error.startsWith('roster.csv:')) {
    // A roster whose header is wrong is reported and replaced by ids, rather than blanking the whole page.
    problems.push(inBoth(loaded.error));
    loaded = await load(undefined);
  }
  // A targets or calendar file without its header columns: say which, and let the team fix that one file.
  if (loaded.error !== undefined) return { ok: false, error: loaded.error, notices };
  const { adapter, report } = loaded;
  if (report.gridsProblem) problems.push(inBoth(report.gridsProblem));
  problems.push(
    ...report.dropped.map((row) => ({ 'zh-CN': csvRowProblemText(row, 'zh-CN'), en: csvRowProblemText(row, 'en') })),
  );
  return {
    ok: true,
    adapter,
    // Open where the targets apply, so the tiles compare with a target rather than all saying there is none.
    rootOrg: report.targetOrg ?? report.rootOrg ?? 'pilot',
    lastEventDate: report.lastDate,
    problems,
    notices,
  };
}

export interface PilotTemplate {
  kind: PilotFileKind;
  fileName: string;
  mime: string;
  text: string;
}

/**
 * Filled-in examples of every file, cut from a tiny synthetic pilot (1 sub-branch, 3 managers, 4 grids, a week), so
 * the team sees real ids that match across files rather than an empty header row.
 */
export function pilotTemplates(today?: string): PilotTemplate[] {
  const pilot = generatePilot({
    seed: 8,
    days: 7,
    managers: 3,
    grids: 4,
    subbranches: 1,
    teamsPerSubbranch: 1,
    events: 40,
    ...(today ? { today } : {}),
  });
  const texts: Record<PilotFileKind, string> = {
    events: eventsToCsv(pilot.events),
    roster: orgTreeToCsv(pilot.orgTree),
    grids: JSON.stringify(pilot.grids, null, 1),
    targets: targetsToCsv(pilot.targets),
    calendar: calendarToCsv(pilot.calendar),
  };
  return PILOT_FILES.map((spec) => ({
    kind: spec.kind,
    fileName: spec.fileName,
    mime: spec.mime,
    text: texts[spec.kind],
  }));
}
