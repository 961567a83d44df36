import type { Messages } from './types.ts';

/** 한국어 문구. Every key of `en` must be here too (the type checks it). */
export const ko: Messages = {
  'app.title': 'Kubernetes in Motion',
  'app.tagline': '클러스터가 생각하는 과정을 봅니다: 요청, 감시(watch), 결정을 한 단계씩.',
  'lang.label': '언어',
  'lang.ko': '한국어',
  'lang.en': 'English',
  'stage.label': '클러스터 무대',
  'stage.empty': '여기에 클러스터 다이어그램이 나타납니다.',
  'footer.note':
    '브라우저 안에서만 돌아가는 쿠버네티스 1.32 시뮬레이션입니다. 어떤 데이터도 밖으로 보내지 않습니다.',
};
