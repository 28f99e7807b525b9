/**
 * The one chart controller: owns an ECharts instance inside a shadow root for the life of its host.
 * ECharts does not watch its container, so the controller owns a ResizeObserver and defers resize() to an animation
 * frame (a resize inside the observer callback loops). The instance is disposed on disconnect and re-created on
 * reconnect, so an unmounted widget leaves no instance, observer or frame behind.
 *
 * ECharts itself is passed in by the widget through `load`, a dynamic import of only what that widget draws, so a
 * page with only indicators and a leaderboard never loads it, and the ESM bundle splits it into its own chunk.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { TOKEN_NAMES, type ThemeTokens } from '@stride/core';

export interface EChartsRuntime {
  init(
    dom: HTMLElement,
    theme?: string | object | null,
    opts?: { renderer?: 'canvas' | 'svg'; locale?: string },
  ): EChartsType;
}

export interface ChartControllerOptions {
  /** Resolves ECharts with the chart types and components this widget registered. Called once per controller. */
  load: () => Promise<EChartsRuntime>;
  /** The element the chart draws into (inside the host's shadow root); null while not rendered. */
  container: () => HTMLElement | null;
  renderer?: 'canvas' | 'svg';
}

/** What the kit's chart handlers read from an ECharts event: the item's name and its index in the series' data. */
export interface ChartEventParams {
  name?: unknown;
  dataIndex?: number;
}

export class ChartController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: ChartControllerOptions;
  private runtime: EChartsRuntime | undefined;
  private loading: Promise<EChartsRuntime> | undefined;
  private instance: EChartsType | undefined;
  private observed: HTMLElement | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private frame = 0;
  private drawnSize = '';
  private lastOption: EChartsCoreOption | undefined;
  private pendingOption: EChartsCoreOption | undefined;
  private connected = false;
  /** ECharts could not be created on this page (Trusted Types without the allowance). */
  private refused = false;
  /** Counts setOption calls that reached ECharts: a refresh with unchanged data must not redraw. */
  drawCount = 0;
  /** Counts resize() calls that reached ECharts: the first ResizeObserver report, at the drawn size, must not. */
  resizeCount = 0;
  private drawWaiters: (() => void)[] = [];
  private readonly handlers: { name: string; listener: (params: unknown) => void }[] = [];

  constructor(host: ReactiveControllerHost & HTMLElement, options: ChartControllerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  get chart(): EChartsType | undefined {
    return this.instance;
  }

  hostConnected(): void {
    this.connected = true;
  }

  /**
   * Binds `handler` to the ECharts event `name` (`click`, `georoam`, ...) on the chart now and on every chart this
   * controller creates later: the instance is disposed on disconnect and when its container is re-rendered.
   */
  on(name: string, handler: (params: ChartEventParams) => void): void {
    // ECharts types its events' parameters as unknown; the kit's handlers read only the fields they name.
    const listener = (params: unknown): void => handler(params as ChartEventParams);
    this.handlers.push({ name, listener });
    this.instance?.on(name, listener);
  }

  hostUpdated(): void {
    // The container may have been re-rendered (state change); follow it.
    const container = this.options.container();
    if (this.instance && container !== this.observed) this.teardown();
    if (this.pendingOption && container) this.apply(this.pendingOption);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.teardown();
  }

  /**
   * Draw `option`. The same option object as last time is a no-op: option builders are pure and memoised on their
   * inputs, so an unchanged refresh hands back the same object and ECharts does no work.
   */
  setOption(option: EChartsCoreOption): void {
    if (option === this.lastOption && this.instance) return;
    this.pendingOption = option;
    if (this.options.container()) this.apply(option);
  }

  /**
   * Resolves as soon as the next option has reached ECharts, which draws it synchronously (for tests and the bench:
   * the same end point as a raw `setOption` call, with no polling delay).
   */
  nextDraw(): Promise<void> {
    return new Promise((resolve) => this.drawWaiters.push(resolve));
  }

  /** Resolves once ECharts is loaded (for tests and the bench). */
  async ready(): Promise<void> {
    await this.ensureRuntime();
  }

  private ensureRuntime(): Promise<EChartsRuntime> {
    this.loading ??= this.options.load().then((runtime) => {
      this.runtime = runtime;
      return runtime;
    });
    return this.loading;
  }

  private apply(option: EChartsCoreOption): void {
    if (!this.runtime) {
      void this.ensureRuntime().then(() => {
        if (this.connected && this.pendingOption) this.apply(this.pendingOption);
      });
      return;
    }
    const container = this.options.container();
    if (!container || !this.connected) return;
    if (!this.instance) {
      if (this.refused) return;
      // ECharts empties its container (zrender sets innerHTML = ''): a container holding Lit-rendered content (a
      // skeleton) would lose Lit's part markers and break the host's next render. Only an empty element is a chart.
      if (container.hasChildNodes()) return;
      try {
        this.instance = this.runtime.init(container, null, { renderer: this.options.renderer ?? 'canvas' });
      } catch (error) {
        // A page enforcing Trusted Types without an allowance refuses ECharts' `innerHTML = ''`. Thrown from here it
        // would escape the host's update (and skip its other controllers); say once why, keep the rest of the widget
        // (numbers, table view) working, and do not try again on every update.
        this.refused = true;
        console.error(
          'Stride: the chart could not be created; on a page enforcing Trusted Types call allowEChartsUnderTrustedTypes() (see the README).',
          error,
        );
        return;
      }
      for (const { name, listener } of this.handlers) this.instance.on(name, listener);
      this.observed = container;
      this.drawnSize = `${container.clientWidth}x${container.clientHeight}`;
      this.resizeObserver = new ResizeObserver(() => this.scheduleResize());
      this.resizeObserver.observe(container);
    }
    this.pendingOption = undefined;
    this.lastOption = option;
    this.drawCount += 1;
    this.instance.setOption(option, { notMerge: true, lazyUpdate: false });
    for (const resolve of this.drawWaiters.splice(0)) resolve();
  }

  private scheduleResize(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // A ResizeObserver always reports once right after observe(), and ECharts' resize() lays out and redraws every
      // element even at an unchanged size (slow for a map of thousands of grids): only a real change of size redraws.
      const size = this.observed ? `${this.observed.clientWidth}x${this.observed.clientHeight}` : '';
      if (!this.instance || size === this.drawnSize) return;
      this.drawnSize = size;
      this.resizeCount += 1;
      this.instance.resize();
    });
  }

  private teardown(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    if (this.instance && !this.instance.isDisposed()) this.instance.dispose();
    this.instance = undefined;
    this.observed = undefined;
    // Re-draw the last option when the host comes back.
    if (this.lastOption) this.pendingOption = this.lastOption;
    this.lastOption = undefined;
  }
}

/** The theme as the element sees it: host overrides of `--stride-*` included, so charts follow the page's tokens. */
export function readThemeTokens(element: Element): ThemeTokens {
  const style = getComputedStyle(element);
  const tokens = {} as ThemeTokens;
  for (const name of TOKEN_NAMES) tokens[name] = style.getPropertyValue(`--s-${name}`).trim();
  return tokens;
}
