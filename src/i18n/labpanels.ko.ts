import type { labPanelsEn } from './labpanels.en.ts';

/** 실습 패널(`src/ui/lab/panels/`)의 한국어 문구. Every key of `labPanelsEn` must be here too. */
export const labPanelsKo: Record<keyof typeof labPanelsEn, string> = {
  'labPanel.editor.title': '파일',
  'labPanel.editor.files': '작업 공간의 파일',
  'labPanel.editor.noFiles': '작업 공간이 비어 있습니다.',
  'labPanel.editor.empty':
    '열린 파일이 없습니다. 위에서 고르거나 콘솔에 vim 파일이름을 입력하세요.',
  'labPanel.editor.loadFailed':
    '편집기를 불러오지 못했습니다(오프라인일 수 있습니다). 파일은 그대로 있습니다. 콘솔에서 cat 파일이름으로 볼 수 있습니다.',
  'labPanel.editor.retry': '다시 시도',
  'labPanel.editor.loading': '편집기를 불러오는 중…',
  'labPanel.editor.new': '새 파일',
  'labPanel.editor.newName': '새 파일 이름',
  'labPanel.editor.create': '만들기',
  'labPanel.editor.cancel': '취소',
  'labPanel.editor.newNameInvalid':
    'app.yaml처럼 영문자, 숫자, “.”, “-”, “_”, “/”로 된 이름을 쓰세요.',
  'labPanel.editor.newNameExists': '{file} 파일이 이미 있습니다.',
  'labPanel.editor.save': '저장',
  'labPanel.editor.saved': '저장됨',
  'labPanel.editor.unsaved': '저장 안 됨',
  'labPanel.editor.unsavedChanges': '저장하지 않은 변경 사항',
  'labPanel.editor.delete': '삭제',
  'labPanel.editor.deleteFile': '{file} 삭제',
  'labPanel.editor.confirmDelete': '{file} 파일을 삭제할까요? 되돌릴 수 없습니다.',
  'labPanel.editor.textarea': '{file}의 내용',
  'labPanel.editor.help':
    'Tab 키는 공백 두 칸을 넣습니다. 키보드로 편집기를 벗어나려면 Esc를 누른 다음 Tab을 누르세요. Ctrl+S(⌘S)로 저장합니다.',
  'labPanel.editor.cursor': '{line}행 {col}열',
  'labPanel.editor.size': '{size} / {max} KB',
  'labPanel.editor.tooLarge':
    '{file} 파일은 {size} KB입니다. 편집기는 {max} KB까지만 엽니다. 콘솔에서 cat {file} 명령으로 읽어 보세요.',
  'labPanel.editor.draftTooLarge':
    '너무 커서 저장할 수 없습니다: {size} KB (최대 {max} KB). 내용은 그대로 있으니 줄이면 저장할 수 있습니다.',
  'labPanel.editor.saveFailed': '저장하지 못했습니다: {error}',
  'labPanel.editor.changedOutside':
    '편집하는 동안 {file} 파일이 작업 공간에서 (콘솔 명령으로) 바뀌었습니다.',
  'labPanel.editor.loadNew': '내 변경을 버리고 새 내용 불러오기',
  'labPanel.editor.problems.none': '문제가 없습니다.',
  'labPanel.editor.problems.one': '문제 1개',
  'labPanel.editor.problems.many': '문제 {count}개',
  'labPanel.editor.problem.at': '{line}행 {col}열',
  'labPanel.editor.check.syntax': 'YAML 오류: {message}',
  'labPanel.editor.check.duplicateKey':
    '같은 맵에 이미 있는 키입니다. kubectl은 마지막 값을 쓰고 앞의 값은 버립니다.',
  'labPanel.editor.check.apiVersion':
    'apiVersion이 없습니다: kubectl은 이것으로 어느 API에 보낼지 정합니다 (Pod나 Namespace는 v1, Deployment는 apps/v1).',
  'labPanel.editor.check.kind':
    'kind가 없습니다: kubectl은 이것이 무엇인지(Pod, Namespace, Deployment …) 알아야 합니다.',
  'labPanel.editor.check.name':
    'metadata.name이 없습니다: kubectl이나 API 서버가 거절합니다 (metadata.name: Required value: name or generateName is required).',
  'labPanel.editor.check.badName':
    'metadata.name “{name}”: 올바른 이름이 아닙니다. 영문 소문자, 숫자, “-”, “.”만 쓰고 영문자나 숫자로 시작하고 끝나야 합니다.',
  'labPanel.editor.check.notMap':
    '이 문서는 키-값 매핑이 아닙니다: kubectl은 맨 위에 apiVersion:, kind:, metadata: 같은 키를 기대합니다.',
  'labPanel.editor.check.control': '매니페스트에는 제어 문자({char})를 쓸 수 없습니다.',
  'labPanel.editor.check.tooDeep': '매니페스트라기엔 너무 깊게 중첩되어 있습니다.',

  'labPanel.inspector.pod': '파드 {name}',
  'labPanel.inspector.node': '노드 {name}',
  'labPanel.inspector.command': '{command}의 출력:',
  'labPanel.inspector.close': '닫기',
  'labPanel.inspector.loading': 'API 서버에 묻는 중…',

  'labPanel.scheduler.title': '스케줄러: 최근 결정',
  'labPanel.scheduler.none':
    '아직 스케줄링 결정이 없습니다. 파드를 만들면 스케줄러가 노드를 거르고 점수 매기는 과정을 볼 수 있습니다.',
  'labPanel.scheduler.bound': '스케줄러가 {pod} 파드를 {node} 노드에 배정했습니다.',
  'labPanel.scheduler.pending':
    '{pod} 파드가 들어갈 노드가 없어 Pending 상태로 남습니다. 스케줄러는 아래 메시지로 FailedScheduling 이벤트를 남기고, 클러스터가 바뀌면 다시 시도합니다:',

  'labPanel.etcd.title': 'etcd',
  'labPanel.etcd.revision': '리비전 {revision}',
  'labPanel.etcd.shown': '키 {total}개 중 최근에 쓰인 {shown}개를 리소스별로 보여 줍니다.',
  'labPanel.etcd.hint':
    'etcd를 읽고 쓰는 것은 API 서버뿐입니다. 쓸 때마다 전체 리비전이 올라가고, 각 키는 마지막으로 쓰인 리비전(오브젝트의 resourceVersion)을 가집니다.',
  'labPanel.etcd.written.none': '최근 단계에서 쓰인 키가 없습니다.',
  'labPanel.etcd.written.one': '키 1개를 썼습니다.',
  'labPanel.etcd.written.many': '키 {count}개를 썼습니다.',
  'labPanel.etcd.writtenBadge': '쓰임',
  'labPanel.etcd.keyCount': '키 {count}개',
  'labPanel.etcd.key': '키',
  'labPanel.etcd.modRevision': '수정 리비전',
  'labPanel.etcd.empty': '아직 키가 없습니다.',

  'labPanel.whatif.title': '만약에…',
  'labPanel.whatif.intro':
    '버튼은 실제 명령을 콘솔에 입력합니다. 명령을 읽어 보고 직접 입력해 보세요.',
  'labPanel.whatif.nodes': '노드',
  'labPanel.whatif.workloads': '워크로드',
  'labPanel.whatif.namespaces': '네임스페이스',
  'labPanel.whatif.time': '시간',
  'labPanel.whatif.node': '노드',
  'labPanel.whatif.namespace': '네임스페이스',
  'labPanel.whatif.deployment': '디플로이먼트',
  'labPanel.whatif.replicas': '레플리카 수',
  'labPanel.whatif.seconds': '흘려보낼 시간',
  'labPanel.whatif.runs': '실행:',
  'labPanel.whatif.running': '{command} 실행 중… 끝나면 버튼을 다시 쓸 수 있습니다.',
  'labPanel.whatif.idle': '준비됨.',
  'labPanel.whatif.noNodes': '워커 노드가 없습니다.',
  'labPanel.whatif.noNamespace': '먼저 직접 네임스페이스를 만드세요. 예: blue.',
  'labPanel.whatif.noDeployment':
    '이 네임스페이스에는 레플리카 수를 조정할 디플로이먼트가 없습니다.',
  'labPanel.whatif.hint.stop-node':
    '노드가 조용해집니다. 50초 뒤 컨트롤 플레인이 NotReady로 표시하고, 5분 뒤 파드를 축출합니다(데몬셋 파드는 남습니다). 디플로이먼트의 파드는 다른 노드에 다시 생기고, 스테이트풀셋의 파드는 노드가 돌아오거나 삭제된 뒤에야 다시 생깁니다.',
  'labPanel.whatif.hint.start-node': 'kubelet이 다시 살아나 Ready를 보고하고 파드를 맞춥니다.',
  'labPanel.whatif.hint.fast-forward': '가상 시간을 흘려보내 느린 타임아웃을 지켜볼 수 있습니다.',
  'labPanel.whatif.hint.cordon':
    '노드를 스케줄 불가로 표시합니다. 새 파드는 다른 노드로 가고, 실행 중인 파드는 그대로입니다.',
  'labPanel.whatif.hint.uncordon': '스케줄러가 이 노드를 다시 쓸 수 있게 합니다.',
  'labPanel.whatif.hint.drain':
    '노드를 cordon하고 파드를 축출합니다. 데몬셋 파드는 남고, 컨트롤러가 없는 파드는 그냥 지워지며(--force), 나머지는 컨트롤러가 다른 노드에 다시 만듭니다.',
  'labPanel.whatif.hint.bad-image':
    '이미지를 받지 못합니다: ErrImagePull, 그다음 대기 시간이 늘어나는 ImagePullBackOff.',
  'labPanel.whatif.hint.crash-loop':
    'busybox에는 실행할 것이 없어 셸이 바로 끝납니다. kubelet이 다시 시작하지만 매번 더 오래 기다립니다: Completed, 그다음 CrashLoopBackOff.',
  'labPanel.whatif.hint.huge-cpu':
    '먼저 huge-cpu.yaml(가장 큰 노드의 두 배 CPU를 요청하는 파드)을 씁니다. 파드는 Pending으로 남고, 스케줄러 패널이 이유를 보여 줍니다.',
  'labPanel.whatif.hint.delete-namespace':
    '네임스페이스가 Terminating이 되고, 안의 모든 것이 지워진 뒤 사라집니다.',
  'labPanel.whatif.hint.scale':
    '레플리카셋 컨트롤러가 개수가 맞을 때까지 파드를 만들거나 지웁니다.',

  'labPanel.lesson.progress': '{total}단계 중 {done}단계 완료',
  'labPanel.lesson.done': '완료',
  'labPanel.lesson.next': '다음',
  'labPanel.lesson.todo': '할 일',
  'labPanel.kubectlEdit.waiting':
    'kubectl edit 명령은 편집기가 닫히기를 기다리는 중입니다({file}). 아래에서 오브젝트를 고친 뒤 적용하거나 취소하세요.',
  'labPanel.kubectlEdit.apply': '저장하고 적용',
  'labPanel.kubectlEdit.cancel': '편집 취소',
  'labPanel.kubectlEdit.open': 'kubectl edit 명령이 기다리는 파일 열기',
  'labPanel.lesson.type': '대신 입력',
  'labPanel.lesson.typeLabel': '콘솔에서 {command} 실행',
  'labPanel.lesson.complete':
    '과제 완료: 네임스페이스는 오브젝트를 나눌 뿐, 모든 파드는 여전히 같은 노드를 함께 씁니다.',
};
