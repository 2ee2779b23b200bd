// The soak's system under test: its own DynamoDB Local (so it can freeze, kill and restart it under a running stack) and
// `npm start`'s entry point as a child process on a fixed port (links e-mailed before a restart must still work after it).
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startDynamoLocal, type DynamoLocal } from '../infra/local/dynamodb.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first port of [from, to] nothing listens on (127.0.0.1). */
export async function freePortIn(from: number, to: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let port = from; port <= to; port++) {
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export interface StackOptions {
  dataDir: string;
  port: number;
  dynamoPort: number;
  /** Extra settings for `npm start` (reconciler period, time scale). */
  env: Record<string, string>;
  /** Where the stack's console goes (appended across restarts). */
  log: WriteStream;
}

export class SoakStack {
  readonly url: string;
  readonly faultsFile: string;
  private dynamo: DynamoLocal | undefined;
  private child: ChildProcess | undefined;
  private frozen = false;
  /** When the stack was killed without a shutdown: a send between its e-mail and its mark may be repeated (documented). */
  readonly crashes: number[] = [];
  /** When DynamoDB Local was frozen or down (ms, from-to): a send's mark cannot land in between. */
  readonly outages: { from: number; to: number }[] = [];

  private readonly options: StackOptions;

  constructor(options: StackOptions) {
    this.options = options;
    this.url = `http://127.0.0.1:${options.port}`;
    this.faultsFile = join(options.dataDir, 'faults.json');
    this.setMail('ok');
  }

  get dynamoEndpoint(): string {
    return `http://127.0.0.1:${this.options.dynamoPort}`;
  }

  /** Three tries: on a loaded machine a cold JVM can miss startDynamoLocal's 60 s. */
  async startDynamo(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.dynamo = await startDynamoLocal({ dataDir: join(this.options.dataDir, 'dynamodb'), port: this.options.dynamoPort });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        this.options.log.write(`soak: DynamoDB Local did not start (${(error as Error).message.split('\n')[0]}); trying again\n`);
      }
    }
  }

  /** Three tries, each bounded, as for DynamoDB Local. */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce();
      } catch (error) {
        this.child?.kill('SIGKILL');
        if (attempt >= 3) throw error;
        this.options.log.write(`soak: the stack did not start (${(error as Error).message.split('\n')[0]}); trying again\n`);
        await sleep(2_000);
      }
    }
  }

  private async startOnce(): Promise<void> {
    const { dataDir, port, env, log } = this.options;
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', 'infra/local/start.ts'], {
      env: {
        ...process.env, ...env, NETRA_DATA_DIR: dataDir, PORT: String(port), BASE_URL: this.url,
        NETRA_DYNAMODB_ENDPOINT: this.dynamoEndpoint, NETRA_LOCAL_FAULTS: this.faultsFile,
        NETRA_MODE: '', TABLE_NAME: '', DYNAMODB_ENDPOINT: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    const take = (chunk: Buffer) => {
      output = (output + chunk).slice(-20_000);
      log.write(chunk);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    // Bounded: a cold start on a loaded machine takes tens of seconds.
    const deadline = Date.now() + 240_000;
    while (!output.includes('netra is running on')) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
      }
      await sleep(100);
    }
  }

  /** The stack killed as a crash kills it (no shutdown), or stopped with Ctrl-C; then started again after `downMs`. */
  async restart(how: 'crash' | 'graceful', downMs: number): Promise<void> {
    const child = this.child!;
    const exited = new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
    if (how === 'crash') this.crashes.push(Date.now());
    child.kill(how === 'crash' ? 'SIGKILL' : 'SIGINT');
    const forced = setTimeout(() => {
      this.crashes.push(Date.now()); // a shutdown that hung is ended as a crash
      child.kill('SIGKILL');
    }, 30_000);
    await exited;
    clearTimeout(forced);
    await sleep(downMs);
    await this.start();
  }

  /** SIGSTOP: DynamoDB Local accepts connections and answers nothing, as a stalled service does. */
  async freezeDynamo(ms: number): Promise<void> {
    const from = Date.now();
    process.kill(this.dynamo!.pid, 'SIGSTOP');
    this.frozen = true;
    try {
      await sleep(ms);
    } finally {
      this.thaw();
      this.outages.push({ from, to: Date.now() });
    }
  }

  /**
   * The database gone: connections refused until it is started again on the same port and data, `ms` later. It is
   * stopped in order (SIGTERM, SIGKILL after 5 s) because DynamoDB Local SIGKILLed loses writes it had already
   * acknowledged (6 of 15 measured, docs/testing.md), which AWS DynamoDB never does; that would be a finding about the
   * emulator, not about netra.
   */
  async killDynamo(ms: number): Promise<void> {
    const from = Date.now();
    await this.dynamo!.stop();
    await sleep(ms);
    try {
      await this.startDynamo();
    } finally {
      this.outages.push({ from, to: Date.now() });
    }
  }

  /** The e-mail fault hook of functions/adapters/outbox/mail-faults.ts (the file is read at each send). */
  setMail(mode: 'ok' | 'fail'): void {
    writeFileSync(`${this.faultsFile}.tmp`, JSON.stringify({ mail: mode }));
    // Renamed into place so a send never reads half a file.
    renameSync(`${this.faultsFile}.tmp`, this.faultsFile);
  }

  private thaw(): void {
    if (!this.frozen || !this.dynamo) return;
    this.frozen = false;
    try {
      process.kill(this.dynamo.pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }

  /** Everything stopped, whatever state the faults left it in (bounded: each stop escalates to SIGKILL). */
  async stop(): Promise<void> {
    this.thaw();
    this.setMail('ok');
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGINT');
      const forced = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(forced);
    }
    await this.dynamo?.stop();
  }

  /** Best effort on an abrupt exit of the soak itself: nothing left frozen or running. */
  killNow(): void {
    this.thaw();
    this.child?.kill('SIGKILL');
  }
}
