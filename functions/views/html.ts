// HTML for people: escaping, one page layout, and the strict Content-Security-Policy that goes with it.
import { createHash } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Message } from '#domain/messages';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A tagged template that escapes every interpolated value unless it is already SafeHtml. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((item) => (item instanceof SafeHtml ? item.value : escapeHtml(item))).join('')
      : value instanceof SafeHtml
        ? value.value
        : value === undefined || value === null || value === false
          ? ''
          : escapeHtml(value);
    out += rendered + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

// Mobile first: the summary stacks label over value, and only from 600 px wide do they sit side by side.
const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1d2733;background:#f4f6f8}
body{margin:0;overflow-wrap:break-word}main{max-width:46rem;margin:0 auto;padding:1rem .75rem 3rem}
header.bar{background:#123b5d;color:#fff;padding:.75rem 1rem}header.bar strong{font-size:1.1rem;letter-spacing:.04em}
h1{font-size:1.35rem;line-height:1.3;margin:.6rem 0 .2rem}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}
.en{color:#5b6773;font-size:.92em}.card{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:.8rem .9rem;margin:1rem 0}
dl{margin:0}dt{font-weight:600;color:#3c4955;margin-top:.7rem}dt:first-child{margin-top:0}dd{margin:0;overflow-wrap:anywhere}
@media (min-width:600px){main{padding:1.5rem 1rem 3rem}.card{padding:1rem 1.2rem}dl.summary{display:grid;grid-template-columns:11rem minmax(0,1fr);gap:.35rem 1rem}dl.summary dt{margin:0}}
ul.decisions{padding-left:1.1rem;margin:.3rem 0}ul.decisions li{margin:.5rem 0}.decision{overflow-wrap:anywhere}
fieldset{border:1px solid #d8dee4;border-radius:6px;margin:.8rem 0;padding:.6rem .9rem;min-width:0}legend{font-weight:600;padding:0 .3rem}
label{display:block;margin:.35rem 0}select,input[type=text],textarea{width:100%;max-width:100%;box-sizing:border-box;font:inherit;padding:.45rem;border:1px solid #6b7785;border-radius:4px;background:#fff}
textarea{min-height:7rem}button{font:inherit;font-weight:600;background:#123b5d;color:#fff;border:0;border-radius:6px;padding:.65rem 1.3rem;cursor:pointer}
.errors{background:#fdecea;border:1px solid #e0a39a;border-radius:6px;padding:.6rem 1rem;color:#7a1f12}.field-error{color:#a0281a;font-size:.9em;display:block}
.errors a{color:#7a1f12;font-weight:600}.jump{margin:.6rem 0}.jump a{font-weight:600}.req{color:#7a1f12;font-size:.9em;font-weight:normal}
fieldset.choices{border:0;padding:0;margin:.6rem 0}fieldset.choices legend{padding:0}.choices label{padding:.2rem 0}.group{margin:.5rem 0 0;font-weight:600}
.ok{background:#e8f5ec;border:1px solid #9ccaa9;border-radius:6px;padding:.8rem 1rem}.muted{color:#5b6773}
.next{border-left:4px solid #123b5d;background:#fff;padding:.6rem .9rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e8ec;padding:.4rem .3rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.8rem;font-size:.9rem}
code,a{overflow-wrap:anywhere}.when{white-space:nowrap}ol.timeline{padding-left:1.2rem}ol.timeline li{margin:.25rem 0}button .en{color:#dfe7ee}
`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** No scripts, no frames, no outside loads; forms post only back to this origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A whole HTML document: one style sheet (allowed by its hash in the answer's CSP), no scripts, never indexed,
 *  never sending the page's address (a decision link) as a Referer. */
export function htmlDocument(title: string, style: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function page(title: string, body: SafeHtml): string {
  return htmlDocument(`${title} · netra`, STYLE, `<header class="bar"><strong>netra</strong> · Netralitas ASN</header>
<main>
${body.value}
</main>`);
}

/** An HTML response: never cached, never framed, never leaking the link in a Referer. */
export function htmlResponse(status: number, title: string, body: SafeHtml, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      ...headers,
    },
    body: page(title, body),
  };
}

/** A simple page for errors and outcomes: what happened, then what happens next; Indonesian first, English below. */
export function messagePage(status: number, title: Message, text: Message, next?: Message): APIGatewayProxyResult {
  return htmlResponse(
    status,
    title.id,
    html`<h1>${title.id} <span class="en">${title.en}</span></h1>
<p>${text.id}</p><p class="en">${text.en}</p>
${next ? html`<div class="next"><p><strong>Selanjutnya</strong> ${next.id}</p><p class="en"><strong>Next</strong> ${next.en}</p></div>` : ''}`,
  );
}
