// Field schemas shared by the request bodies: NIP, e-mail, names, dates, evidence links.
import * as z from 'zod/mini';
import { bilingual } from './messages.ts';
// Loaded with the schemas, so no validation message is a library's English-only default.
import './zod-messages.ts';

export const nip = /* @__PURE__ */ z.string().check(z.regex(/^\d{18}$/, bilingual('NIP harus 18 digit angka', 'NIP must be 18 digits')));

export const email = /* @__PURE__ */ z.email(bilingual('alamat e-mail tidak valid', 'invalid e-mail address')).check(z.maxLength(254));

/** Control characters other than tab and line breaks (a NUL in a location went on into the e-mails and pages), and
 *  halves of a surrogate pair, which UTF-8 cannot carry (JSON's \ud800 parses to one). */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;

export const text = (max: number) => z.string().check(
  z.trim(),
  z.minLength(1, bilingual('wajib diisi', 'required')),
  z.maxLength(max),
  z.refine((value) => !UNPRINTABLE.test(value), bilingual('berisi karakter yang tidak dapat dicetak (karakter kendali)', 'contains an unprintable (control) character')),
);

export const opdId = /* @__PURE__ */ z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, bilingual('id OPD di direktori (mis. disdik), bukan namanya: huruf, angka, titik, garis bawah atau strip, maksimal 64', 'the OPD\'s id in the directory (e.g. disdik), not its name: letters, digits, . _ -, at most 64')));

/** A calendar date (YYYY-MM-DD) that exists: 2024-02-30 does not. */
export const calendarDate = /* @__PURE__ */ z.iso.date(bilingual('tanggal tidak valid (YYYY-MM-DD)', 'invalid date (YYYY-MM-DD)'));

// zod's own patterns for a domain name and an IPv4 address (its `regexes.domain` and `regexes.ipv4`), written
// out: reached as z.regexes, they would bring all of zod's regexes module (6 KiB) into every function.
const DOMAIN = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;

export const httpUrl = /* @__PURE__ */ z
  .url({ protocol: /^https?$/, hostname: DOMAIN, error: bilingual('harus URL http(s)', 'must be an http(s) URL') })
  .check(z.maxLength(2048));

const inner = (pattern: RegExp) => pattern.source.replace(/^\^|\$$/g, '');
/** A webhook receiver: a domain name, `localhost` or an IP literal. Which of those may be delivered to is
 *  decided by webhook-address.ts (the directory refuses the rest with 400, the sender refuses them again). */
export const webhookUrl = /* @__PURE__ */ z
  .url({
    protocol: /^https?$/,
    hostname: new RegExp(`^(?:${inner(DOMAIN)}|(?:[a-z0-9-]+\\.)*localhost|${inner(IPV4)}|\\[[0-9a-fA-F:.]+\\])$`),
    error: 'harus URL http(s) / must be an http(s) URL',
  })
  .check(z.maxLength(2048));

export const evidenceUrls = /* @__PURE__ */ z._default(z.array(httpUrl).check(z.maxLength(20)), []);
