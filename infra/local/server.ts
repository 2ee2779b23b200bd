// The local HTTP server: turns requests into API Gateway (REST) proxy events, runs the region-key
// authorizer and the same Lambda handlers the cloud runs, and writes their responses back.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { endpoints, routes, type RouteName } from '../../functions/http/routes.ts';
import * as authorizer from '../../functions/http/authorizer.ts';
import { AUTHORIZER_UNAVAILABLE, problem, UNAUTHORIZED, unavailable } from '../../functions/lib/problem.ts';
import { bilingual, joined, message } from '../../functions/domain/messages.ts';
import { dictionary, own } from '../../functions/domain/own.ts';
import { AUTHORIZER_TIMEOUT_SECONDS, ROUTE_TIMEOUT_SECONDS } from '../../functions/support/time-budget.ts';

type Handler = (event: any, context: Context) => Promise<any>;
/** A local-only page (the outbox): gets the request, returns a result shaped like a Lambda's. */
export type LocalRoute = (request: { method: string; path: string; headers: Record<string, string>; body: string; query: URLSearchParams }) =>
  Promise<APIGatewayProxyResult | null>;

const MAX_REQUEST_BYTES = 10 * 1024 * 1024; // API Gateway's own limit
const API_ID = 'local';
const STAGE = 'local';

/** A Lambda context whose remaining time runs down from the deployed function's timeout, so middy's early
 *  timeout answers (503) when Lambda would stop the function. */
function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-southeast-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

interface Compiled {
  name: RouteName;
  method: string;
  pattern: RegExp;
  params: string[];
  auth: boolean;
  resource: string;
}

function compile(): Compiled[] {
  return (Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][]).map(([name, route]) => {
    const params: string[] = [];
    const source = route.path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, param: string) => {
      params.push(param);
      return '([^/]+)';
    });
    return { name, method: route.method, pattern: new RegExp(`^${source}$`), params, auth: route.auth, resource: route.path };
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The problem for a request Node's parser refused before any handler saw it (its `clientError`), by the
 *  parser's code: Node would answer these with a bare status line and no body. */
export function clientProblem(code: string | undefined, allow: string): APIGatewayProxyResult {
  switch (code) {
    case 'HPE_INVALID_METHOD':
      return problem(501, 'Not Implemented', joined(message('Metode permintaan ini tidak dikenal', 'The request method is not one this server knows')), undefined, { allow });
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'Request Header Fields Too Large', joined(message('Kepala permintaan lebih dari 16 KB', 'The request head is larger than 16 KB')));
    case 'HPE_INVALID_URL':
      return problem(400, 'Invalid input', joined(message(
        'Alamat permintaan tidak valid: kodekan huruf di luar ASCII dengan persen (%XX)', 'The request target is not a valid URL: percent-encode characters outside ASCII (%XX)',
      )));
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'Request Timeout', joined(message('Permintaan tidak selesai dikirim tepat waktu', 'The request was not received in time')));
    default:
      return problem(400, 'Invalid input', joined(message('Permintaan tidak dapat dibaca sebagai HTTP/1.1', 'The request could not be read as HTTP/1.1')));
  }
}

