// The alarms an operator needs, all to one encrypted SNS topic: failed workflows and Bawaslu notices,
// function errors and throttles, and the API's server errors. The topic, its key and the metric filters stay in the
// stack; the alarms themselves live in a nested stack of their own (docs/adr/0120-alarms-in-a-nested-stack.md).
import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { NetraFunction } from './netra-function.ts';

const FIVE_MINUTES = Duration.minutes(5);

export class NetraAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  /** Where the alarms are: CloudFormation counts its resources apart from the stack's 500. */
  readonly stack: NestedStack;

  constructor(scope: Construct, id: string, props: { alarmEmail?: string | undefined }) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'netra: encrypts the alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch alarms publish to an encrypted topic only if the key lets them (an AWS-managed key would not).
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" is this key
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'netra alarms', masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.stack = new NestedStack(this, 'Stack', { description: 'netra: the alarms (two per function, the workflow, the API, personal data), to the alarm topic' });
  }

  /** An alarm that fires when the metric's sum over five minutes reaches `threshold`. */
  private alarm(id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    const alarm = new Alarm(this.stack, id, {
      // Named, not generated: a nested stack's generated names would carry its own long name; this one says which
      // stack and what it watches, as docs/operations.md lists them.
      alarmName: `${Stack.of(this).stackName}-${id}`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not a failure: idle alarms stay OK.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  watchFunction(id: string, fn: NetraFunction): void {
    this.alarm(`${id}Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), `${id} threw or timed out (see its log group).`);
    this.alarm(`${id}Throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), `${id} was throttled: the account's Lambda concurrency is exhausted.`);
  }

  watchStateMachine(stateMachine: StateMachine): void {
    const props = { period: FIVE_MINUTES, statistic: 'Sum' };
    this.alarm('WorkflowFailed', stateMachine.metricFailed(props), 'A sanction workflow execution failed: a report stopped moving.');
    this.alarm('WorkflowTimedOut', stateMachine.metricTimedOut(props), 'A sanction workflow execution timed out.');
    this.alarm('WorkflowAborted', stateMachine.metricAborted(props), 'A sanction workflow execution was aborted (stopped by hand or by a deployment).');
  }

  /** Counts entries into the workflow's failed-notice state from its execution log, and alarms on any. */
  watchBawasluNotices(logGroup: ILogGroup, stateName: string): void {
    this.watchState(logGroup, stateName, 'BawasluNoticeFailures', 'BawasluNoticeFailed',
      'Bawaslu could not be notified of a closed report after every retry: notify them by hand and check the report timeline.');
  }

  /** A step that failed after every retry (at least 30 minutes): recorded on the timeline, repaired by the reconciler. */
  watchStepFailures(logGroup: ILogGroup, stateName: string): void {
    this.watchState(logGroup, stateName, 'WorkflowStepFailures', 'WorkflowStepFailed',
      'A sanction workflow step failed after every retry (30+ minutes): the reconciler starts the report again; look for the cause (DynamoDB, SES, Lambda).');
  }

  /** The reconciler's repairs: each is a report whose workflow had stopped. */
  watchRepairs(): void {
    this.alarm('WorkflowRepaired', new Metric({ namespace: 'netra', metricName: 'WorkflowRepaired', dimensionsMap: { service: 'netra' }, period: FIVE_MINUTES, statistic: 'Sum' }),
      'The reconciler repaired a stopped sanction workflow (redrive or fresh execution): check why it stopped.');
  }

  /** Bawaslu notices that had failed for good and that the reconciler's delivery again failed too (the receiver or
   *  SES still out, or a wrong address): each run tries them again until they go out. */
  watchFailedNotices(): void {
    this.alarm('NoticesFailing', new Metric({ namespace: 'netra', metricName: 'NoticesFailing', dimensionsMap: { service: 'netra' }, period: FIVE_MINUTES, statistic: 'Sum' }),
      'A Bawaslu notice that failed for good could not be delivered again by the reconciler: check the contact (PUT /v1/directory/contacts), SES and the receiver; it is tried every run until it goes out.');
  }

  private watchState(logGroup: ILogGroup, stateName: string, filterId: string, metricName: string, description: string): void {
    const filter = new MetricFilter(this, filterId, {
      logGroup,
      metricNamespace: 'netra',
      metricName,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.details.name', '=', stateName),
        FilterPattern.any(
          FilterPattern.stringValue('$.type', '=', 'FailStateEntered'),
          FilterPattern.stringValue('$.type', '=', 'PassStateEntered'),
          FilterPattern.stringValue('$.type', '=', 'TaskStateEntered'),
        ),
      ),
      metricValue: '1',
    });
    this.alarm(metricName, filter.metric({ period: FIVE_MINUTES, statistic: 'Sum' }), description);
  }

  /** Personal data: one API key reading more distinct reports in an hour than a region's work needs (a leaked
   *  key, a scrape), and access-log entries that could not be written (docs/privacy.md, the breach runbook). */
  watchPersonalData(unusualReadsPerHour: number, accessLogDeadLetters: IQueue): void {
    const metric = (metricName: string, statistic: string, period: Duration) =>
      new Metric({ namespace: 'netra', metricName, dimensionsMap: { service: 'netra' }, period, statistic });
    this.alarm('UnusualReads', metric('DistinctReportsReadByKey', 'Maximum', Duration.hours(1)),
      `One API key read more than ${unusualReadsPerHour} distinct reports within an hour: follow the breach runbook in docs/privacy.md (which key: the function logs' keyId).`,
      unusualReadsPerHour + 1);
    this.alarm('AccessLogWriteFailed', metric('AccessLogWriteFailed', 'Sum', FIVE_MINUTES),
      'An answer naming a person went out without its access-log entry journalled: check the function\'s logs, and note the gap in the record of processing.');
    this.alarm('AccessLogUndelivered', accessLogDeadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      'Access-log entries the writer could not write after three tries are in the AccessLogDeadLetters queue (14 days): fix the cause, then replay them (docs/privacy.md).');
  }

  watchApi(api: RestApi): void {
    this.alarm('Api5xx', api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 'The API answered 5XX (503 means DynamoDB was unreachable).');
  }
}
