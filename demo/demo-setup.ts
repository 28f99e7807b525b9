// Shared by the demo pages: where the numbers come from (the reference back end that `npm start` serves at /api, or
// with `?mock=1` msw in the browser), and the portal's session.
import { setupWorker } from 'msw/browser';
import { createPilotHandlers } from '../mocks/handlers.js';

/** The signed-in manager of the pretend portal session. */
export const PORTAL_ME = 'm-001';

export async function startMockBackEnd(): Promise<void> {
  const worker = setupWorker(...createPilotHandlers({ baseUrl: '/api' }));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
}

/** Where the demo's numbers come from, in the words the page shows. */
export interface DataSource {
  baseUrl: string;
  note: string;
  ok: boolean;
}

/**
 * The reference back end at /api (same origin, as a portal deploys it) unless the page asks for `?mock=1`. Checks the
 * back end answers, so a page opened without it says how to start it instead of showing only errors.
 */
export async function connectDataSource(): Promise<DataSource> {
  if (new URLSearchParams(location.search).has('mock')) {
    await startMockBackEnd();
    return {
      baseUrl: '/api',
      ok: true,
      note: '演示数据：合成的试点，由浏览器内的模拟服务（msw）按 REST 契约提供（?mock=1）。',
    };
  }
  const response = await fetch('/api/v1/org-tree').catch(() => undefined);
  if (!response?.ok) {
    return {
      baseUrl: '/api',
      ok: false,
      note: '参考后端没有响应（/api）：请用 npm start 启动演示（它同时启动后端），或在地址后加 ?mock=1 使用浏览器内的模拟服务。',
    };
  }
  const tree = (await response.json()) as unknown[];
  return {
    baseUrl: '/api',
    ok: true,
    note: `演示数据：合成的试点（${tree.length.toLocaleString('zh-CN')} 个机构与人员，截至今天），由参考后端（packages/server：DuckDB 上的指标 SQL）在同一地址 /api 按 REST 契约实时计算。`,
  };
}
