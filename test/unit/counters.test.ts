// A report's counters come from one domain module (functions/domain/counters.ts): what a new report and each
// transition add, and which of them the national follow-up view keeps. The adapter and the fakes both apply these.
import { describe, expect, it } from 'vitest';
import type { AppealOutcome } from '../../functions/domain/appeals.ts';
import { createdCounters, followUpDeltas, overdueGuard, transitionDeltas, type CounterChange } from '../../functions/domain/counters.ts';

describe('report counters', () => {
  it('a new report counts once in total, its status, category and stage; a recommendation in the follow-up view too', () => {
    const internal = { status: 'RECEIVED', category: 'MEDIA_SOSIAL', stage: 'KAMPANYE' } as const;
    expect([...createdCounters(internal)]).toEqual([['total', 1], ['status_RECEIVED', 1], ['category_MEDIA_SOSIAL', 1], ['stage_KAMPANYE', 1]]);
    const recommended = { ...internal, source: { kind: 'BAWASLU', recommendationNumber: '001/Rek/2024', recommendationDate: '2024-09-01', recommendedSanction: 'TEGURAN_LISAN' } };
    const counted = createdCounters(recommended as never);
    expect(counted.get('followUp_recommendations')).toBe(1);
    expect([...followUpDeltas(counted)]).toEqual([['recommendations', 1]]);
  });

  // Every kind of transition, as the use cases write it, and the deltas domain/counters.ts derives from what it means.
  const REPORT = { regionId: '34.02', id: 'r1', electionId: 'pilkada-2024' as const, createdAt: '2024-10-01T00:00:00.000Z' };
  const RECOMMENDATION = { ...REPORT, source: { kind: 'BAWASLU', recommendationNumber: '001/Rek/2024', recommendationDate: '2024-09-01', recommendedSanction: 'TEGURAN_LISAN' } } as never;
  const AT = '2024-10-03T12:00:00.000Z';
  const by = { name: 'P', role: 'PPK' };
  const impose = { step: 'PPK_DECISION', outcome: 'IMPOSE', level: 'SEDANG', sanction: 'POTONG_TUKIN_6', by, at: AT } as const;
  const dismiss = { step: 'BKPP_ASSESSMENT', outcome: 'DISMISS', by, at: AT } as const;
  const forward = { step: 'OPD_REVIEW', outcome: 'FORWARD', by, at: AT } as const;
  const decided = (outcome: AppealOutcome, late: boolean, to: string | null) =>
    ({ kind: 'decided', outcome, late, level: { from: 'SEDANG', to } }) as const;
  const TABLE: Array<[string, CounterChange, Array<[string, number]>, boolean | undefined]> = [
    ['a forward: the status moves', { report: REPORT, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', at: AT, decision: forward },
      [['status_AWAITING_OPD_REVIEW', -1], ['status_AWAITING_BKPP_ASSESSMENT', 1]], undefined],
    ['a recommendation off the guidance\'s paths', { report: REPORT, from: 'AWAITING_BKPP_ASSESSMENT', to: 'AWAITING_PPK_DECISION', at: AT, decision: { ...impose, step: 'BKPP_ASSESSMENT', outcome: 'RECOMMEND', guidance: { version: '1', acts: [], followed: false } } },
      [['status_AWAITING_BKPP_ASSESSMENT', -1], ['status_AWAITING_PPK_DECISION', 1], ['decisions_outsideGuidance', 1]], undefined],
    ['a sanction: outcome and level, on the condition it is not overdue', { report: REPORT, from: 'AWAITING_PPK_DECISION', to: 'SANCTIONED', at: AT, decision: impose },
      [['status_AWAITING_PPK_DECISION', -1], ['status_SANCTIONED', 1], ['outcome_SANCTIONED', 1], ['level_SEDANG', 1]], false],
    ['a dismissal of an overdue report: the overdue count back, on the condition it still is', { report: { ...REPORT, overdueAt: AT }, from: 'AWAITING_BKPP_ASSESSMENT', to: 'DISMISSED', at: AT, decision: dismiss },
      [['status_AWAITING_BKPP_ASSESSMENT', -1], ['status_DISMISSED', 1], ['outcome_DISMISSED', 1], ['overdue', -1]], true],
    ['a recommendation closed on time, 2 days after receipt', { report: { ...(RECOMMENDATION as object), followUpDueAt: '2024-10-10T00:00:00.000Z' } as never, from: 'AWAITING_BKPP_ASSESSMENT', to: 'DISMISSED', at: AT, decision: dismiss },
      [['status_AWAITING_BKPP_ASSESSMENT', -1], ['status_DISMISSED', 1], ['outcome_DISMISSED', 1], ['followUp_closed', 1], ['followUp_closedOnTime', 1], ['followUp_daysToClose_2', 1]], false],
    ['an overdue recommendation closed late', { report: { ...(RECOMMENDATION as object), overdueAt: AT } as never, from: 'AWAITING_PPK_DECISION', to: 'SANCTIONED', at: AT, decision: impose },
      [['status_AWAITING_PPK_DECISION', -1], ['status_SANCTIONED', 1], ['outcome_SANCTIONED', 1], ['level_SEDANG', 1], ['overdue', -1], ['followUp_closed', 1], ['followUp_overdue', -1], ['followUp_daysToClose_2', 1]], true],
    ['becoming overdue, only while it is not yet', { report: REPORT, from: 'AWAITING_PPK_DECISION', at: AT, overdueAt: AT }, [['overdue', 1]], false],
    ['a recommendation becoming overdue', { report: RECOMMENDATION, from: 'AWAITING_PPK_DECISION', at: AT, overdueAt: AT }, [['overdue', 1], ['followUp_overdue', 1]], false],
    ['an appeal filed in time', { report: REPORT, from: 'SANCTIONED', at: AT, appealEvent: { kind: 'filed', admissible: true } }, [['appeals_filed', 1], ['appeals_open', 1]], undefined],
    ['an appeal filed late', { report: REPORT, from: 'SANCTIONED', at: AT, appealEvent: { kind: 'filed', admissible: false } }, [['appeals_filed', 1], ['appeals_notAdmissible', 1]], undefined],
    ['an appeal past its deadline', { report: REPORT, from: 'SANCTIONED', at: AT, appealEvent: { kind: 'deadlinePassed' } }, [['appeals_overdue', 1]], undefined],
    ['an appeal confirmed (KUATKAN)', { report: REPORT, from: 'SANCTIONED', to: 'SANCTIONED', at: AT, appealEvent: decided('KUATKAN', false, 'SEDANG') },
      [['appeals_open', -1], ['appeals_decided', 1], ['appeals_outcome_KUATKAN', 1]], undefined],
    ['an appeal decided late, the sanction lightened to another level', { report: REPORT, from: 'SANCTIONED', to: 'SANCTIONED', at: AT, appealEvent: decided('RINGANKAN', true, 'RINGAN') },
      [['appeals_open', -1], ['appeals_decided', 1], ['appeals_outcome_RINGANKAN', 1], ['appeals_overdue', -1], ['level_SEDANG', -1], ['level_RINGAN', 1]], undefined],
    ['an appeal that annuls the sanction: dismissed, its level gone', { report: REPORT, from: 'SANCTIONED', to: 'DISMISSED', at: AT, appealEvent: decided('BATALKAN', false, null) },
      [['status_SANCTIONED', -1], ['status_DISMISSED', 1], ['appeals_open', -1], ['appeals_decided', 1], ['appeals_outcome_BATALKAN', 1], ['level_SEDANG', -1], ['outcome_SANCTIONED', -1], ['outcome_DISMISSED', 1]], undefined],
    ['a national body\'s action', { report: RECOMMENDATION, from: 'SANCTIONED', at: AT, nationalAction: { id: 'a1', body: 'BKN', kind: 'BLOKIR_DATA', letterNumber: '1', at: AT } },
      [['followUp_action_BLOKIR_DATA', 1]], undefined],
    ['a notice\'s mark or a link: nothing counted', { report: REPORT, from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_OPD_REVIEW', at: AT }, [], undefined],
  ];

  it.each(TABLE)('%s', (_, change, deltas, guard) => {
    expect([...transitionDeltas(change)]).toEqual(deltas);
    expect(overdueGuard(change)).toBe(guard);
  });

  it('the follow-up view keeps the followUp_ deltas by their own names', () => {
    const change = TABLE.find(([name]) => name.startsWith('an overdue recommendation'))![1];
    expect([...followUpDeltas(transitionDeltas(change))]).toEqual([['closed', 1], ['overdue', -1], ['daysToClose_2', 1]]);
  });
});
