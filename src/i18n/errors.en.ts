/**
 * English text of the error boundary (`src/ui/ErrorBoundary.tsx`): what a panel says when it
 * failed to draw, and the button that draws it again. Merged into `en`, so these keys are
 * `MessageKey`s too.
 */
export const errorsEn = {
  'errors.panel.title': 'This panel stopped working.',
  'errors.panel.text':
    'Something went wrong while drawing it. Your files, the cluster and the console are untouched: try again to draw the panel anew.',
  'errors.panel.detail': 'Error: {message}',
  'errors.retry': 'Try again',
} as const;
