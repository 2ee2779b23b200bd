// netra's errors as a typed exception: the problem+json body (RFC 9457) with the failing fields.

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export class NetraProblem extends Error {
  override name = 'NetraProblem';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** The failing fields of a 400, by path (`employee.nip`, `risks.2.level`). */
  readonly errors: { path: string; message: string }[];
  /** Seconds to wait before trying again, from Retry-After (429 and 503). */
  readonly retryAfter: number | undefined;

  constructor(body: ProblemBody, retryAfter?: number) {
    super(`${body.status} ${body.title}: ${body.detail}`);
    this.status = body.status;
    this.type = body.type;
    this.title = body.title;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
    this.retryAfter = retryAfter;
  }
}

function isProblem(value: unknown): value is ProblemBody {
  return typeof value === 'object' && value !== null && typeof (value as ProblemBody).status === 'number' && typeof (value as ProblemBody).title === 'string';
}

/** The data of an openapi-fetch result, or a NetraProblem for its error. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error === undefined && result.response.ok) return result.data as T;
  const seconds = Number(result.response.headers.get('retry-after'));
  const body = isProblem(result.error)
    ? result.error
    : { type: 'about:blank', title: result.response.statusText || 'Error', status: result.response.status, detail: String(result.error ?? '') };
  throw new NetraProblem(body, Number.isFinite(seconds) && seconds > 0 ? seconds : undefined);
}
