// The frame of every e-mail netra sends: one fluid column with inline styles only, so a phone's mail app shows
// it whole, Indonesian first and the English paragraph below.
import { MAIL } from './case-summary.ts';
import { escapeHtml, html, type SafeHtml } from './html.ts';

export function emailHtml(title: string, body: SafeHtml): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>`
    + '<body style="margin:0;padding:0;background:#f4f6f8">'
    + '<div style="max-width:600px;margin:0 auto;padding:16px 12px;box-sizing:border-box;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1d2733;background:#ffffff;overflow-wrap:break-word;word-wrap:break-word">'
    + `${body.value}<p style="margin:20px 0 0;padding-top:8px;border-top:1px solid #d8dee4;${MAIL.small}">netra · Netralitas ASN. Identitas pelapor dirahasiakan. <span lang="en">The reporter's identity is confidential.</span></p></div></body></html>`;
}

/** The English paragraph below the Indonesian body. */
export function english(text: string): SafeHtml {
  return html`<p lang="en" style="margin:16px 0 0;padding-top:8px;border-top:1px solid #d8dee4;${MAIL.muted}">${text}</p>`;
}
