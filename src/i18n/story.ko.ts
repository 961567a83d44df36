import type { storyEn } from './story.en.ts';

/** 이야기(`src/story/`)의 한국어 해설. Every key of `storyEn` must be here too. */
export const storyKo: Record<keyof typeof storyEn, string> = {
  'story.placeholder': '이야기 문구가 들어갈 자리.',
};
