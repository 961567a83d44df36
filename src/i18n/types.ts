import type { en } from './en.ts';
import type { labEn } from './lab.en.ts';
import type { labPanelsEn } from './labpanels.en.ts';

/** Keys of the catalog the first view ships with (`en.ts`, `ko.ts`). */
export type CoreKey = keyof typeof en;
/**
 * Every key: the core ones and the lab's (`lab.*.ts`, `labpanels.*.ts`), which travel with the
 * lab's lazily loaded code and are added by `registerMessages` when it arrives.
 */
export type MessageKey = CoreKey | keyof typeof labEn | keyof typeof labPanelsEn;
/** A language's core catalog. */
export type Messages = Record<CoreKey, string>;
export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];
