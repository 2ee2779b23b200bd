// Acting officials (Plt., Plh.): who holds a role on a given day, the permanent holder or the acting one
// whose period (inclusive dates, in the region's zone) covers that day.
import * as z from 'zod/mini';
import { calendarDate, email, nip, text } from './common.schema.ts';

export const Acting = /* @__PURE__ */ z
  .strictObject({
    name: text(200),
    title: text(200).check(z.describe('How pages and e-mails greet them, e.g. Plt. Kepala Dinas Pendidikan.')),
    email,
    nip: z.optional(nip),
    from: calendarDate.check(z.describe('First day of the period (inclusive), in the region\'s zone.')),
    until: calendarDate.check(z.describe('Last day of the period (inclusive), in the region\'s zone.')),
  })
  .check(
    z.refine((acting) => acting.until >= acting.from, {
      path: ['until'],
      message: 'tanggal akhir tidak boleh sebelum tanggal mulai / until may not be before from',
    }),
  )
  .register(z.globalRegistry, { id: 'Acting' });
export type Acting = z.infer<typeof Acting>;

export interface RoleHolder {
  name: string;
  email: string;
  title?: string;
  nip?: string;
  /** True when an acting official holds the role on that day. */
  acting: boolean;
}

/** The acting official when their period covers `today` (a YYYY-MM-DD in the region's zone), else the permanent holder. */
export function holderOn(
  person: { name: string; email: string; title?: string | undefined; nip?: string | undefined; acting?: Acting | undefined },
  today: string,
): RoleHolder {
  const { acting } = person;
  if (acting && acting.from <= today && today <= acting.until) {
    return { name: acting.name, email: acting.email, title: acting.title, ...(acting.nip ? { nip: acting.nip } : {}), acting: true };
  }
  return { name: person.name, email: person.email, ...(person.title ? { title: person.title } : {}), ...(person.nip ? { nip: person.nip } : {}), acting: false };
}

/** How a page or e-mail greets an approver: an acting official by their title first. */
export function addressOf(approver: { name: string; title?: string | undefined; acting?: boolean | undefined }): string {
  return approver.acting && approver.title ? `${approver.title}, ${approver.name}` : approver.name;
}
