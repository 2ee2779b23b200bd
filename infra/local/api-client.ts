// A small client for the netra API as tests and benchmarks call it: the region key, and JSON bodies.
export type ApiRequest = (path: string, init?: RequestInit & { key?: string | null; json?: unknown }) => Promise<Response>;

export function apiClient(baseUrl: string, defaultKey: string | null): ApiRequest {
  return (path, init = {}) => {
    const { key = defaultKey, json, headers, ...rest } = init;
    return fetch(`${baseUrl}${path}`, {
      ...rest,
      headers: {
        ...(key ? { 'x-api-key': key } : {}),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(headers as Record<string, string>),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
}
