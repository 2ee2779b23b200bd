// The sanction workflow's ASL, as one template: each decision step (its request, two waits, reminder,
// deadline and route) is one call of decisionStep(); `npm run workflow:generate` writes workflows/sanction.asl.json.
type State = Record<string, unknown>;

/** Outcome → next state, in the order the Choice tests them. */
type Routes = readonly (readonly [outcome: string, next: string])[];

interface DecisionStep {
  /** State-name prefix (`Opd`, `Bkpp`, `Ppk`, `Appeal`). */
  prefix: string;
  /** The workflow step code the functions receive (`OPD_REVIEW`, ...). */
  step: string;
  /** Who is e-mailed, and what a repeated request does (the request's Comment). */
  whom: string;
  /** What the deadline does (the DeadlinePassed Comment). */
  deadline: string;
  /** Where a decision from either wait goes: the step's own route, or straight on when every answer closes it. */
  afterDecision?: string;
  routeComment?: string;
  routes: Routes;
  /** More of the execution's input the request needs (the objection's appeal id). */
  requestInput?: State;
}

const LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

/** Transient faults of a Lambda step: at least 30 minutes of backoff before the Catch. */
function lambdaRetry(taskErrors: readonly string[] = ['States.TaskFailed', 'States.Timeout']): State[] {
  return [
    { ErrorEquals: LAMBDA_ERRORS, IntervalSeconds: 2, MaxAttempts: 13, BackoffRate: 2, MaxDelaySeconds: 300, JitterStrategy: 'NONE' },
    { ErrorEquals: [...taskErrors], IntervalSeconds: 5, MaxAttempts: 12, BackoffRate: 2, MaxDelaySeconds: 300, JitterStrategy: 'NONE' },
  ];
}

/** Notices: WebhookRefused is permanent, everything else is retried for hours with jitter. */
const NOTICE_RETRY: State[] = [
  { ErrorEquals: ['WebhookRefused'], MaxAttempts: 0 },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 30, MaxAttempts: 8, BackoffRate: 2, MaxDelaySeconds: 3600, JitterStrategy: 'FULL' },
];

const catchAll = (resultPath: string | null, next: string): State[] => [{ ErrorEquals: ['States.ALL'], ResultPath: resultPath, Next: next }];
const toStepFailure = catchAll('$.failure', 'RecordStepFailure');

const invoke = (fn: string, payload: unknown): State => ({
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: `\${${fn}FunctionArn}`, ...(typeof payload === 'string' ? { 'Payload.$': payload } : { Payload: payload }) },
});

const report = { 'regionId.$': '$.regionId', 'reportId.$': '$.reportId' };

