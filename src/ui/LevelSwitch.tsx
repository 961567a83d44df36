import { STORY_LEVELS, type StoryLevel } from '../story/types.ts';
import { useT } from './ViewStoreContext.tsx';

const LABEL = { simple: 'level.simple', detailed: 'level.detailed' } as const;
const HINT = { simple: 'level.simple.hint', detailed: 'level.detailed.hint' } as const;

/**
 * Simple (the study note's six beats) or Detailed (every message, watches included). Two
 * pressed-state buttons, like the language switch, each with its one-line promise.
 */
export function LevelSwitch({
  level,
  onChange,
}: {
  level: StoryLevel;
  onChange: (level: StoryLevel) => void;
}) {
  const t = useT();
  return (
    <fieldset className="level-switch" data-testid="level-switch">
      <legend className="level-legend">{t('level.label')}</legend>
      <div className="level-options">
        {STORY_LEVELS.map((code) => (
          <button
            key={code}
            type="button"
            className="level-option"
            data-level={code}
            aria-pressed={level === code}
            onClick={() => onChange(code)}
          >
            <span className="level-name">{t(LABEL[code])}</span>
            <span className="level-hint">{t(HINT[code])}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
