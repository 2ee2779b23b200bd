// Execution names (functions/domain/executions.ts): what each kind of execution is called, that Step Functions
// accepts every name, and that a name reads back as what it was built from.
import { describe, expect, it } from 'vitest';
import { executionInput, executionName, noticeExecutionName, parseExecutionName, runOf } from '../../functions/domain/executions.ts';

const REPORT = 'K66YT3XY4XYBN4WGRWKQKQJ408';
const APPEAL = '01JABCDEFGHJKMNPQRSTVWXYZ0';
/** What Step Functions accepts as an execution name (StartExecution: 1–80 characters, no spaces, dots or colons). */
const SFN_NAME = /^[A-Za-z0-9_-]{1,80}$/;

describe('execution names', () => {
  it('name a report\'s runs, an objection\'s runs and a notice, as the documents say', () => {
    expect(executionName('34.02', REPORT)).toBe(`report-34-02-${REPORT}`);
    expect(executionName('34.02', REPORT, 2)).toBe(`report-34-02-${REPORT}-2`);
    expect(executionName('34.02', REPORT, 0, APPEAL)).toBe(`appeal-34-02-${REPORT}-${APPEAL}`);
    expect(executionName('34.02', REPORT, 1, APPEAL)).toBe(`appeal-34-02-${REPORT}-${APPEAL}-1`);
    expect(noticeExecutionName('34.02', REPORT, 'report.received')).toBe(`notice-34-02-${REPORT}-received`);
    expect(noticeExecutionName('34.02', REPORT, `report.national_action:${APPEAL.slice(0, 13)}`)).toBe(`notice-34-02-${REPORT}-national_action-${APPEAL.slice(0, 13)}`);
  });

  it('are names Step Functions accepts, for the longest region code and run', () => {
    const longest = [
      executionName('34.02.01', REPORT, 99_999, APPEAL),
      executionName('34.02.01', REPORT, 99_999),
      noticeExecutionName('34.02.01', REPORT, `report.national_action:${APPEAL.slice(0, 13)}`),
      noticeExecutionName('34.02.01', REPORT, 'report.appeal_decided'),
    ];
    for (const name of longest) expect(name).toMatch(SFN_NAME);
  });

  it('read back as what they were built from', () => {
    for (const regionId of ['34', '34.02', '34.02.01']) {
      for (const run of [0, 1, 12]) {
        expect(parseExecutionName(executionName(regionId, REPORT, run))).toEqual({ kind: 'report', regionId, reportId: REPORT, run });
        expect(parseExecutionName(executionName(regionId, REPORT, run, APPEAL))).toEqual({ kind: 'appeal', regionId, reportId: REPORT, appealId: APPEAL, run });
      }
      expect(parseExecutionName(noticeExecutionName(regionId, REPORT, 'report.overdue'))).toEqual({ kind: 'notice', regionId, reportId: REPORT, event: 'overdue' });
    }
    // A report id that begins with digits is not taken for part of the region.
    expect(parseExecutionName('report-34-02-01HXYZABCDEFGHJKMNPQRSTVWX-3')).toEqual({ kind: 'report', regionId: '34.02', reportId: '01HXYZABCDEFGHJKMNPQRSTVWX', run: 3 });
    // The tests' short report ids read the same way.
    expect(parseExecutionName(executionName('34.02', 'RESTART1', 2))).toEqual({ kind: 'report', regionId: '34.02', reportId: 'RESTART1', run: 2 });
  });

  it('give the run a ContinueInNewExecution step reads from its own name, and nothing from a name netra did not build', () => {
    expect(runOf(executionName('34.02', REPORT, 4))).toBe(4);
    expect(runOf(executionName('34.02', REPORT))).toBe(0);
    expect(runOf(executionName('34.02', REPORT, 3, APPEAL))).toBe(3);
    expect(runOf(noticeExecutionName('34.02', REPORT, 'report.received'))).toBe(0);
    expect(parseExecutionName('bench')).toBeNull();
    expect(parseExecutionName(`report-34.02-${REPORT}`)).toBeNull();
  });

  it('start with the input the execution needs: an objection\'s carries its appeal', () => {
    const later = { regionId: '34.02', reportId: REPORT, run: 3 };
    expect(executionInput(later)).toEqual({ regionId: '34.02', reportId: REPORT });
    expect(executionInput({ regionId: '34.02', reportId: REPORT, appealId: APPEAL })).toEqual({ regionId: '34.02', reportId: REPORT, appealId: APPEAL });
  });
});
