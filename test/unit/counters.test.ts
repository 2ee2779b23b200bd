// A report's counters come from one domain module (functions/domain/counters.ts): what a new report and each
// transition add, and which of them the national follow-up view keeps. The adapter and the fakes both apply these.
import { describe, expect, it } from 'vitest';
import { createdCounters, followUpDeltas, transitionDeltas } from '../../functions/domain/counters.ts';

describe('report counters', () => {
  it('a new report counts once in total, its status, category and stage; a recommendation in the follow-up view too', () => {
    const internal = { status: 'RECEIVED', category: 'MEDIA_SOSIAL', stage: 'KAMPANYE' } as const;
    expect([...createdCounters(internal)]).toEqual([['total', 1], ['status_RECEIVED', 1], ['category_MEDIA_SOSIAL', 1], ['stage_KAMPANYE', 1]]);
    const recommended = { ...internal, source: { kind: 'BAWASLU', recommendationNumber: '001/Rek/2024', recommendationDate: '2024-09-01', recommendedSanction: 'TEGURAN_LISAN' } };
    const counted = createdCounters(recommended as never);
    expect(counted.get('followUp_recommendations')).toBe(1);
    expect([...followUpDeltas(counted)]).toEqual([['recommendations', 1]]);
  });

  it('a transition moves one count between statuses, adds its own counters, and leaves out what comes to 0', () => {
    expect([...transitionDeltas({ from: 'AWAITING_OPD_REVIEW', to: 'AWAITING_BKPP_ASSESSMENT', counters: ['level_SEDANG'] })]).toEqual([
      ['level_SEDANG', 1], ['status_AWAITING_OPD_REVIEW', -1], ['status_AWAITING_BKPP_ASSESSMENT', 1],
    ]);
    // No move: the status counters stay; named deltas as given, a 0 left out.
    expect([...transitionDeltas({ from: 'AWAITING_PPK_DECISION', to: 'AWAITING_PPK_DECISION', counters: { overdue: 1, followUp_overdue: 0 } })]).toEqual([['overdue', 1]]);
    // A named delta that cancels the move's own comes to 0 and is left out.
    expect([...transitionDeltas({ from: 'AWAITING_OPD_REVIEW', to: 'DISMISSED', counters: { status_DISMISSED: -1 } })]).toEqual([['status_AWAITING_OPD_REVIEW', -1]]);
    expect([...followUpDeltas(transitionDeltas({ from: 'AWAITING_PPK_DECISION', counters: { overdue: -1, followUp_overdue: -1, followUp_closed: 1 } }))]).toEqual([
      ['overdue', -1], ['closed', 1],
    ]);
  });
});
