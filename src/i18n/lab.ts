/**
 * The lab's text (narration, notices, what-ifs, the lesson and the lab panels), registered when
 * the lab's code loads: imported for its effect by `src/lab/session.ts` and
 * `src/ui/lab/LabPanels.tsx`, both lazily loaded, so the first view does not carry it.
 */
import { registerMessages } from './index.ts';
import { labEn } from './lab.en.ts';
import { labKo } from './lab.ko.ts';
import { labPanelsEn } from './labpanels.en.ts';
import { labPanelsKo } from './labpanels.ko.ts';

registerMessages(labEn, labKo);
registerMessages(labPanelsEn, labPanelsKo);