function decisionStep(d: DecisionStep): Record<string, State> {
  const p = d.prefix;
  const decided = d.afterDecision ?? `${p}Route`;
  const wait = (comment: string, until: string, timeoutPath: string, extra: State, onTimeout: string, continues: boolean): State => ({
    Type: 'Task',
    Comment: comment,
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: '${AwaitDecisionFunctionArn}',
      Payload: { 'taskToken.$': '$$.Task.Token', ...report, step: d.step, 'decisionKey.$': '$.request.decisionKey', 'until.$': until, ...extra },
    },
    TimeoutSecondsPath: timeoutPath,
    ResultSelector: { 'outcome.$': '$.outcome' },
    ResultPath: '$.decision',
    Retry: [...(continues ? [{ ErrorEquals: ['ContinueInNewExecution'], MaxAttempts: 0 }] : []), ...lambdaRetry(['States.TaskFailed'])],
    Catch: [
      ...(continues ? [{ ErrorEquals: ['ContinueInNewExecution'], ResultPath: null, Next: 'ContinueInNewExecution' }] : []),
      { ErrorEquals: ['States.Timeout'], ResultPath: null, Next: onTimeout },
      ...toStepFailure,
    ],
    Next: decided,
  });
  return {
    [`${p}RequestDecision`]: {
      Type: 'Task',
      Comment: `Moves the report to ${d.step}'s status and e-mails ${d.whom} Answers continue=true instead when this execution is near Step Functions' limits.`,
      ...invoke('RequestDecision', { ...report, step: d.step, 'executionName.$': '$$.Execution.Name', 'executionStartedAt.$': '$$.Execution.StartTime', ...d.requestInput }),
      ResultSelector: {
        'decisionKey.$': '$.Payload.decisionKey',
        'remindAt.$': '$.Payload.remindAt',
        'remindSeconds.$': '$.Payload.remindSeconds',
        'deadlineAt.$': '$.Payload.deadlineAt',
        'continue.$': '$.Payload.continue',
      },
      ResultPath: '$.request',
      TimeoutSeconds: 330,
      Retry: lambdaRetry(),
      Next: `${p}AwaitDecision`,
      Catch: toStepFailure,
    },
    [`${p}AwaitDecision`]: wait(
      "Waits for the decision until the reminder is due; the function only stores this task's token on the decision record.",
      '$.request.remindAt', '$.request.remindSeconds', { 'continue.$': '$.request.continue' }, `${p}SendReminder`, true,
    ),
    [`${p}SendReminder`]: {
      Type: 'Task',
      Comment: 'E-mails the same link again, once (not again in the silent wait after the last escalation).',
      ...invoke('SendReminder', { ...report, step: d.step, 'decisionKey.$': '$.request.decisionKey', 'deadlineAt.$': '$.request.deadlineAt' }),
      ResultSelector: { 'deadlineSeconds.$': '$.Payload.deadlineSeconds' },
      ResultPath: '$.reminder',
      TimeoutSeconds: 330,
      Retry: lambdaRetry(),
      Next: `${p}AwaitDecisionAfterReminder`,
      Catch: toStepFailure,
    },
    [`${p}AwaitDecisionAfterReminder`]: wait(
      "Waits for the decision until the step's deadline.",
      '$.request.deadlineAt', '$.reminder.deadlineSeconds', {}, `${p}DeadlinePassed`, false,
    ),
    [`${p}DeadlinePassed`]: {
      Type: 'Task',
      Comment: d.deadline,
      ...invoke('DecisionDeadline', { ...report, step: d.step, 'decisionKey.$': '$.request.decisionKey' }),
      ResultSelector: { 'outcome.$': '$.Payload.outcome' },
      ResultPath: '$.decision',
      TimeoutSeconds: 330,
      Retry: lambdaRetry(),
      Next: `${p}Route`,
      Catch: toStepFailure,
    },
    [`${p}Route`]: {
      Type: 'Choice',
      ...(d.routeComment ? { Comment: d.routeComment } : {}),
      Choices: d.routes.map(([outcome, next]) => ({ Variable: '$.decision.outcome', StringEquals: outcome, Next: next })),
      Default: 'UnexpectedOutcome',
    },
  };
}

const ESCALATION = (whom: string) =>
  `At the deadline the Sekda (or the PPK) is e-mailed and ${whom} gets a fresh link for another period (outcome ESCALATED), at most maxEscalations times; after the last one the report is marked overdue and the wait goes on silently (outcome OVERDUE). If the approver decided in the last moment, it answers that decision instead.`;
const REUSES_SILENTLY = "one decision link; a retried or repeated request reuses the step's pending link (after the last escalation: silently).";

