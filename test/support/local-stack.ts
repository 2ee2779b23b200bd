// Runs `npm start`'s entry point as a child process, as an engineer would, and waits until it serves.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../infra/local/dynamodb.ts';

export interface RunningStack {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startStack(dataDir: string, env: Record<string, string> = {}): Promise<RunningStack> {
  const port = await freePort();
  const child = spawn(process.execPath, ['infra/local/start.ts'], {
    env: { ...process.env, NETRA_DATA_DIR: dataDir, PORT: String(port), NETRA_MODE: '', TABLE_NAME: '', DYNAMODB_ENDPOINT: '', BASE_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // Bounded, and generous: on a loaded machine a cold JVM and the handlers' imports take tens of seconds.
  const deadline = Date.now() + 120_000;
  while (!output.includes('netra is running on')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** Whether a process is still running (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
