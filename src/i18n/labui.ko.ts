import type { labuiEn } from './labui.en.ts';

/** 실습 화면(콘솔, 네임스페이스 패널, 그룹 기준, 안내 투어와 라이브 클러스터 전환)의 한국어 문구. */
export const labuiKo: Record<keyof typeof labuiEn, string> = {
  'labui.title': '직접 해 보는 실습',
  'labui.intro':
    '투어가 끝난 자리에서 이어지는 시뮬레이션 클러스터에 kubectl 명령을 입력하고, 명령마다 다이어그램에서 일어나는 일을 봅니다.',
  'labui.enter': '직접 해 보기',
  'labui.back': '안내 투어로 돌아가기',
  'labui.bigConsole': '콘솔 크게',
  'labui.bigConsole.hint':
    '이 열의 대부분을 콘솔에 줍니다. 설명은 제목만 남고 ‘더 보기’로 펼칩니다.',
  'labui.mode.lab': '라이브 클러스터',
  'labui.mode.guided': '안내 투어',
  'labui.status.loading': '클러스터를 시작하는 중…',
  'labui.status.failed': '실습을 시작하지 못했습니다: {error}',
  'labui.retry': '다시 시도',
  'labui.start.title': '내 클러스터',
  'labui.start.text':
    '투어가 끝난 그대로의 클러스터입니다. web 파드가 Running 상태입니다. 아래에 명령을 입력하면 그 메시지가 여기서 한 단계씩 재생됩니다.',
  'labui.console.label': 'kubectl 콘솔',
  'labui.console.input': '명령 입력',
  'labui.console.placeholder': 'kubectl get pods',
  'labui.console.context': '{context} · 네임스페이스: {namespace}',
  'labui.console.contextLabel': '현재 컨텍스트',
  'labui.console.run': '실행',
  'labui.console.clear': '지우기',
  'labui.console.copy': '출력 복사',
  'labui.console.copied': '복사했습니다',
  'labui.console.copyFailed': '복사하지 못했습니다',
  'labui.console.empty': '출력이 여기에 나타납니다. 예: kubectl get namespaces',
  'labui.console.hint':
    'Enter 실행 · ↑ ↓ 이전 명령 · Tab 자동 완성(완성할 것이 없으면 다음 항목으로 이동)',
  'labui.console.choices': '자동 완성 후보',
  'labui.console.answerInput': 'kubectl에 보낼 대답: {question}',
  'labui.console.answerPlaceholder': 'kubectl이 대답을 기다립니다: y 입력 후 Enter',
  'labui.console.answerHint':
    'kubectl이 대답을 기다리고 있습니다: y를 입력하고 Enter를 누르면 계속하고, 다른 입력은 취소됩니다 · Ctrl+C로 중단',
  'labui.console.queued': '클러스터가 준비되면 실행됩니다.',
  'labui.console.edit': '{path} 파일을 편집기에서 엽니다.',
  'labui.notice.dismiss': '닫기',
  'labui.toConsole': '명령 입력하기 ↓',
  'labui.skipped':
    '방금 실행한 명령으로 건너뛰었습니다. 재생하지 않은 이전 단계가 {count}개 있습니다.',
  'labui.skipped.one':
    '방금 실행한 명령으로 건너뛰었습니다. 재생하지 않은 이전 단계가 하나 있습니다.',
  'labui.skipped.play': '건너뛴 단계 재생',
  'labui.skipped.play.one': '건너뛴 단계 재생',
  'labui.typedIn':
    '명령은 투어의 {step}단계가 아니라 투어가 끝난 뒤의 실습 클러스터(web 파드가 Running인 상태)에서 실행되었습니다. “안내 투어로 돌아가기”를 누르면 {step}단계로 돌아갑니다.',
  'labui.ns.pods': '파드 {count}개',
  'labui.ns.none': '아직 네임스페이스가 없습니다.',
  'labui.pod.open': '파드 {name}, 네임스페이스 {namespace}, 노드 {node}, {status}: 자세히 보기',
  'labui.pod.openPending':
    '파드 {name}, 네임스페이스 {namespace}, {status}, 노드 배정 대기 중: 자세히 보기',
  'labui.node.open': '노드 {node}, {status}: 자세히 보기',
  'labui.panels.label': '라이브 클러스터 자세히 보기',
  'labui.tab.messages': '메시지',
  'labui.tab.lesson': '실습 과제',
  'labui.tab.whatif': '만약에…',
  'labui.tab.files': '파일',
  'labui.tab.scheduler': '스케줄러',
  'labui.tab.etcd': 'etcd',
  'labui.messages.none': '이 단계에서는 컴포넌트 사이에 오간 메시지가 없습니다.',
  'labui.panels.loading': '실습 패널을 불러오는 중…',
};
