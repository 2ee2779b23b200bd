// What ends a decision link's use, in words: what happened and what happens next, never who reported. One case
// per reason (LinkEnd in domain/errors.ts); a new reason is one more case here. The page is end-pages.ts; the words
// are apart so that problem+json (lib/problem-of.ts) has them without the HTML.
import { STATUS_LABELS } from '#domain/codes';
import type { LinkEnd } from '#domain/errors';
import { inRegion, message, type Message } from '#domain/messages';
import { isClosed } from '#domain/workflow';

export interface EndStory {
  title: Message;
  text: Message;
  next: Message;
}

const OPEN_AGAIN = message(
  'Buka kembali tautan dari e-mail aslinya, tanpa mengubahnya. Bila tetap gagal, hubungi pengelola netra di daerah Anda',
  'Open the link from the original e-mail again, unchanged. If it still fails, ask your region’s netra administrator',
);

/** A link's story once the report is closed: nothing is next, for anyone. */
const CLOSED = message('Tidak ada lagi yang perlu Anda lakukan. Penanganan laporan sudah selesai dan Bawaslu diberi tahu hasilnya', 'Nothing more is needed from you. The report is closed and Bawaslu is told the outcome');

/** "Menunggu penilaian BKPSDM" inside a sentence: only its first letter lowered, never the agency's name. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export function endStory(end: LinkEnd): EndStory {
  switch (end.reason) {
    case 'invalid':
      return { title: message('Tautan tidak sah', 'Invalid link'), text: message('Tautan ini tidak lengkap atau telah diubah, sehingga tidak dapat dibuka', 'This link is incomplete or was altered, so it cannot be opened'), next: OPEN_AGAIN };
    case 'unknown':
      return { title: message('Tautan tidak dikenal', 'Unknown link'), text: message('netra tidak mengenal tautan keputusan ini', 'netra does not know this decision link'), next: OPEN_AGAIN };
    case 'used':
      return {
        title: message('Keputusan sudah tercatat', 'Decision already recorded'),
        text: end.decided
          ? message(
            `Keputusan untuk tautan ini sudah tercatat pada ${end.decided.at} oleh ${end.decided.by}: ${end.decided.what.id}. Tautan hanya dapat dipakai sekali`,
            `A decision was recorded with this link at ${end.decided.at} by ${end.decided.by}: ${end.decided.what.en}. A link can be used once`,
          )
          : message('Keputusan untuk tautan ini sudah dikirim dan tercatat; tautan hanya dapat dipakai sekali', 'A decision was already sent and recorded with this link; a link can be used once'),
        next: end.closed
          ? CLOSED
          : message('Tidak ada lagi yang perlu Anda lakukan. Laporan berjalan ke tahap berikutnya, dan Anda mendapat e-mail bila keputusan Anda diperlukan lagi', 'Nothing more is needed from you. The report goes on to its next step, and you get an e-mail if your decision is needed again'),
      };
    case 'expired':
      return {
        title: message('Tautan kedaluwarsa', 'Link expired'),
        text: message('Tenggat keputusan untuk tautan ini telah lewat', 'The deadline of this link has passed'),
        next: message('Bila laporan masih menunggu keputusan Anda, tautan baru dikirim ke e-mail Anda; pakai tautan terbaru itu', 'If the report still awaits your decision, a fresh link is e-mailed to you; use that newest one'),
      };
    case 'handed-on':
      return {
        title: message('Keputusan diserahkan kepada pejabat lain', 'Handed on to someone else'),
        text: message(`Keputusan ini telah diserahkan kepada ${end.role.id} yang sekarang memegang jabatan tersebut, dan tautan baru telah dikirim kepadanya`, `This decision was handed to ${end.role.en} who holds the role now, who has been sent a new link`),
        next: message('Tautan ini tidak berlaku lagi; Anda tidak perlu berbuat apa-apa', 'This link no longer works; nothing more is needed from you'),
      };
    case 'replaced':
      return {
        title: message('Tautan sudah diganti', 'Link replaced'),
        text: message('Tautan ini sudah diganti dengan tautan yang lebih baru untuk tahap yang sama', 'This link was replaced by a newer one for the same step'),
        next: message('Pakai tautan dari e-mail terbaru; tautan itulah yang berlaku', 'Use the link in the newest e-mail; that one is live'),
      };
    case 'moved-on': {
      const status = inRegion(STATUS_LABELS[end.status], end.agency);
      const closed = isClosed(end.status);
      const text = end.via === 'deadline'
        ? message(`Tenggat telaah Anda telah lewat, sehingga laporan ini diteruskan otomatis ke ${end.agencyFull}`, `Your review’s deadline passed, so the report went on to ${end.agencyFull} automatically`)
        : message(`Laporan ini sudah melewati tahap tautan ini. Statusnya sekarang: ${status.id}`, `The report has moved past this link’s step. It is now: ${status.en}`);
      const next = closed
        ? CLOSED
        : message(`Tidak ada lagi yang perlu Anda lakukan dengan tautan ini. Laporan kini ${lowerFirst(status.id)}`, `Nothing more is needed from you with this link. The report is now ${lowerFirst(status.en)}`);
      return { title: message('Laporan sudah berlanjut', 'The report has moved on'), text, next };
    }
  }
}
