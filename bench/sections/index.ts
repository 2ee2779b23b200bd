// The benchmark sections, in the order they run: add a module here to add a section.
import type { BenchSection } from '../support/section.ts';
import { coldStart } from './cold-start.ts';
import { faultFreeze } from './fault-freeze.ts';
import { growth } from './growth.ts';
import { intake } from './intake.ts';
import { national } from './national.ts';
import { reads } from './reads.ts';
import { reportCost } from './report-cost.ts';
import { signatoryImport } from './signatory-import.ts';

export const sections: BenchSection[] = [coldStart, intake, reads, reportCost, growth, signatoryImport, faultFreeze, national];
