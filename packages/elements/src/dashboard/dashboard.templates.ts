/**
 * The dashboard's own templates: the org breadcrumb, the filter bar, the huddle controls and the lead list shown in
 * place of a view. Pure functions of what to show and the handlers to call; the widgets' own markup is theirs.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import {
  PERIOD_KINDS,
  common,
  formatDateTime,
  isIsoDate,
  periodLabel,
  type OrgTree,
  type PeriodKind,
  type QueryActivity,
  type StrideLocale,
} from '@stride/core';
import { tagName } from '../registry.js';
import { t } from './dashboard.strings.js';
import { orgOptions, orgPath } from './dashboard.filters.js';
import type { OpenList } from './dashboard.drill.js';

export type ViewId = 'indicators' | 'alerts' | 'leaderboard' | 'funnel' | 'coverage';

/** The org path to the org shown (each step a way back up), then the manager narrowed to. */
export function renderBreadcrumb(
  tree: OrgTree,
  org: string | undefined,
  manager: string | undefined,
  lang: StrideLocale,
  onOrg: (org: string) => void,
): TemplateResult | typeof nothing {
  const path = orgPath(tree, org);
  if (path.length === 0) return nothing;
  const managerNode = manager ? tree.find((n) => n.id === manager) : undefined;
  return html`<nav aria-label=${t(lang, 'breadcrumb')} part="breadcrumb">
    <ol>
      ${path.map((node, index) => {
        const last = index === path.length - 1 && !manager;
        return html`<li>
          <button
            class="crumb"
            aria-current=${last ? 'page' : nothing}
            @click=${last ? nothing : () => onOrg(node.id)}
          >${node.name}</button>
        </li>`;
      })}
      ${
        manager
          ? html`<li><span class="crumb" aria-current="page">${t(lang, 'manager', { name: managerNode?.name ?? manager })}</span></li>`
          : nothing
      }
    </ol>
  </nav>`;
}

function renderOrgFilter(
  tree: OrgTree,
  org: string | undefined,
  lang: StrideLocale,
  onOrg: (org: string) => void,
): TemplateResult {
  const options = orgOptions(tree);
  return html`<label>
    ${t(lang, 'org')}
    <select
      class="field"
      part="org"
      ?disabled=${options.length === 0}
      @change=${(e: Event) => onOrg((e.target as HTMLSelectElement).value)}
    >
      ${options.length === 0 && org ? html`<option value=${org} selected>${org}</option>` : nothing}
      ${options.map(
        ({ node, depth }) =>
          html`<option value=${node.id} ?selected=${node.id === org}>${'\u3000'.repeat(depth)}${node.name}</option>`,
      )}
    </select>
  </label>`;
}

export interface FilterBarView {
  tree: OrgTree;
  current: { org: string | undefined; period: PeriodKind; date: string };
  today: string;
  lang: StrideLocale;
  timeZone: string;
  /** The answers on screen: their newest asOf ('' before any), when they last arrived (ms, 0 before any), refreshes. */
  activity: QueryActivity;
  /** The share action. */
  share: unknown;
}

export interface FilterBarHandlers {
  onOrg: (org: string) => void;
  onPeriod: (period: PeriodKind) => void;
  onDate: (date: string) => void;
  onShiftDate: (days: number) => void;
}

/** Org, period and date (with the day before and after), the as-of and refresh state, and the share action. */
export function renderFilterBar(view: FilterBarView, handlers: FilterBarHandlers): TemplateResult {
  const { current, lang, timeZone, activity } = view;
  return html`<div class="bar" role="group" aria-label=${t(lang, 'filters')}>
    ${renderOrgFilter(view.tree, current.org, lang, handlers.onOrg)}
    <label>
      ${t(lang, 'period')}
      <select
        class="field"
        part="period"
        .value=${current.period}
        @change=${(e: Event) => handlers.onPeriod((e.target as HTMLSelectElement).value as PeriodKind)}
      >
        ${PERIOD_KINDS.map((p) => html`<option value=${p} ?selected=${p === current.period}>${periodLabel(lang, p)}</option>`)}
      </select>
    </label>
    <label>
      ${t(lang, 'date')}
      <span class="date-row">
        <button class="button" part="previous-day" aria-label=${t(lang, 'previousDay')} @click=${() => handlers.onShiftDate(-1)}>‹</button>
        <input
          type="date"
          class="field"
          part="date"
          .value=${current.date}
          max=${view.today}
          @change=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value;
            if (isIsoDate(value)) handlers.onDate(value);
          }}
        />
        <button
          class="button"
          part="next-day"
          aria-label=${t(lang, 'nextDay')}
          ?disabled=${current.date >= view.today}
          @click=${() => handlers.onShiftDate(1)}
        >›</button>
      </span>
    </label>
    <div class="toolbar status" part="status" role="status">
      ${activity.asOf ? html`<span>${common(lang, 'asOf', { time: formatDateTime(activity.asOf, lang, timeZone) })}</span>` : nothing}
      ${
        activity.updatedAt
          ? html`<span>${common(lang, 'updatedAt', { time: formatDateTime(activity.updatedAt, lang, timeZone) })}</span>`
          : html`<span>${t(lang, 'notLoaded')}</span>`
      }
      ${activity.fetching > 0 ? html`<span>${common(lang, 'refreshing')}</span>` : nothing}
    </div>
    <div class="toolbar">${view.share}</div>
  </div>`;
}

/** The wall screen's controls: a button per view, the rotation's pause, and why it stands still under reduced motion. */
export function renderHuddleControls(
  views: readonly { id: ViewId }[],
  state: { activeView: number; paused: boolean; heldByMotionPreference: boolean },
  lang: StrideLocale,
  handlers: { onView: (index: number) => void; onPause: () => void },
): TemplateResult {
  return html`<div class="toolbar" part="huddle-controls">
    <div class="views" role="group" aria-label=${t(lang, 'views')}>
      ${views.map(
        (view, index) => html`<button
          class="button"
          aria-pressed=${index === state.activeView}
          @click=${() => handlers.onView(index)}
        >${t(lang, `view_${view.id}`)}</button>`,
      )}
    </div>
    <button class="button" part="pause" aria-pressed=${state.paused} @click=${handlers.onPause}>
      ${t(lang, state.paused ? 'resumeRotation' : 'pauseRotation')}
    </button>
    ${state.heldByMotionPreference ? html`<span>${t(lang, 'rotationReduced')}</span>` : nothing}
  </div>`;
}

/** The rows behind the count activated, under a breadcrumb back to the view (Escape goes back too). */
export function renderLeadsView(
  list: OpenList,
  title: string,
  context: { lang: StrideLocale; mode: string | undefined },
  onBack: () => void,
): TemplateResult {
  const { lang } = context;
  const leads = unsafeStatic(tagName('stride-leads'));
  const { org, manager, period, date } = list.scope;
  return html`<div class="leads" part="leads-view" role="region" aria-label=${title} @keydown=${(e: KeyboardEvent) => {
    if (e.key === 'Escape') onBack();
  }}>
    <nav aria-label=${t(lang, 'leadsPath')} part="leads-breadcrumb">
      <ol>
        <li><button class="crumb" part="leads-back" @click=${onBack}>${list.view ? t(lang, `view_${list.view as ViewId}`) : t(lang, 'backToDashboard')}</button></li>
        <li><span class="crumb" aria-current="page">${title}</span></li>
      </ol>
    </nav>
    ${staticHtml`<${leads} .filter=${list.filter} org=${org} manager=${manager ?? nothing} period=${period} date=${date} mode=${context.mode ?? nothing}></${leads}>`}
  </div>`;
}
