// The local Step Functions: runs the workflow's own ASL file with aws-local-stepfunctions, binds each Task
// to the step handler the Lambda runs, and adds what that interpreter lacks: a task token per waiting task,
// SendTaskSuccess/SendTaskFailure, executions that survive a restart (kept under NETRA_DATA_DIR/executions),
// and DescribeExecution / RedriveExecution for the reconciler.
import { randomBytes } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Workflow } from '#ports';
import { DELIBERATE_FAILURES } from '#adapters/sfn/workflow';
import { executionInput, executionName, noticeExecutionName, type ExecutionRef, type ExecutionStatus } from '#domain/executions';
import { isWaitTask, localDefinition, readDefinition, scaleRetries, WAIT_TIMEOUT_CEILING_SECONDS, type Definition } from './definition.ts';
import { ExecutionFiles, type ExecutionRecord } from './execution-files.ts';
import { json, StepInvoker, TaskError, type StepHandler } from './step-invoker.ts';

export type { ExecutionRecord, StepHandler };

export interface LocalRunnerOptions {
  dataDir: string;
  /** The handler of a step by its file name (the ASL's `${StartReviewFunctionArn}` names start-review), undefined for
   *  a step there is not: local mode reads the step table (functions/steps/step-table.ts); tests may script their own. */
  loadHandler: (stepFile: string) => Promise<StepHandler | undefined>;
  definition?: Definition;
  /** Milliseconds per Retry attempt, by state name (tests shorten the backoff). */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** The interpreter's timer ceiling for waits (tests make it short to exercise long waits). */
  waitCeilingSeconds?: number;
  /** Multiplies every Retry interval (and MaxDelaySeconds) of the definition: 1 runs the deployed backoff
   *  (npm start); tests run the same retriers and attempts in a fraction of the time. */
  timeScale?: number;
  /** A step function's timeout in seconds, by step file, instead of the deployed one (tests). */
  functionTimeoutOverrides?: Record<string, number>;
  onError?: (message: string, error: unknown) => void;
  /** How many resumed executions run their first task at once (RESUME_CONCURRENCY). */
  resumeConcurrency?: number;
}

/** How many executions a restart resumes at once: each holds its place until its first task has ended (a wait's
 *  function has stored its token) or the run ends. After a crash `npm start` resumed ~900 at once, every first task a
 *  DynamoDB call through the process's one client (50 sockets, a 1 s connection timeout that counts the queue for a
 *  socket): 124 waits failed to store their token, and their retries came back together for 16 minutes. In AWS each
 *  invocation has its own function instance, so this bound is the local runner's alone. */
export const RESUME_CONCURRENCY = 16;

/** The interpreter's own States.Timeout is not exported; this one matches Catch ["States.Timeout"] by name
 *  and, like a real timeout, is never matched by a States.TaskFailed retrier. */
