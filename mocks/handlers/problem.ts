import { HttpResponse } from 'msw';
import type { Problem } from '../../packages/core/src/contracts.js';

const REASON: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** An application/problem+json response (RFC 9457), as the REST contract returns every error. */
export function problemResponse(status: number, detail: string, errors?: Problem['errors']): HttpResponse<string> {
  const problem: Problem = { type: 'about:blank', title: REASON[status] ?? 'Error', status, detail };
  if (errors) problem.errors = errors;
  return new HttpResponse(JSON.stringify(problem), {
    status,
    statusText: problem.title,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** `/api` and `https://x/api/` alike, so handlers and the http adapter agree on where `/v1` starts. */
export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
