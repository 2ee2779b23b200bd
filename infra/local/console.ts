// `npm start`'s console is for a person: a line per request and per workflow event. Everything else the process
// prints (Powertools' JSON logs and metrics, library warnings) goes to netra.log in the data dir instead.
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Mailer, ReportStore } from '../../functions/ports.ts';

export interface PersonConsole {
  /** The log file every other write of the process goes to. */
  logFile: string;
  say(line: string): void;
  warn(line: string): void;
  request(entry: { method: string; path: string; status: number; ms: number }): void;
  close(): Promise<void>;
}

const time = () => new Date().toTimeString().slice(0, 8);

/** Takes the process's stdout and stderr for the log file; only what is said through the returned console reaches the terminal. */
export function personConsole(dataDir: string): PersonConsole {
  const logFile = join(dataDir, 'netra.log');
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const terminal = process.stdout.write.bind(process.stdout);
  const terminalErr = process.stderr.write.bind(process.stderr);
  const toLog = ((chunk: string | Uint8Array, encoding?: unknown, done?: unknown) => {
    const callback = typeof encoding === 'function' ? encoding : done;
    return log.write(chunk, typeof callback === 'function' ? (callback as () => void) : undefined);
  }) as typeof process.stdout.write;
  process.stdout.write = toLog;
  process.stderr.write = toLog;
  return {
    logFile,
    say: (line) => void terminal(`${line}\n`),
    warn: (line) => void terminalErr(`${line}\n`),
    request: ({ method, path, status, ms }) => void terminal(`${time()}  ${method.padEnd(4)} ${maskPath(path)} → ${status} (${ms} ms)\n`),
    close: () => new Promise<void>((done) => {
      process.stdout.write = terminal as typeof process.stdout.write;
      process.stderr.write = terminalErr as typeof process.stderr.write;
      log.end(() => done());
    }),
  };
}

/** A decision link's id is half of a live link: the console shows its first characters only (and never a query). */
export function maskPath(path: string): string {
  return path.replace(/^\/decisions\/([^/]{4})[^/]*/, '/decisions/$1…');
}

/** `k***@bantul.demo.netra.example`: enough to tell who was mailed, not the whole address. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

const ROLE_NAMES: Record<string, string> = { OPD_HEAD: 'Kepala OPD', BKPP: 'BKPP', PPK: 'PPK', SEKDA: 'Sekda', BAWASLU: 'Bawaslu', BKN: 'BKN' };

/** The workflow's events as console lines: a report's status changes and timeline entries, and who was e-mailed. */
export interface WorkflowEvents {
  reports(store: ReportStore): ReportStore;
  mailer(mailer: Mailer): Mailer;
}

export function consoleEvents(say: (line: string) => void): WorkflowEvents {
  const line = (regionId: string, report: string, text: string) => say(`${time()}  ${regionId} ${report}  ${text}`);
  return {
    reports: (store) => ({
      ...store,
      async create(report, entry, requestHash) {
        const result = await store.create(report, entry, requestHash);
        if (result.outcome === 'created') line(report.regionId, report.id, `report ${report.receiptCode} received (${report.category}, OPD ${report.employee.opdId})`);
        return result;
      },
      async transition(transition) {
        const result = await store.transition(transition);
        const { report } = transition;
        // A step that moves the report before its e-mail went out notes the e-mail in a later entry of its own.
        if (!transition.timeline?.length && transition.to && transition.to !== transition.from) line(report.regionId, report.id, `${transition.from} → ${transition.to}`);
        for (const entry of transition.timeline ?? []) {
          const move = transition.to && transition.to !== transition.from ? `${transition.from} → ${transition.to}` : entry.status ?? transition.from;
          line(report.regionId, report.id, `${entry.action}  (${move})`);
        }
        return result;
      },
    }),
    mailer: (mailer) => ({
      async send(message) {
        const sent = await mailer.send(message);
        const about = message.about;
        const role = about ? ROLE_NAMES[about.role] ?? about.role : 'someone';
        say(`${time()}  ${about ? `${about.regionId} ${about.reportId ?? ''}` : ''}  e-mail to ${role} ${message.to.map(maskEmail).join(', ')}`);
        return sent;
      },
    }),
  };
}
