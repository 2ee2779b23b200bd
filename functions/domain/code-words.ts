// The words people read for the timeline's codes: what happened (an entry's action) and who did it (its actor).
// Every code people must not read is listed in visible-codes.ts.
import { inRegion, message, type Message } from './messages.ts';

/** A timeline entry's `action`, as a heading. "BKPP" is replaced by the region's agency where shown. */
export const TIMELINE_ACTIONS: Readonly<Record<string, Message>> = Object.assign(Object.create(null) as Record<string, Message>, {
  SUBMITTED: message('Laporan diterima', 'Report received'),
  OPD_REVIEW_SKIPPED: message('Telaah Kepala OPD dilewati', 'OPD head review skipped'),
  APPROVER_CONFLICT_OF_INTEREST: message('Benturan kepentingan: keputusan dialihkan', 'Conflict of interest: the decision handed on'),
  DECISION_REQUESTED: message('Keputusan diminta', 'Decision requested'),
  REMINDER_SENT: message('Pengingat dikirim', 'Reminder sent'),
  OPD_REVIEW_TIMED_OUT: message('Kepala OPD tidak menjawab sampai tenggat', 'The OPD head did not answer by the deadline'),
  ESCALATED: message('Tenggat lewat: diteruskan ke atasan', 'Deadline passed: escalated'),
  REPORT_OVERDUE: message('Laporan melewati batas waktu', 'Report overdue'),
  FORWARDED: message('Diteruskan ke BKPP', 'Forwarded to BKPP'),
  RECOMMENDED: message('Sanksi direkomendasikan', 'Sanction recommended'),
  SANCTIONED: message('Sanksi dijatuhkan', 'Sanction imposed'),
  DISMISSED: message('Laporan dihentikan', 'Report dismissed'),
  BAWASLU_NOTIFIED: message('E-mail ke Bawaslu terkirim', 'E-mail to Bawaslu sent'),
  BAWASLU_WEBHOOK_DELIVERED: message('Webhook ke Bawaslu terkirim', 'Webhook to Bawaslu delivered'),
  BAWASLU_NOTICE_FAILED: message('Pemberitahuan ke Bawaslu gagal', 'Notice to Bawaslu failed'),
  APPROVER_CHANGED: message('Pemberi keputusan berganti', 'Approver changed'),
  WORKFLOW_REPAIRED: message('Alur kerja dipulihkan', 'Workflow repaired'),
  WORKFLOW_CONTINUED: message('Alur kerja dilanjutkan', 'Workflow continued'),
  WORKFLOW_STEP_FAILED: message('Langkah alur kerja gagal', 'Workflow step failed'),
  // Wave 3 (appeals, personal data, national bodies): named here so their entries read as words from the start.
  DECREE_DELIVERED: message('SK diterima terlapor', 'Decree delivered'),
  DECREE_NOT_DELIVERED: message('SK belum diterima terlapor', 'Decree not delivered'),
  APPEAL_FILED: message('Upaya administratif diajukan', 'Appeal filed'),
  APPEAL_DECIDED: message('Upaya administratif diputus', 'Appeal decided'),
  APPEAL_DEADLINE_PASSED: message('Batas waktu keputusan upaya administratif lewat', 'Appeal deadline passed'),
  REPORTER_UNSEALED: message('Identitas pelapor dibuka', 'Reporter identity unsealed'),
  PERSONAL_DATA_ERASED: message('Data pribadi dihapus (masa retensi berakhir)', 'Personal data erased (retention ended)'),
  NATIONAL_ACTION: message('Tindakan instansi pusat', 'Action by a national body'),
});

/** A timeline entry's `actor`. */
export const ACTORS: Readonly<Record<string, Message>> = Object.assign(Object.create(null) as Record<string, Message>, {
  SYSTEM: message('Sistem', 'System'),
  REPORTER: message('Pelapor', 'Reporter'),
  OPD_HEAD: message('Kepala OPD', 'OPD head'),
  BKPP: message('Pejabat BKPP', 'BKPP officer'),
  PPK: message('PPK', 'PPK'),
  SEKDA: message('Sekretaris Daerah', 'Regional secretary'),
  BAWASLU: message('Bawaslu', 'Bawaslu'),
});

/** An unknown code still reads as words ("SOME_NEW_THING" → "Some new thing"), never as the code. */
function spelledOut(code: string): Message {
  const words = code.toLowerCase().replace(/_/g, ' ');
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return message(text, text);
}

export const actionLabel = (action: string, agency: string): Message => inRegion(TIMELINE_ACTIONS[action] ?? spelledOut(action), agency);
export const actorLabel = (actor: string, agency: string): Message => inRegion(ACTORS[actor] ?? spelledOut(actor), agency);
