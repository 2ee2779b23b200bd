// The 404s more than one use case answers, worded once.
import { NotFoundError } from './errors.ts';
import { joined, message } from './messages.ts';

/** No report with this id in the caller's region. */
export const reportNotFound = (id: string) => new NotFoundError(joined(message(`Laporan ${id} tidak ditemukan`, 'report not found')));

/** No region with this id. */
export const regionNotFound = (regionId: string) => new NotFoundError(joined(message(`Wilayah ${regionId} tidak ditemukan`, 'region not found')));