const STEPS: DecisionStep[] = [
  {
    prefix: 'Opd',
    step: 'OPD_REVIEW',
    whom: "the head of the employee's OPD one decision link; a retried or repeated request reuses the step's pending link.",
    deadline: 'At the OPD deadline the report goes on to BKPP with the note that the OPD head did not answer (outcome TIMED_OUT). If the approver decided in the last moment, it answers that decision instead.',
    routes: [['FORWARD', 'BkppRequestDecision'], ['TIMED_OUT', 'BkppRequestDecision'], ['DISMISS', 'NotifyBawaslu']],
  },
  {
    prefix: 'Bkpp',
    step: 'BKPP_ASSESSMENT',
    whom: `BKPP ${REUSES_SILENTLY}`,
    deadline: ESCALATION('BKPP'),
    routes: [['RECOMMEND', 'PpkRequestDecision'], ['DISMISS', 'NotifyBawaslu'], ['ESCALATED', 'BkppRequestDecision'], ['OVERDUE', 'BkppRequestDecision']],
  },
  {
    prefix: 'Ppk',
    step: 'PPK_DECISION',
    whom: `the PPK ${REUSES_SILENTLY}`,
    deadline: ESCALATION('the PPK'),
    afterDecision: 'NotifyBawaslu',
    routeComment: "After the PPK's deadline: ESCALATED or OVERDUE asks again; IMPOSE or DISMISS is a decision that came in as the deadline passed. A PPK's answer itself goes from the wait straight to NotifyBawaslu (it can only be IMPOSE or DISMISS, and both close the report, recorded before the callback).",
    routes: [['IMPOSE', 'NotifyBawaslu'], ['DISMISS', 'NotifyBawaslu'], ['ESCALATED', 'PpkRequestDecision'], ['OVERDUE', 'PpkRequestDecision']],
  },
  {
    prefix: 'Appeal',
    step: 'APPEAL',
    whom: "the PPK one decision link on the employee's objection (its own execution, input appealId; ADR 0303), valid until decideBy and long after; a retried or repeated request reuses the pending link (after decideBy: silently).",
    deadline: "At decideBy (21 working days) the timeline and Bawaslu are told the employee may go to PTUN (once) and the same link stays live: the wait goes on silently (outcome OVERDUE); once the link itself expired, the execution ends (LAPSED). If the PPK decided in the last moment, it answers that decision instead.",
    afterDecision: 'AppealNotifyBawaslu',
    routeComment: "After decideBy: OVERDUE waits on with the same link, LAPSED ends; a decision that came in as the deadline passed goes to Bawaslu's notice.",
    routes: [
      ...['KUATKAN', 'RINGANKAN', 'PERBERAT', 'UBAH', 'BATALKAN'].map((outcome) => [outcome, 'AppealNotifyBawaslu'] as const),
      ['OVERDUE', 'AppealRequestDecision'], ['LAPSED', 'AppealLapsed'],
    ],
    requestInput: { 'appealId.$': '$.appealId' },
  },
];

/** Where a fresh execution begins (StartReview's `resumeAt`) → its first state. */
const RESUME_AT: Routes = [
  ['OPD_REVIEW', 'OpdRequestDecision'],
  ['BKPP_ASSESSMENT', 'BkppRequestDecision'],
  ['PPK_DECISION', 'PpkRequestDecision'],
  ['APPEAL', 'AppealRequestDecision'],
  ['NOTICE', 'NotifyBawaslu'],
  ['WEBHOOK_NOTICE', 'CallNoticeWebhook'],
];

const failureRecorder = (fn: string, comment: string, payload: State, next: string): State => ({
  Type: 'Task',
  Comment: comment,
  ...invoke(fn, payload),
  ResultPath: null,
  TimeoutSeconds: 60,
  Retry: lambdaRetry(),
  Catch: catchAll(null, next),
  Next: next,
});

const noticeError = { ...report, 'error.$': '$.noticeError.Error', 'cause.$': '$.noticeError.Cause' };

