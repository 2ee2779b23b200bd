// The public REST API: one Lambda per route, the region-key authorizer, per-region throttling through a usage
// plan, access logs without secrets, and API Gateway's own errors as application/problem+json.
import { Duration, Lazy, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat, ApiKeySourceType, AuthorizationType, CfnStage, DomainName, EndpointType, IdentitySource, LambdaIntegration,
  LogGroupLogDestination, MethodLoggingLevel, RequestAuthorizer, ResponseType, RestApi, SecurityPolicy, type Method,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUTHORIZER_UNAVAILABLE } from '../../functions/lib/problem.ts';
import type { NetraFunction } from './netra-function.ts';
import { bilingual, joined } from '../../functions/domain/messages.ts';
import { UNAUTHORIZED, unsupportedMediaType } from '../../functions/lib/problem.ts';

/** The stage name, the first segment of the execute-api URL's path. */
export const STAGE_NAME = 'prod';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  auth: boolean;
  /** A national bodies' route: metered in their own plan. */
  national?: boolean;
  operationId: string;
}

export interface NetraApiProps {
  stackName: string;
  authorizer: NetraFunction;
  regionThrottle: { rateLimit: number; burstLimit: number };
  apiThrottle: { rateLimit: number; burstLimit: number };
  /** Each public route's own limit (every caller together), below the regions' plans: a flood on tracking or
   *  decision pages is turned away at the gateway before it reaches Lambda or DynamoDB. */
  publicThrottle: { rateLimit: number; burstLimit: number };
  logRetentionDays: number;
  manageApiGatewayAccount: boolean;
  customDomain?: { domainName: string; certificateArn: string } | undefined;
}

// API Gateway's own answers (no route, missing key, throttled, too large...) in the handlers' problem+json shape.
const GATEWAY_PROBLEMS: Array<{ type: ResponseType; status: number; slug: string; title: string; detail: string; retryAfterSeconds?: number }> = [
  { type: ResponseType.UNAUTHORIZED, status: 401, slug: 'unauthorized', title: 'Unauthorized', detail: joined(UNAUTHORIZED) },
  { type: ResponseType.ACCESS_DENIED, status: 403, slug: 'forbidden', title: 'Forbidden', detail: bilingual('Kunci ini tidak boleh memanggil sumber ini', 'This key may not call this resource') },
  { type: ResponseType.INVALID_API_KEY, status: 403, slug: 'forbidden', title: 'Forbidden', detail: bilingual('Wilayah kunci ini belum diaktifkan untuk API; minta operator menjalankan perintah admin', "This key's region is not enabled for the API yet; ask the operator to run the admin command") },
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: 404, slug: 'not-found', title: 'Not Found', detail: bilingual('Sumber atau metode ini tidak ada', 'No such resource or method') },
  { type: ResponseType.RESOURCE_NOT_FOUND, status: 404, slug: 'not-found', title: 'Not Found', detail: bilingual('Sumber ini tidak ada', 'No such resource') },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, slug: 'invalid-input', title: 'Invalid input', detail: bilingual('Parameter wajib permintaan tidak dikirim', 'A required request parameter is missing') },
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, slug: 'invalid-input', title: 'Invalid input', detail: bilingual('Isi permintaan tidak valid', 'The request body is invalid') },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, slug: 'payload-too-large', title: 'Payload Too Large', detail: bilingual('Permintaan lebih besar daripada yang diterima API ini', 'The request is larger than this API accepts') },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: 415, slug: 'unsupported-media-type', title: 'Unsupported Media Type', detail: joined(unsupportedMediaType('application/json')) },
  { type: ResponseType.THROTTLED, status: 429, slug: 'too-many-requests', title: 'Too Many Requests', detail: bilingual('Wilayah ini melewati batas laju permintaannya; coba lagi dengan jeda', 'This region is over its request rate; retry with backoff') },
  { type: ResponseType.QUOTA_EXCEEDED, status: 429, slug: 'too-many-requests', title: 'Too Many Requests', detail: bilingual('Kuota permintaan wilayah ini sudah habis', "This region's request quota is used up") },
  { type: ResponseType.INTEGRATION_TIMEOUT, status: 504, slug: 'unavailable', title: 'Gateway Timeout', detail: bilingual('netra tidak menjawab tepat waktu; coba lagi sebentar lagi', 'netra did not answer in time; retry shortly') },
  { type: ResponseType.INTEGRATION_FAILURE, status: 502, slug: 'unavailable', title: 'Bad Gateway', detail: bilingual('netra tidak dapat menjawab; coba lagi sebentar lagi', 'netra could not answer; retry shortly') },
  // The authorizer threw (its key store unreachable) or timed out: the same 503 the local server answers.
  { type: ResponseType.AUTHORIZER_FAILURE, ...AUTHORIZER_UNAVAILABLE },
  { type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR, ...AUTHORIZER_UNAVAILABLE },
  { type: ResponseType.DEFAULT_4XX, status: 0, slug: 'error', title: 'Request rejected', detail: bilingual('API Gateway menolak permintaan ini', 'API Gateway rejected the request') },
  { type: ResponseType.DEFAULT_5XX, status: 0, slug: 'internal', title: 'Server error', detail: bilingual('API Gateway tidak dapat memproses permintaan ini; coba lagi sebentar lagi', 'API Gateway could not process the request; retry shortly') },
];

