import type { errorsEn } from './errors.en.ts';

/** 오류 경계(`src/ui/ErrorBoundary.tsx`)의 한국어 문구: 패널을 그리지 못했을 때의 안내와 다시 그리는 버튼. */
export const errorsKo: Record<keyof typeof errorsEn, string> = {
  'errors.panel.title': '이 패널이 멈췄습니다.',
  'errors.panel.text':
    '패널을 그리는 중에 문제가 생겼습니다. 파일, 클러스터, 콘솔은 그대로입니다. 다시 시도하면 패널을 새로 그립니다.',
  'errors.panel.detail': '오류: {message}',
  'errors.retry': '다시 시도',
};
