// The benchmark sections, in the order they run: add a module here to add a section.
import type { BenchSection } from '../support/section.ts';
import { signatoryImport } from './signatory-import.ts';

export const sections: BenchSection[] = [signatoryImport];