export function sanctionDefinition(): State {
  return {
    Comment: 'netra sanction workflow: OPD head review -> BKPP assessment -> PPK decision -> Bawaslu notice, one live execution per report (a fresh one resumes at the report\'s current status). Input: {regionId, reportId}; a notice execution (one per report and webhook event, when the inline delivery failed or a report became overdue) has {regionId, reportId, notice}; an objection execution (one per KEBERATAN, ADR 0303) has {regionId, reportId, appealId} and runs the Appeal* states.',
    StartAt: 'StartReview',
    States: {
      StartReview: {
        Type: 'Task',
        Comment: "Where the execution begins: a notice execution (input `notice`) goes to its webhook; a report's own execution tells Bawaslu it was received (the webhook, inline; a notice execution only when that fails) and resumes at the report's current status (a new report's OPD review, or its skip recorded with why).",
        ...invoke('StartReview', '$'),
        ResultSelector: { 'resumeAt.$': '$.Payload.resumeAt' },
        ResultPath: '$.start',
        TimeoutSeconds: 60,
        Retry: lambdaRetry(),
        Next: 'ResumeAt',
        Catch: toStepFailure,
      },
      ResumeAt: {
        Type: 'Choice',
        Comment: "Where StartReview found the report: a fresh execution begins at the report's current step.",
        Choices: RESUME_AT.map(([at, next]) => ({ Variable: '$.start.resumeAt', StringEquals: at, Next: next })),
        Default: 'UnexpectedOutcome',
      },
      ...Object.assign({}, ...STEPS.map(decisionStep)),
      NotifyBawaslu: {
        Type: 'Task',
        Comment: 'Tells Bawaslu the report closed: the e-mail (copied to BKN for a recommendation), then the signed report.closed webhook when the region configured one, each sent once (its mark). WebhookRefused (an address netra never delivers to) is permanent: caught at once, never retried; the e-mail went out before it.',
        ...invoke('NotifyBawaslu', report),
        ResultPath: null,
        TimeoutSeconds: 330,
        Retry: NOTICE_RETRY,
        Catch: catchAll('$.noticeError', 'RecordNoticeFailure'),
        End: true,
      },
      RecordNoticeFailure: failureRecorder(
        'RecordNoticeFailure', "Writes the failed notice to the report's timeline before the execution fails.", noticeError, 'BawasluNoticeFailed',
      ),
      CallNoticeWebhook: {
        Type: 'Task',
        Comment: 'POSTs the signed webhook of the event (once: its timeline entry is the mark), retried like the closing notice (WebhookRefused caught at once), then caught.',
        ...invoke('NotifyBawaslu', { ...report, channel: 'webhook', 'event.$': '$.notice' }),
        ResultPath: null,
        TimeoutSeconds: 330,
        Retry: NOTICE_RETRY,
        Catch: catchAll('$.noticeError', 'RecordEventNoticeFailure'),
        End: true,
      },
      RecordEventNoticeFailure: failureRecorder(
        'RecordNoticeFailure', "Writes the failed event notice to the report's timeline before the execution fails.", { ...noticeError, 'event.$': '$.notice' }, 'BawasluNoticeFailed',
      ),
      AppealNotifyBawaslu: {
        Type: 'Task',
        Comment: "Tells Bawaslu (and BKN for its recommendations) the PPK decided the objection: report.appeal_decided by e-mail, then by the signed webhook when configured, each once (its timeline entry is the mark), retried like the closing notice.",
        ...invoke('NotifyBawaslu', { ...report, event: 'report.appeal_decided' }),
        ResultPath: null,
        TimeoutSeconds: 330,
        Retry: NOTICE_RETRY,
        Catch: catchAll('$.noticeError', 'RecordAppealNoticeFailure'),
        End: true,
      },
      RecordAppealNoticeFailure: failureRecorder(
        'RecordNoticeFailure', "Writes the failed notice of the objection's decision to the report's timeline before the execution fails.", { ...noticeError, event: 'report.appeal_decided' }, 'BawasluNoticeFailed',
      ),
      AppealLapsed: { Type: 'Succeed', Comment: "The objection's link expired long after decideBy: the objection stays open and counted overdue; nothing more waits." },
      ContinueInNewExecution: {
        Type: 'Task',
        Comment: "Starts the report's next execution, which begins at the report's current step (the pending link is reused), then this one ends.",
        ...invoke('ContinueWorkflow', { ...report, 'executionName.$': '$$.Execution.Name' }),
        ResultPath: null,
        TimeoutSeconds: 60,
        Retry: lambdaRetry(),
        Catch: toStepFailure,
        Next: 'ContinuedInNewExecution',
      },
      ContinuedInNewExecution: { Type: 'Succeed', Comment: "The report's workflow goes on in its next execution." },
      RecordStepFailure: failureRecorder(
        'RecordStepFailure', "After a step's retries (at least 30 minutes) ran out: the timeline says so before the execution fails into WorkflowStepFailed (alarmed); the reconciler starts the report again from its current status.",
        { ...report, 'error.$': '$.failure.Error', 'cause.$': '$.failure.Cause' }, 'WorkflowStepFailed',
      ),
      WorkflowStepFailed: {
        Type: 'Fail',
        Comment: 'Alarmed on: a step failed after every retry; the reconciler brings the report back.',
        Error: 'WorkflowStepFailed',
        Cause: "A workflow step failed after every retry; the report's timeline has the error and the reconciler starts it again from its current status.",
      },
      BawasluNoticeFailed: {
        Type: 'Fail',
        Comment: 'Alarmed on: Bawaslu was not told of a closed report after every retry.',
        Error: 'BawasluNoticeFailed',
        Cause: "Bawaslu could not be notified of a closed report after every retry; the report's timeline has the error.",
      },
      UnexpectedOutcome: {
        Type: 'Fail',
        Comment: 'Alarmed on: a wait answered an outcome this definition does not route.',
        Error: 'UnexpectedOutcome',
        Cause: 'A decision step answered an outcome the workflow does not know.',
      },
    },
  };
}

/** The file's text: what `npm run workflow:generate` writes and the definition test compares. */
export function sanctionDefinitionText(): string {
  return `${JSON.stringify(sanctionDefinition(), null, 2)}\n`;
}
