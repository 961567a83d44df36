/**
 * English narration of the stories (`src/story/`): step titles and texts, message summaries.
 * Merged into `en`, so these keys are `MessageKey`s too. Owned by the story layer.
 */
export const storyEn = {
  'story.placeholder': 'Story text goes here.',
} as const;
