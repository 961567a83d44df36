/**
 * A message summary in the learner's words. Summaries carry component ids as parameters
 * (`kubelet/node1`, `controller-manager`); the learner should read the component's name in
 * their language ("kubelet (node1)", "컨트롤러 매니저"), the same name its card shows.
 */
import type { Lang, MessageKey } from '../../i18n/index.ts';
import { translate } from '../../i18n/index.ts';
import type { Text } from '../../story/types.ts';
import { parseRouteEnd } from '../stage/model.ts';

/** Parameters that name a component. */
const ACTOR_PARAMS = ['actor', 'from', 'to'] as const;

/** The display name of a component id (unknown ids, such as `kubectl`, are kept as written). */
export function componentName(lang: Lang, id: string): string {
  const parsed = parseRouteEnd(id);
  if (!parsed) return id;
  const name = translate(lang, `component.${parsed.kind}` as MessageKey);
  return parsed.node ? `${name} (${parsed.node})` : name;
}

/** Translate a message summary, naming components as their cards do. */
export function messageText(lang: Lang, text: Text): string {
  if (!text.params) return translate(lang, text.key);
  const params = { ...text.params };
  for (const key of ACTOR_PARAMS) {
    const value = params[key];
    if (typeof value === 'string') params[key] = componentName(lang, value);
  }
  return translate(lang, text.key, params);
}