/** The problem+json body of a gateway response; the request id lets an operator find the access-log line. */
export function gatewayProblemTemplate(p: { status: number; slug: string; title: string; detail: string }): string {
  const fields = [
    `"type":"https://netra.id/problems/${p.slug}"`,
    `"title":"${p.title}"`,
    // The DEFAULT_* responses keep API Gateway's own status, which a template cannot read.
    ...(p.status ? [`"status":${p.status}`] : []),
    `"detail":"${p.detail}"`,
    `"requestId":"$context.requestId"`,
  ];
  return `{${fields.join(',')}}`;
}

// One JSON line per request. No API key (nor the usage key), no query string (decision links carry their
// signature there), no bodies: the resource template, not the concrete path.
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  resource: '$context.resourcePath',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  regionId: '$context.authorizer.regionId',
  keyId: '$context.authorizer.keyId',
  error: '$context.error.message',
  errorType: '$context.error.responseType',
  traceId: '$context.xrayTraceId',
};

/** The national bodies' rate: two callers, a few pushes and reads a minute; a follow-up read costs more than a
 *  region's call (every region's item), so it is kept low and apart from the regions' plan. */
export const NATIONAL_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const;

export class NetraApi extends Construct {
  readonly api: RestApi;
  readonly usagePlan: UsagePlan;
  /** The national bodies' own plan (BKN, Bawaslu RI): their keys are metered apart from every region's. */
  readonly nationalUsagePlan: UsagePlan;
  private readonly nationalMethods: Method[] = [];
  readonly accessLogs: LogGroup;
  readonly methods = new Map<string, Method>();
  readonly domain?: DomainName;
  private readonly authorizer: RequestAuthorizer;
  private readonly publicThrottle: { rateLimit: number; burstLimit: number };
  private readonly publicMethodSettings: CfnStage.MethodSettingProperty[] = [];

