// The access log's journal in AWS: the function's own log stream. One line per entry, written to stdout before the
// handler answers; a CloudWatch Logs subscription hands the lines to the writer function (ADR 0404).
import type { AccessLog } from '#ports';
import type { JournalledAccess } from '#domain/personal-data.schema';
import { ulid } from '#domain/ids';

/** The field that marks a journal line; the stack's subscription filter matches the term. */
export const ACCESS_JOURNAL_FIELD = 'netraAccessEntry';

/** `write` is stdout: on Linux a write to a pipe completes before it returns (Node's process.stdout is synchronous
 *  for pipes), so once `record` answers the line is the Lambda service's, whatever becomes of this process. */
export function logStreamJournal(write: (line: string) => unknown = (line) => process.stdout.write(line)): Pick<AccessLog, 'record'> {
  return {
    async record(regionId, entry) {
      const journalled: JournalledAccess = { regionId, id: ulid(Date.parse(entry.at)), entry };
      write(`${JSON.stringify({ [ACCESS_JOURNAL_FIELD]: journalled })}\n`);
    },
  };
}

/** The journalled value in one log event's message: the line itself, or the line as the runtime wrapped it (a
 *  JSON log format puts a plain line in `message`); undefined when the message carries none. */
export function journalValueOf(message: string): unknown {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.slice(start));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  if (ACCESS_JOURNAL_FIELD in record) return record[ACCESS_JOURNAL_FIELD];
  const inner = record.message;
  if (typeof inner === 'string') return journalValueOf(inner);
  return typeof inner === 'object' && inner !== null && ACCESS_JOURNAL_FIELD in inner ? (inner as Record<string, unknown>)[ACCESS_JOURNAL_FIELD] : undefined;
}
