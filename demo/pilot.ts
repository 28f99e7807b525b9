// The pilot with no IT support: the team drops the files it has, sees what is missing and what that hides, which
// rows could not be read, and gets the dashboard computed in this browser (createEventLogAdapter, no back end).
// Every text goes through Lit bindings: file contents and names are never parsed as HTML.
import { html, nothing, render } from 'lit';
import { resolveLocale, sniffCsvEncoding, todayInZone, type EventLogProgress, type StrideLocale } from '@stride/core';
import '../packages/elements/src/bundle.js';
import '../packages/elements/src/indicators/indicators.js';
import '../packages/elements/src/leaderboard/leaderboard.js';
import '../packages/elements/src/funnel/funnel.js';
import '../packages/elements/src/coverage-map/coverage-map.js';
import {
  PILOT_FILES,
  detectFileKind,
  missingFileNotices,
  pilotTemplates,
  preparePilot,
  type PilotFileKind,
  type PilotFiles,
  type PilotSetup,
} from './pilot-files.js';

const TEXT = {
  'zh-CN': {
    title: '试点数据导入（无需后台）',
    intro:
      '把手头的文件拖到下面（或点击选择）。商机事件文件是必需的；花名册、网格、目标和工作日历可选，缺少时看板照常显示，只是少一些内容。文件只在本浏览器中读取和计算，不会上传。',
    drop: '把 CSV / GeoJSON 文件拖到这里，或',
    pick: '选择文件',
    file: '文件',
    status: '状态',
    template: '模板',
    loaded: '已载入：{name}',
    notGiven: '未提供',
    download: '下载 {name}',
    missingTitle: '缺少的文件及影响',
    problemsTitle: '以下 {count} 处无法读取，已跳过（按文件和行号）：',
    unknownFile: '无法识别的文件：{name}（请检查表头）',
    dashboardTitle: '营销过程看板（本地计算）',
    waiting: '请先提供商机事件文件 events.csv。',
    language: 'English',
    more: '……另有 {count} 处',
    reading: '正在读取文件：{done} / {total}',
    readingStream: '正在读取文件：已读 {done}',
    parsing: '正在解析 {events} 条事件……',
    indexing: '正在计算指标（{events} 条事件）……',
    cancel: '取消',
    cancelled: '已取消读取。重新选择文件即可再试。',
    progressLabel: '文件读取进度',
  },
  en: {
    title: 'Pilot data (no back end needed)',
    intro:
      'Drop the files you have below (or pick them). The lead-event file is required; roster, grids, targets and working calendar are optional: without them the dashboard still works and shows less. Files are read and computed in this browser only, never uploaded.',
    drop: 'Drop CSV / GeoJSON files here, or',
    pick: 'choose files',
    file: 'File',
    status: 'Status',
    template: 'Template',
    loaded: 'Loaded: {name}',
    notGiven: 'Not given',
    download: 'Download {name}',
    missingTitle: 'Missing files and what they hide',
    problemsTitle: '{count} problems could not be read and were skipped (by file and line):',
    unknownFile: 'Unrecognised file: {name} (check its header row)',
    dashboardTitle: 'Performance dashboard (computed locally)',
    waiting: 'Give the lead-event file events.csv first.',
    language: '中文',
    more: '… and {count} more',
    reading: 'Reading files: {done} of {total}',
    readingStream: 'Reading files: {done} read',
    parsing: 'Parsing {events} events…',
    indexing: 'Computing the indicators ({events} events)…',
    cancel: 'Cancel',
    cancelled: 'Reading was cancelled. Choose the files again to retry.',
    progressLabel: 'File reading progress',
  },
} as const;

type TextKey = keyof (typeof TEXT)['en'];
const SHOWN_PROBLEMS = 50;

const root = document.getElementById('pilot-app');
if (!root) throw new Error('pilot.html: #pilot-app is missing');

let lang: StrideLocale = resolveLocale(document.documentElement.lang);
const files: PilotFiles = {};
const names: Partial<Record<PilotFileKind, string>> = {};
let unknown: string[] = [];
let setup: PilotSetup | undefined;
/** While the adapter's worker reads the files: its last progress and the way to cancel it. */
let loading: { progress: EventLogProgress | undefined; cancel: AbortController } | undefined;
let cancelled = false;
let dragOver = false;
const workerUrl = new URL('../packages/core/src/adapters/event-log.worker.ts', import.meta.url);

function t(key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

// Excel on Chinese Windows saves CSV as GB18030 unless told otherwise; UTF-8 (with or without BOM) is tried first.
/** The first line of a file, enough to tell which file it is, decoded as the adapter will decode the whole. */
async function headerOf(file: File): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  const { encoding, bom } = sniffCsvEncoding(head);
  return new TextDecoder(encoding).decode(head.subarray(bom)).split(/\r?\n/, 1)[0] ?? '';
}

async function addFiles(dropped: Iterable<File>): Promise<void> {
  unknown = [];
  for (const file of dropped) {
    const kind = detectFileKind(file.name, await headerOf(file));
    if (!kind) {
      unknown.push(file.name);
      continue;
    }
    files[kind] = file;
    names[kind] = file.name;
  }
  await rebuild();
}

let rebuilds = 0;

async function rebuild(): Promise<void> {
  rebuilds += 1;
  const generation = rebuilds;
  loading?.cancel.abort();
  cancelled = false;
  const cancel = new AbortController();
  loading = files.events ? { progress: undefined, cancel } : undefined;
  update();
  const onProgress = (progress: EventLogProgress) => {
    if (generation !== rebuilds || !loading) return;
    loading.progress = progress;
    update();
  };
  const next = files.events
    ? await preparePilot(files, { lang, workerUrl, onProgress, signal: cancel.signal })
    : undefined;
  if (generation !== rebuilds) {
    if (next?.ok) next.adapter.dispose();
    return;
  }
  loading = undefined;
  if (setup?.ok) setup.adapter.dispose();
  setup = cancel.signal.aborted ? undefined : next;
  update();
}

