/**
 * A React 19 host page component, as a portal team would write it: properties (adapter, queryClient) go to the
 * custom element as properties (React 19 sets a prop as a property when the element has it), `onstride-*` props
 * become listeners for Stride's events, and the host re-renders the element with its own state. Bundled with esbuild
 * by test/support/host-bundles.mjs, since React ships CommonJS only; it imports no Stride code, only the tag.
 */
import { createElement, useState, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { HeardScopeChange, HeardSelect, HostOptions, MountHost } from './host-contract.js';

interface PortalProps extends HostOptions {
  key?: string;
}

function Portal(props: PortalProps): ReactElement {
  const [heard, setHeard] = useState<string[]>([]);
  const hear = (line: string) => setHeard((previous) => [...previous, line]);
  return createElement(
    'div',
    { className: 'react-portal' },
    createElement('stride-dashboard', {
      org: props.org,
      lang: 'en',
      refresh: props.refresh,
      adapter: props.adapter,
      queryClient: props.queryClient,
      'onstride-select': (event: HeardSelect) => hear(`select:${event.detail.kind}:${event.detail.id}`),
      'onstride-scope-change': (event: HeardScopeChange) =>
        hear(`scope:${event.detail.scope.org}:${event.detail.scope.period}`),
    }),
    createElement(
      'ul',
      { className: 'host-log' },
      ...heard.map((line, index) => createElement('li', { key: String(index) }, line)),
    ),
  );
}

export const mountReactHost: MountHost = (container, options) => {
  const root = createRoot(container);
  const render = (org: string) => flushSync(() => root.render(createElement(Portal, { ...options, org })));
  render(options.org);
  return {
    showOrg: render,
    unmount: () => root.unmount(),
  };
};
