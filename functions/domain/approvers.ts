// Who decides a workflow step on a given day: the OPD head, BKPP or the PPK, or their acting official; and the
// Sekda instead of BKPP when the reported employee holds the BKPP role (conflict of interest).
import { holderOn } from './acting.ts';
import type { Contacts, Opd } from './directory.schema.ts';
import type { StoredReport } from './report.schema.ts';
import type { Step } from './workflow.ts';

export interface Approver {
  role: 'OPD_HEAD' | 'BKPP' | 'PPK' | 'SEKDA';
  name: string;
  email: string;
  /** The title they are greeted by (an acting official's, e.g. Plt. Kepala Dinas Pendidikan; the PPK's). */
  title?: string;
  /** True when an acting official holds the role. */
  acting?: boolean;
}

export interface StepApprover {
  approver: Approver;
  /** Why someone other than the step's own role decides, for the timeline. */
  reason?: string;
}

/** The approver of `step` on `today` (YYYY-MM-DD in the region's zone), or null when the directory names none. */
export function approverOf(
  step: Step,
  report: Pick<StoredReport, 'employee'>,
  directory: { opd: Opd | null; contacts: Contacts | null },
  today: string,
): StepApprover | null {
  const person = (role: Approver['role'], holder: ReturnType<typeof holderOn>): Approver => ({
    role, name: holder.name, email: holder.email, ...(holder.title ? { title: holder.title } : {}), ...(holder.acting ? { acting: true } : {}),
  });
  if (step === 'OPD_REVIEW') {
    const head = directory.opd?.head;
    return head?.email ? { approver: person('OPD_HEAD', holderOn(head, today)) } : null;
  }
  const { contacts } = directory;
  if (!contacts) return null;
  // The PPK decides the sanction and, on the employee's objection, decides on it again (PP 79/2021 Art. 4).
  if (step === 'PPK_DECISION' || step === 'APPEAL') return { approver: person('PPK', holderOn(contacts.ppk, today)) };

  const employeeNip = report.employee.nip;
  const holdsBkpp = employeeNip !== undefined && (contacts.bkpp.nip === employeeNip || contacts.bkpp.acting?.nip === employeeNip);
  if (!holdsBkpp) return { approver: person('BKPP', holderOn(contacts.bkpp, today)) };
  // The Sekda judges a case about the BKPP role's own holder; without a Sekda on record, the PPK.
  const instead = contacts.sekda
    ? person('SEKDA', { name: contacts.sekda.name, email: contacts.sekda.email, title: 'Sekretaris Daerah', acting: false })
    : person('PPK', holderOn(contacts.ppk, today));
  return {
    approver: instead,
    reason: `Penilaian BKPP diserahkan kepada ${contacts.sekda ? 'Sekretaris Daerah' : 'PPK'} karena benturan kepentingan: terlapor memegang jabatan BKPP (NIP sama) / BKPP assessment handed to the ${contacts.sekda ? 'Sekda' : 'PPK'} for conflict of interest: the reported employee holds the BKPP role (same NIP)`,
  };
}

/** The role a link was handed to, as the old link's page names it: the role, never the person. */
export const ROLE_LABELS: Record<Approver['role'], { id: string; en: string }> = {
  OPD_HEAD: { id: 'Kepala OPD', en: 'the OPD head' },
  BKPP: { id: 'pejabat BKPP', en: 'the civil-service agency' },
  PPK: { id: 'Pejabat Pembina Kepegawaian (PPK)', en: 'the PPK' },
  SEKDA: { id: 'Sekretaris Daerah', en: 'the regional secretary (Sekda)' },
};
