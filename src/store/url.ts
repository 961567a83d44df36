import { isLang, type Lang } from '../i18n/index.ts';
import { STORY_LEVELS, type StoryLevel } from '../story/types.ts';
import { GROUP_BY, type GroupBy } from '../ui/stage/model.ts';

/**
 * The parts of the page state that live in the URL (automation contract: `?lang=`,
 * `?scenario=`, `?step=`, plus `?level=simple|detailed` and `?group=node|namespace`, how the stage
 * groups pods). `step` is 1-based, as a learner counts ("step 3 of 6"), and counts steps of the
 * level in the URL. `group` is written only when it is `namespace`, so the usual link stays short.
 */
export interface UrlState {
  lang?: Lang;
  scenario?: string;
  step?: number;
  level?: StoryLevel;
  group?: GroupBy;
}

/** Is `value` one of the story's levels? */
export function isLevel(value: unknown): value is StoryLevel {
  return (STORY_LEVELS as readonly unknown[]).includes(value);
}

const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Read URL state from a query string; unknown or malformed values are ignored. */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const lang = params.get('lang');
  if (isLang(lang)) state.lang = lang;
  const scenario = params.get('scenario');
  if (scenario && SCENARIO_ID.test(scenario)) state.scenario = scenario;
  const step = params.get('step');
  if (step && /^[1-9][0-9]{0,5}$/.test(step)) state.step = Number(step);
  const level = params.get('level');
  if (isLevel(level)) state.level = level;
  const group = params.get('group');
  if ((GROUP_BY as readonly unknown[]).includes(group)) state.group = group as GroupBy;
  return state;
}

/** Return `search` with the URL state written in, keeping every other parameter. */
export function writeUrlState(search: string, state: UrlState): string {
  const params = new URLSearchParams(search);
  if (state.lang) params.set('lang', state.lang);
  if (state.scenario) params.set('scenario', state.scenario);
  if (state.step !== undefined) params.set('step', String(state.step));
  if (state.level) params.set('level', state.level);
  // The default grouping leaves no trace in the URL (and removes an old `?group=namespace`).
  if (state.group === 'namespace') params.set('group', state.group);
  else if (state.group === 'node') params.delete('group');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The language to start in: `?lang=` wins, then the browser's preferred languages
 * (Korean if any of them is Korean before English), then English.
 */
export function initialLang(search: string, preferred: readonly string[]): Lang {
  const fromUrl = readUrlState(search).lang;
  if (fromUrl) return fromUrl;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ko') return 'ko';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
