// Content negotiation for routes with a page besides their JSON (a map, a person's record).

/** A browser asks for text/html first; curl's and most clients' Accept (*\/*, application/json) get JSON. */
export const wantsHtml = (accept = '') => /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