class WaitTimeout extends Error {
  readonly isRetryable = false;
  constructor() {
    super('The wait for the task token timed out');
    this.name = 'States.Timeout';
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export class LocalWorkflowRunner implements Workflow {
  readonly dir: string;
  private readonly deployed: Definition;
  private readonly definition: Definition;
  private readonly options: LocalRunnerOptions;
  /** Milliseconds per Retry attempt, by state name; tests shorten the backoff of a running runner. */
  retryIntervalOverrides: Record<string, number | number[]>;
  private readonly files: ExecutionFiles;
  private readonly steps: StepInvoker;
  private readonly runs = new Map<string, { abort(): void; settled: Promise<void>; generation: number; started?: () => void }>();
  /** Executions resumeAll has not launched yet, in order (a Set keeps each once), and the resumed ones whose first
   *  task has not ended. */
  private readonly resumeQueue = new Set<string>();
  private readonly resuming = new Set<() => void>();
  /** What loadResumable queued, until resumeAll launches it (read once: the files are not listed twice). */
  private loaded: string[] | undefined;
  private readonly resumeConcurrency: number;
  private readonly waiting = new Map<string, { resolve(value: unknown): void; reject(error: Error): void; execution: string }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ceilingSeconds: number;
  /** Multiplies Retry intervals of executions launched from now on (see LocalRunnerOptions.timeScale). */
  timeScale: number;
  private generation = 0;
  private stopped = false;

  constructor(options: LocalRunnerOptions) {
    this.options = options;
    this.retryIntervalOverrides = options.retryIntervalOverrides ?? {};
    this.files = new ExecutionFiles(options.dataDir);
    this.dir = this.files.dir;
    this.steps = new StepInvoker(options.loadHandler, options.functionTimeoutOverrides ?? {});
    this.deployed = options.definition ?? readDefinition();
    this.ceilingSeconds = options.waitCeilingSeconds ?? WAIT_TIMEOUT_CEILING_SECONDS;
    this.timeScale = options.timeScale ?? 1;
    this.resumeConcurrency = Math.max(1, options.resumeConcurrency ?? RESUME_CONCURRENCY);
    this.definition = localDefinition(this.deployed, this.ceilingSeconds);
    // Validate the definition once, as deployed to the interpreter; resumed copies start elsewhere and skip it.
    new StateMachine(this.definition as any, { validationOptions: { checkArn: false, checkPaths: false } });
  }

  /** Step functions' timeouts in seconds by step file, instead of the deployed ones; tests shorten them. */
  get functionTimeoutOverrides(): Record<string, number> {
    return this.steps.functionTimeoutOverrides;
  }

  set functionTimeoutOverrides(overrides: Record<string, number>) {
    this.steps.functionTimeoutOverrides = overrides;
  }

  /** Wraps each step's handler from now on (the benchmarks time every invocation). */
  wrapSteps(wrap: (stepFile: string, handler: StepHandler) => StepHandler): void {
    this.steps.wrapHandler = wrap;
  }

  async start(ref: ExecutionRef): Promise<void> {
    this.startNamed(executionName(ref.regionId, ref.reportId, ref.run ?? 0, ref.appealId), executionInput(ref));
  }

  async startNotice({ regionId, reportId, event }: { regionId: string; reportId: string; event: string }): Promise<void> {
    this.startNamed(noticeExecutionName(regionId, reportId, event), { regionId, reportId, notice: event });
  }

  private startNamed(name: string, input: ExecutionRecord['input']): void {
    if (this.read(name)) return; // like StartExecution with the same name and input: already started
    const now = new Date().toISOString();
    const record: ExecutionRecord = {
      name, input, status: 'RUNNING', startedAt: now, state: { name: this.definition.StartAt, input, enteredAt: now }, history: [],
    };
    this.write(record);
    this.launch(record);
  }

  /** As DescribeExecution answers: a RUNNING record this process does not run (it died, or was never resumed)
   *  counts as aborted, and is redriven from its state like an aborted execution in AWS. */
  async describe(ref: ExecutionRef): Promise<ExecutionStatus> {
    const name = executionName(ref.regionId, ref.reportId, ref.run ?? 0, ref.appealId);
    const record = this.read(name);
    if (!record) return { state: 'NONE', redrivable: false };
    if (record.status === 'RUNNING') {
      // Waiting in resumeAll's queue counts as running: a redrive now would start it twice.
      return this.runs.has(name) || this.resumeQueue.has(name) ? { state: 'RUNNING', redrivable: false } : { state: 'ABORTED', redrivable: true };
    }
    if (record.status === 'SUCCEEDED') return { state: 'SUCCEEDED', redrivable: false };
    // Failed in one of the definition's own Fail states: caught and recorded; a redrive would fail there again.
    const failedAtTask = this.definition.States[record.state.name]?.Type === 'Task';
    return { state: 'FAILED', redrivable: failedAtTask && !DELIBERATE_FAILURES.has(record.error ?? ''), error: record.error };
  }

  /** RedriveExecution: the execution goes on from the state that did not succeed, with that state's input. */
  async redrive(ref: ExecutionRef): Promise<void> {
    const name = executionName(ref.regionId, ref.reportId, ref.run ?? 0, ref.appealId);
    const status = await this.describe(ref);
    if (!status.redrivable) return; // like ExecutionNotRedrivable: running again already, or not this way
    const record = this.read(name)!;
    const { stoppedAt, error, cause, output, ...rest } = record;
    const redriven: ExecutionRecord = { ...rest, status: 'RUNNING', redriveCount: (record.redriveCount ?? 0) + 1, waiting: undefined };
    this.write(redriven);
    this.launch(redriven);
  }

  async sendTaskSuccess(taskToken: string, output: unknown): Promise<boolean> {
    const task = this.waiting.get(taskToken);
    if (!task) return false;
    this.waiting.delete(taskToken);
    task.resolve(json(output));
    return true;
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<boolean> {
    const task = this.waiting.get(taskToken);
    if (!task) return false;
    this.waiting.delete(taskToken);
    task.reject(new TaskError(error, cause));
    return true;
  }

  /** Finds every execution that was running when the last process stopped and queues it for resumeAll without
   *  launching any: from now on `describe` answers RUNNING for them. `npm start` calls it before its server answers,
   *  so a keyed retry (or the reconciler) in the seconds before resumeAll finds them running, not aborted, and
   *  does not redrive them (a needless WORKFLOW_REPAIRED and a second run). Answers the names it queued. */
  loadResumable(): string[] {
    if (!this.loaded) {
      this.loaded = [];
      for (const record of this.list()) {
        if (record.status !== 'RUNNING' || this.runs.has(record.name) || this.resumeQueue.has(record.name)) continue;
        this.resumeQueue.add(record.name);
        this.loaded.push(record.name);
      }
    }
    return [...this.loaded];
  }

  /** Resumes every execution that was running when the last process stopped (those loadResumable queued, else read
   *  now), from the state it was in, at most resumeConcurrency at a time (RESUME_CONCURRENCY). Answers the names it
   *  will resume. */
  resumeAll(): string[] {
    this.stopped = false;
    const resumed = this.loadResumable();
    this.loaded = undefined;
    this.resumeNext();
    return resumed;
  }

  /** Launches queued executions while fewer than resumeConcurrency are at their first task. */
  private resumeNext(): void {
    for (const name of this.resumeQueue) {
      if (this.stopped || this.resuming.size >= this.resumeConcurrency) return;
      this.resumeQueue.delete(name);
      // Read again: a queued execution may have been redriven or ended meanwhile.
      const record = this.read(name);
      if (record?.status !== 'RUNNING' || this.runs.has(name)) continue;
      const started = (): void => {
        if (this.resuming.delete(started)) this.resumeNext();
      };
      this.resuming.add(started);
      this.launch(record, started);
    }
  }

  /** Lets the step handlers that are running end (at most `ms`) and starts no other: `npm start`'s Ctrl-C calls it
   *  before `stop`. Resolves with how many were still running. */
  drain(ms: number): Promise<number> {
    return this.steps.drain(ms);
  }

  /** Stops every run where it is, keeping its files as they are, as a killed process would. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.resumeQueue.clear();
    this.loaded = undefined;
    this.resuming.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const run of runs) run.abort();
    await Promise.allSettled(runs.map((run) => run.settled));
  }

  read(name: string): ExecutionRecord | null {
    return this.files.read(name);
  }

  /** The execution's file (run 0 unless given). */
  recordOf(regionId: string, reportId: string, run = 0): ExecutionRecord | null {
    return this.read(executionName(regionId, reportId, run));
  }

  list(): ExecutionRecord[] {
    return this.files.list();
  }

  /** Waits until the execution's record satisfies `until` (a state entered, a wait begun, an end). For tests. */
  async waitFor(name: string, until: (record: ExecutionRecord) => boolean, timeoutMs = 10_000): Promise<ExecutionRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = this.read(name);
      if (record && until(record)) return record;
      if (Date.now() > deadline) throw new Error(`execution ${name} did not get there in ${timeoutMs} ms: ${JSON.stringify(record?.history)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private write(record: ExecutionRecord): void {
    this.files.write(record);
  }

  private update(name: string, generation: number, change: (record: ExecutionRecord) => void): void {
    // A run that was stopped or replaced writes nothing more: the next process resumes from what it left.
    if (this.stopped || this.runs.get(name)?.generation !== generation) return;
    const record = this.read(name);
    if (!record) return;
    change(record);
    this.write(record);
  }

  /** Runs the execution from its state; `started` is told once, when its first task has ended or the run has. */
  private launch(record: ExecutionRecord, started?: () => void): void {
    const generation = ++this.generation;
    const name = record.name;
    // The run is registered before the interpreter starts: it calls the first task's handler synchronously, inside
    // machine.run, and a wait resumed at its state must record itself then (its file says what waits, the soak and
    // engineers read it). Registered after, that first update was dropped and a resumed wait left no trace.
    const entry = { abort: (): void => undefined, settled: Promise.resolve(), generation, ...(started ? { started } : {}) };
    this.runs.set(name, entry);
    const definition = { ...scaleRetries(this.definition, this.timeScale), StartAt: record.state.name };
    const machine = new StateMachine(definition as any, { validationOptions: { noValidate: true } });
    const taskHandlers: Record<string, (input: any) => Promise<any>> = {};
    for (const [stateName, state] of Object.entries(this.definition.States)) {
      if (state.Type !== 'Task') continue;
      taskHandlers[stateName] = isWaitTask(state)
        ? (input) => this.waitForToken(name, generation, stateName, input)
        : async (input) => {
          try {
            return { Payload: await this.steps.invoke(input.FunctionName, input.Payload), StatusCode: 200, ExecutedVersion: '$LATEST' };
          } finally {
            entry.started?.();
          }
        };
    }
    const run = machine.run(record.state.input as any, {
      overrides: { taskResourceLocalHandlers: taskHandlers, retryIntervalOverrides: this.retryIntervalOverrides },
      noThrowOnAbort: true,
      context: { Execution: { Id: `local:${name}`, Name: name, StartTime: record.startedAt }, Task: { Token: 'issued-by-the-local-runner' } },
    });
    const logEvents = (async () => {
      for await (const event of run.eventLogs) {
        if (event.type !== 'StateEntered') continue;
        const { name: stateName, input } = (event as { state: { name: string; input: unknown } }).state;
        this.update(name, generation, (r) => {
          r.state = { name: stateName, input, enteredAt: new Date(event.timestamp).toISOString() };
          r.history.push(stateName);
        });
      }
    })();
    const settled = run.result.finally(() => entry.started?.()).then(
      (output) => {
        this.update(name, generation, (r) => {
          Object.assign(r, { status: 'SUCCEEDED', output, stoppedAt: new Date().toISOString(), waiting: undefined });
        });
      },
      (error: any) => {
        const cause = error?.cause ?? error;
        this.update(name, generation, (r) => {
          Object.assign(r, { status: 'FAILED', error: cause?.name ?? 'Error', cause: cause?.message ?? String(cause), stoppedAt: new Date().toISOString(), waiting: undefined });
        });
        if (!this.stopped) this.options.onError?.(`execution ${name} failed`, cause);
      },
    );
    entry.abort = run.abort;
    entry.settled = Promise.all([settled, logEvents]).then(() => undefined);
    void settled.then(async () => {
      await logEvents;
      if (this.runs.get(name)?.generation === generation) this.runs.delete(name);
    });
  }

  /** A `.waitForTaskToken` task: a fresh token, the function invoked with it, then the token's answer or the timeout. */
  private async waitForToken(execution: string, generation: number, stateName: string, input: any): Promise<unknown> {
    const token = `local-${randomBytes(24).toString('base64url')}`;
    const payload = { ...input.Payload, taskToken: token };
    const until = typeof payload.until === 'string' ? Date.parse(payload.until) : NaN;
    const answer = new Promise<unknown>((resolve, reject) => this.waiting.set(token, { resolve, reject, execution }));
    answer.catch(() => undefined);
    this.update(execution, generation, (r) => {
      r.waiting = { stateName, ...(Number.isFinite(until) ? { until: new Date(until).toISOString() } : {}) };
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      if (!Number.isFinite(until)) return;
      // Start over well before the interpreter's own timer would fire (an hour before, for the 20-day ceiling).
      const ceiling = Date.now() + (this.ceilingSeconds - Math.min(3600, this.ceilingSeconds / 2)) * 1000;
      const arm = () => {
        const remaining = until - Date.now();
        if (remaining <= 0) return reject(new WaitTimeout());
        // Waits longer than the interpreter's ceiling start over from this state before it, as after a restart.
        if (Date.now() >= ceiling) return this.relaunch(execution, generation);
        timer = setTimeout(arm, Math.min(remaining, ceiling - Date.now(), MAX_TIMER_MS));
        timer.unref(); // a pending approval alone does not keep a process alive; the server does
        this.timers.add(timer);
      };
      arm();
    });
    timedOut.catch(() => undefined);
    const run = this.runs.get(execution);
    const started = run?.generation === generation ? run.started : undefined;
    try {
      try {
        await this.steps.invoke(input.FunctionName, payload);
      } finally {
        // The token is stored (or its function failed): the next resumed execution may start.
        started?.();
      }
      const result = await Promise.race([answer, timedOut]);
      this.update(execution, generation, (r) => {
        if (r.waiting?.stateName === stateName) r.waiting = undefined;
      });
      return result;
    } catch (error) {
      this.update(execution, generation, (r) => {
        if (r.waiting?.stateName === stateName) r.waiting = undefined;
      });
      throw error;
    } finally {
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
      this.waiting.delete(token);
    }
  }

  private relaunch(name: string, generation: number): void {
    const run = this.runs.get(name);
    if (!run || run.generation !== generation) return;
    this.runs.delete(name);
    run.abort();
    // The aborted run's tokens die with it, as after a restart.
    for (const [token, task] of this.waiting) if (task.execution === name) this.waiting.delete(token);
    const record = this.read(name);
    if (record?.status === 'RUNNING') this.launch(record);
  }
}
