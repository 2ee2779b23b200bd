import { html } from '#views/html';
export const probe = html;