function cancelLoading(): void {
  loading?.cancel.abort(new DOMException(t('cancelled'), 'AbortError'));
  cancelled = true;
}

/** Bytes as a person reads them: 12.3 MB. */
function size(bytes: number): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / 1_000_000,
  );
}

function progressText(p: EventLogProgress | undefined): string {
  const events = new Intl.NumberFormat(lang).format(p?.events ?? 0);
  if (p?.phase === 'parsing') return t('parsing', { events });
  if (p?.phase === 'indexing' || p?.phase === 'ready') return t('indexing', { events });
  if (p?.totalBytes) return t('reading', { done: size(p.bytes), total: size(p.totalBytes) });
  return t('readingStream', { done: size(p?.bytes ?? 0) });
}

function renderLoading() {
  if (cancelled) return html`<p class="notice" role="status">${t('cancelled')}</p>`;
  if (!loading) return nothing;
  const p = loading.progress;
  const text = progressText(p);
  // Reading is most of the wait; parsing and indexing show as a full bar with their own words.
  const share = p?.phase === 'reading' && p.totalBytes ? p.bytes / p.totalBytes : p ? 1 : 0;
  return html`<div class="loading" role="status">
    <progress max="1" .value=${share} aria-label=${t('progressLabel')}></progress>
    <span>${text}</span>
    <button type="button" @click=${cancelLoading}>${t('cancel')}</button>
  </div>`;
}

function download(kind: PilotFileKind): void {
  const template = pilotTemplates().find((candidate) => candidate.kind === kind);
  if (!template) return;
  // A BOM so Excel shows the Chinese names; the adapter's CSV reader skips it.
  const body = template.mime === 'text/csv' ? `\uFEFF${template.text}` : template.text;
  const url = URL.createObjectURL(new Blob([body], { type: `${template.mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = template.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function onDrop(event: DragEvent): void {
  event.preventDefault();
  dragOver = false;
  void addFiles(event.dataTransfer?.files ?? []);
}

function setDragOver(event: DragEvent, over: boolean): void {
  event.preventDefault();
  if (dragOver !== over) {
    dragOver = over;
    update();
  }
}

function toggleLanguage(): void {
  lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  document.documentElement.lang = lang;
  void rebuild();
}

function renderProblems() {
  const problems = [
    ...unknown.map((name) => t('unknownFile', { name })),
    ...(setup?.ok ? setup.problems.map((problem) => problem[lang]) : setup ? [setup.error] : []),
  ];
  if (problems.length === 0) return nothing;
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  return html`<div class="notice" role="alert">
    ${t('problemsTitle', { count: problems.length })}
    <ul class="problems">
      ${shown.map((problem) => html`<li>${problem}</li>`)}
      ${problems.length > shown.length ? html`<li>${t('more', { count: problems.length - shown.length })}</li>` : nothing}
    </ul>
  </div>`;
}

function renderDashboard() {
  if (!setup?.ok) return html`<p>${t('waiting')}</p>`;
  const today = todayInZone();
  // A pilot that has ended has nothing "today": open on its last day instead.
  const date = setup.lastEventDate && setup.lastEventDate < today ? setup.lastEventDate : undefined;
  return html`<stride-dashboard dashboard-id="pilot" org=${setup.rootOrg} lang=${lang} date=${date ?? nothing} .adapter=${setup.adapter}></stride-dashboard>`;
}

function update(): void {
  const notices = missingFileNotices(files, lang);
  render(
    html`
      <section class="panel">
        <h2>${t('title')} <button class="lang-switch" type="button" @click=${toggleLanguage}>${t('language')}</button></h2>
        <div class="body">
          <p>${t('intro')}</p>
          <div
            class="drop ${dragOver ? 'over' : ''}"
            @dragover=${(e: DragEvent) => setDragOver(e, true)}
            @dragleave=${(e: DragEvent) => setDragOver(e, false)}
            @drop=${onDrop}
          >
            ${t('drop')}
            <input
              type="file"
              multiple
              aria-label=${t('pick')}
              accept=".csv,.json,.geojson,text/csv,application/json"
              @change=${(e: Event) => void addFiles((e.target as HTMLInputElement).files ?? [])}
            />
          </div>
          <table class="files">
            <thead><tr><th>${t('file')}</th><th>${t('status')}</th><th>${t('template')}</th></tr></thead>
            <tbody>
              ${PILOT_FILES.map((spec) => {
                const name = names[spec.kind];
                return html`<tr>
                  <td>${spec.label[lang]} <code>${spec.fileName}</code></td>
                  <td class=${name ? 'ok' : spec.required ? 'required' : 'missing'}>${name ? t('loaded', { name }) : t('notGiven')}</td>
                  <td><button type="button" @click=${() => download(spec.kind)}>${t('download', { name: spec.fileName })}</button></td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </section>
      ${
        notices.length > 0
          ? html`<section class="panel">
            <h2>${t('missingTitle')}</h2>
            <div class="body">
              <ul>
                ${notices.map((notice) => html`<li class=${notice.severity === 'required' ? 'required' : 'missing'}>${notice.message}</li>`)}
              </ul>
            </div>
          </section>`
          : nothing
      }
      ${renderLoading()} ${renderProblems()}
      <section class="panel">
        <h2>${t('dashboardTitle')}</h2>
        <div class="body">${renderDashboard()}</div>
      </section>
    `,
    root!,
  );
}

update();
