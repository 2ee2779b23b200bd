// The e-mail views as a dependency, for the functions that send mail: only they import them, so only they bundle them.
import { mails as views } from '#views/emails';

export const mails = () => views;
