// The local server's own answers a browser meets beside netra's pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

const logged: string[] = [];
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ onResponse: ({ method, path, status }) => logged.push(`${method} ${path} ${status}`) });
});
afterAll(() => api.close());

describe('GET /favicon.ico', () => {
  it('answers 204, cacheable, and is not a line on the console (every page view asks for it)', async () => {
    const response = await fetch(`${api.url}/favicon.ico`);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toContain('max-age');
    await fetch(`${api.url}/health`);
    expect(logged.some((line) => line.startsWith('GET /health'))).toBe(true);
    expect(logged.filter((line) => line.includes('favicon'))).toEqual([]);
  });
});
