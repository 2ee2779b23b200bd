// The local runner's execution files (NETRA_DATA_DIR/executions/<name>.json): what survives a restart, written
// whole and renamed into place so a killed process never leaves half a file.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExecutionRecord {
  name: string;
  input: { regionId: string; reportId: string; notice?: string; appealId?: string };
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  /** How many times it was redriven from the state that failed. */
  redriveCount?: number;
  /** The last state entered and its input: a restart resumes here. */
  state: { name: string; input: unknown; enteredAt: string };
  /** The task waiting for a token, if any (its token dies with the process; the resumed task gets a new one). */
  waiting?: { stateName: string; until?: string } | undefined;
  stoppedAt?: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Every state entered, in order (for tests and for engineers reading the file). */
  history: string[];
}

export class ExecutionFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'executions');
  }

  read(name: string): ExecutionRecord | null {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${name}.json`), 'utf8'));
    } catch {
      return null;
    }
  }

  write(record: ExecutionRecord): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${record.name}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  list(): ExecutionRecord[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.dir).filter((file) => file.endsWith('.json'));
    } catch {
      return [];
    }
    return names.map((file) => this.read(file.slice(0, -'.json'.length))).filter((r): r is ExecutionRecord => r !== null);
  }
}
