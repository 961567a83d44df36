/**
 * The lab's panels. `Editor` is not exported here on purpose: use `LazyEditor` so the YAML
 * parser and highlighter load only when a file is opened.
 */
export { EtcdPanel, type EtcdPanelProps } from './EtcdPanel.tsx';
export type { EditorDraft, EditorFile, EditorProps, SaveResult } from './editorTypes.ts';
export { MAX_EDITOR_BYTES } from './editorTypes.ts';
export {
  describeCommand,
  Inspector,
  type InspectorProps,
  type InspectTarget,
} from './Inspector.tsx';
export { LazyEditor, preloadEditor } from './LazyEditor.tsx';
export { LessonPanel, type LessonPanelProps, lessonStates } from './LessonPanel.tsx';
export { SchedulerPanel, type SchedulerPanelProps } from './SchedulerPanel.tsx';
export { WhatIfPanel, type WhatIfPanelProps } from './WhatIfPanel.tsx';