  constructor(scope: Construct, id: string, props: NetraApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetentionDays, removalPolicy: RemovalPolicy.RETAIN });

    this.api = new RestApi(this, 'Api', {
      restApiName: `${props.stackName}-api`,
      description: 'netra: ASN neutrality reports, ceremonies and sanction decisions',
      endpointTypes: [EndpointType.REGIONAL],
      // Throttling by region: the authorizer names the usage-plan key of the caller's region.
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
      minCompressionSize: Size.kibibytes(1),
      // API Gateway logs to CloudWatch only through an account-wide role; an account that already has one
      // (another stack set it) turns this off with netra:manageApiGatewayAccount=false.
      cloudWatchRole: props.manageApiGatewayAccount,
      // Other APIs in the account log through the same role: it stays when this stack goes.
      ...(props.manageApiGatewayAccount ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      deployOptions: {
        stageName: STAGE_NAME,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        // Full request/response logging would write reporters' identities and decision notes to CloudWatch.
        dataTraceEnabled: false,
        metricsEnabled: false,
        // The ceiling for the whole API, over every region and the public pages.
        throttlingRateLimit: props.apiThrottle.rateLimit,
        throttlingBurstLimit: props.apiThrottle.burstLimit,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Public routes get a method setting each as addRoute meets them (see there); the stage-wide one stays first.
    this.publicThrottle = props.publicThrottle;
    const stage = this.api.deploymentStage.node.defaultChild as CfnStage;
    const stageWide = stage.methodSettings as CfnStage.MethodSettingProperty[];
    stage.methodSettings = Lazy.any({ produce: () => [...stageWide, ...this.publicMethodSettings] });

    // RestApi adds an unnamed endpoint output; the stack outputs the same URL as ApiUrl.
    this.api.node.tryRemoveChild('Endpoint');

    this.authorizer = new RequestAuthorizer(this, 'RegionKeyAuthorizer', {
      authorizerName: 'region-key',
      handler: props.authorizer,
      identitySources: [IdentitySource.header('x-api-key')],
      // A revoked key stops working within this time; a short cache still spares most lookups.
      resultsCacheTtl: Duration.seconds(60),
    });

    this.usagePlan = this.api.addUsagePlan('RegionPlan', {
      name: `${props.stackName}-regions`,
      description: 'One API key per region (netra-usage-region-<id>): each region gets this rate, so none can starve the others.',
      throttle: props.regionThrottle,
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });

    this.nationalUsagePlan = this.api.addUsagePlan('NationalPlan', {
      name: `${props.stackName}-national`,
      description: 'The national bodies (netra-usage-national-BKN, netra-usage-national-BAWASLU_RI): their own rate on /v1/national/..., apart from the regions\' plan.',
      throttle: NATIONAL_THROTTLE,
    });

    for (const p of GATEWAY_PROBLEMS) {
      this.api.addGatewayResponse(`Problem${p.type.responseType}`, {
        type: p.type,
        ...(p.status ? { statusCode: String(p.status) } : {}),
        responseHeaders: {
          'Content-Type': "'application/problem+json'",
          'Cache-Control': "'no-store'",
          'X-Content-Type-Options': "'nosniff'",
          ...(p.retryAfterSeconds ? { 'Retry-After': `'${p.retryAfterSeconds}'` } : {}),
        },
        templates: { 'application/json': gatewayProblemTemplate(p) },
      });
    }

    if (props.manageApiGatewayAccount) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: "The account-wide role API Gateway logs through; AWS's managed policy is the documented one and allows CloudWatch Logs writes only.",
      });
    }

    if (props.customDomain) {
      this.domain = this.api.addDomainName('Domain', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
    }

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG3',
        reason: 'No WAF: a web ACL and a rate-based rule cost a fixed $6 a month even when idle; the region-key authorizer, per-region usage-plan throttling, the public routes\' own method throttles and the stage-wide rate limit bound abuse.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason: "Requests are validated by each handler's zod schemas, which answer 400 application/problem+json naming every failing field (SPEC); an API Gateway model could not name them in that shape.",
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'Callers are regional government systems holding a per-region API key (checked by the Lambda authorizer) and approvers holding signed, expiring decision links; there are no end-user accounts for a Cognito user pool.',
      },
    );
  }

  /** The API's URL built from the API id, not the stage: functions can hold it without a dependency cycle. */
  get executeApiUrl(): string {
    const stack = Stack.of(this);
    return `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${STAGE_NAME}`;
  }

  /** Puts the stage in the national plan with each national route's own throttle; called once every route is added. */
  closeNationalPlan(): void {
    this.nationalUsagePlan.addApiStage({
      api: this.api,
      stage: this.api.deploymentStage,
      throttle: this.nationalMethods.map((method) => ({ method, throttle: NATIONAL_THROTTLE })),
    });
  }

  /** Adds one route; authenticated routes go through the authorizer and are metered by the region's usage key. */
  addRoute(name: string, route: RouteSpec, fn: NetraFunction): Method {
    const resource = this.api.root.resourceForPath(route.path);
    const method = resource.addMethod(route.method, new LambdaIntegration(fn, { allowTestInvoke: false }), {
      operationName: route.operationId,
      ...(route.auth
        ? { authorizer: this.authorizer, authorizationType: AuthorizationType.CUSTOM, apiKeyRequired: true }
        : { authorizationType: AuthorizationType.NONE, apiKeyRequired: false }),
    });
    if (!route.auth) {
      // A method setting overrides the stage-wide one for this method: logging stays as it is there.
      this.publicMethodSettings.push({
        httpMethod: route.method,
        // CloudFormation's spelling of a resource path: every / after the first is ~1.
        resourcePath: `/${route.path.replace(/\//g, '~1')}`,
        throttlingRateLimit: this.publicThrottle.rateLimit,
        throttlingBurstLimit: this.publicThrottle.burstLimit,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: false,
      });
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design (SPEC: health, the API document, receipt tracking, the guidance catalogue, and decision pages protected by their signed link).`,
      });
    }
    if (route.national) this.nationalMethods.push(method);
    this.methods.set(name, method);
    return method;
  }
}
