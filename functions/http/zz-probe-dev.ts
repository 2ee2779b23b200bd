import fc from 'fast-check';
export const probe = fc;