/** Writes a whole response on a socket the HTTP server has given up on, and closes it. */
function sendRaw(socket: Duplex, result: APIGatewayProxyResult): void {
  const body = Buffer.from(result.body);
  const headers = { ...(result.headers ?? {}), 'content-length': String(body.length), connection: 'close' };
  const head = [`HTTP/1.1 ${result.statusCode} ${STATUS_CODES[result.statusCode] ?? ''}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
}

/** The request's headers as API Gateway gives them: every name its own key (Node's own `headers` drops a
 *  `__proto__` header), repeated ones joined with a comma. */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers = dictionary<string>();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  const headers = { ...(result.headers ?? {}) } as Record<string, string>;
  response.writeHead(result.statusCode, headers);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

export interface LocalServerOptions {
  port: number;
  host?: string;
  /** Wraps each handler, which the server takes from the route table (and the authorizer's module), as the stack
   *  deploys them: the benchmarks time every call. */
  wrapHandler?: (name: RouteName | 'authorizer', handler: Handler) => Handler;
  localRoutes?: LocalRoute[];
  /** Told of every answered request (the local console's request lines); the path is given without its query. */
  onResponse?: (entry: { method: string; path: string; status: number; ms: number }) => void;
}

export async function startLocalServer(options: LocalServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const compiled = compile();
  // Each route's handler from the route table, the declaration the stack deploys (not a file found by its name).
  const handlers = new Map<RouteName | 'authorizer', Handler>();
  const handlerOf = (name: RouteName | 'authorizer') => {
    if (!handlers.has(name)) {
      const handler = (name === 'authorizer' ? authorizer.handler : endpoints[name].handler) as Handler;
      handlers.set(name, options.wrapHandler ? options.wrapHandler(name, handler) : handler);
    }
    return handlers.get(name)!;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Parsed against a fixed origin so '//x' or an absolute-form target cannot change the host.
    let url: URL;
    try {
      url = new URL(`http://localhost${(request.url ?? '/').startsWith('/') ? request.url : `/${request.url}`}`);
    } catch {
      return send(response, problem(400, 'Invalid input', 'The request target is not a valid path.'));
    }
    const headers = headersOf(request);
    const raw = await readBody(request);
    if (raw === 'too-large') return send(response, problem(413, 'Payload Too Large', bilingual('Isi permintaan lebih dari 10 MB', 'The request body is larger than 10 MB')));
    const method = request.method ?? 'GET';

    for (const local of options.localRoutes ?? []) {
      const result = await local({ method, path: url.pathname, headers, body: raw.toString('utf8'), query: url.searchParams });
      if (result) return send(response, result);
    }

    const candidates = compiled.filter((route) => route.pattern.test(url.pathname));
    const route = candidates.find((candidate) => candidate.method === method);
    if (!route) {
      return send(
        response,
        candidates.length
          ? problem(405, 'Method Not Allowed', bilingual(`${method} tidak diizinkan pada ${url.pathname}`, `${method} is not allowed on ${url.pathname}`), undefined, { allow: candidates.map((c) => c.method).join(', ') })
          : problem(404, 'Not Found', bilingual(`Tidak ada rute untuk ${url.pathname}`, `No route for ${url.pathname}`)),
      );
    }
    const match = route.pattern.exec(url.pathname)!;
    let pathParameters: Record<string, string> | null = null;
    try {
      pathParameters = route.params.length
        ? Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]))
        : null;
    } catch {
      return send(response, problem(400, 'Invalid input', 'The path is not valid percent-encoding.'));
    }

    const requestId = randomUUID();
    let authorizer: Record<string, string> | null = null;
    if (route.auth) {
      const authorize = handlerOf('authorizer');
      const authEvent: APIGatewayRequestAuthorizerEvent = {
        type: 'REQUEST',
        methodArn: `arn:aws:execute-api:ap-southeast-3:000000000000:${API_ID}/${STAGE}/${method}${route.resource}`,
        resource: route.resource,
        path: url.pathname,
        httpMethod: method,
        headers,
        multiValueHeaders: {},
        pathParameters,
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        stageVariables: null,
        requestContext: {} as APIGatewayRequestAuthorizerEvent['requestContext'],
      };
      try {
        const result = await authorize(authEvent, lambdaContext('netra-authorizer', AUTHORIZER_TIMEOUT_SECONDS));
        authorizer = { ...result.context, principalId: result.principalId };
      } catch (error) {
        if ((error as Error).message === 'Unauthorized') {
          return send(response, problem(401, 'Unauthorized', joined(UNAUTHORIZED)));
        }
        // As API Gateway does: any other failure of the authorizer is its AUTHORIZER_FAILURE response.
        return send(response, unavailable(AUTHORIZER_UNAVAILABLE.detail));
      }
    }

    // Query names are the caller's: `?constructor=1` is a parameter like any other.
    const query = dictionary<string>();
    const multi = dictionary<string[]>();
    for (const [name, value] of url.searchParams) {
      query[name] = value;
      multi[name] = [...(own(multi, name) ?? []), value];
    }
    const event: APIGatewayProxyEvent = {
      resource: route.resource,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders: Object.assign(dictionary<string[]>(), Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]))),
      queryStringParameters: url.searchParams.size ? query : null,
      multiValueQueryStringParameters: url.searchParams.size ? multi : null,
      pathParameters,
      stageVariables: null,
      body: raw.length ? raw.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: API_ID,
        authorizer,
        httpMethod: method,
        identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
        path: url.pathname,
        protocol: 'HTTP/1.1',
        requestId,
        requestTimeEpoch: Date.now(),
        resourceId: route.name,
        resourcePath: route.resource,
        stage: STAGE,
      },
    };
    const handler = handlerOf(route.name);
    send(response, await handler(event, lambdaContext(`netra-${route.name}`, ROUTE_TIMEOUT_SECONDS)));
  }

  const server = createServer((request, response) => {
    // Every browser asks for it beside each page; netra has no icon, and the answer is not worth a console line.
    if (request.url === '/favicon.ico') {
      response.writeHead(204, { 'cache-control': 'public, max-age=86400' }).end();
      return;
    }
    if (options.onResponse) {
      const started = performance.now();
      response.once('finish', () => options.onResponse!({
        method: request.method ?? 'GET',
        path: (request.url ?? '/').split('?')[0]!,
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      }));
    }
    handle(request, response).catch((error) => {
      console.error('local server error', error);
      if (!response.headersSent) send(response, problem(500, 'Internal Server Error', 'The local server failed; see its log.'));
      else response.end();
    });
  });
  // Node answers what its parser refuses (an unknown method, a head over 16 KB, a raw non-ASCII byte in the
  // target) with a bare status line; these get problem+json, and the methods the routes use as Allow.
  const allow = [...new Set(compiled.map((route) => route.method))].sort().join(', ');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    sendRaw(socket, clientProblem(error.code, allow));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolveListen) => server.listen(options.port, options.host ?? '127.0.0.1', resolveListen));
  const { port } = server.address() as { port: number };
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
