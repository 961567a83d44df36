import type { ChangeEvent } from 'react';
import {
  SPEEDS,
  selectCursor,
  selectSpeed,
  selectStatus,
  selectStepCount,
} from '../../store/player.ts';
import { usePlayer, usePlayerStore } from '../PlayerStoreContext.tsx';
import { TICKER_SLOT_ID } from '../stage/PacketTicker.tsx';
import { useT } from '../ViewStoreContext.tsx';
import { scrollBehavior } from './useFollowStep.ts';

function Glyph({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

const GLYPHS = {
  restart: 'M3 2h2v12H3zM14 2v12L6 8z',
  previous: 'M2 2h2v12H2zM13 2v12L5 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  next: 'M12 2h2v12h-2zM3 2v12l8-6z',
};

/**
 * The player's controls: restart, previous, play/pause, next, a timeline to scrub, the speed
 * and "Step 4 of 11". Buttons that cannot act right now stay focusable (aria-disabled) so
 * focus never falls off the page mid-lesson.
 */
export function PlayerControls({ stepTitle }: { stepTitle: string }) {
  const t = useT();
  const store = usePlayerStore();
  const status = usePlayer(selectStatus);
  const cursor = usePlayer(selectCursor);
  const stepCount = usePlayer(selectStepCount);
  const speed = usePlayer(selectSpeed);
  const playing = status === 'playing';
  const atStart = cursor === 0;
  const atEnd = cursor >= stepCount - 1;
  const current = stepCount === 0 ? 0 : cursor + 1;
  const progress = t('player.progress', { current, total: stepCount });

  const onSeek = (event: ChangeEvent<HTMLInputElement>) =>
    store.getState().seek(Number(event.currentTarget.value) - 1);
  const onSpeed = (event: ChangeEvent<HTMLSelectElement>) =>
    store.getState().setSpeed(Number(event.currentTarget.value));

  return (
    <fieldset className="player" id="player" tabIndex={-1}>
      <legend className="visually-hidden">{t('player.label')}</legend>
      <div className="player-top">
        <p className="player-progress" data-testid="progress">
          {progress}
        </p>
        {/* On a phone the narration is far above the diagram: the pinned player names the step,
            and a tap brings its whole text into view (hidden on wide screens, where the
            narration sits right under the player). */}
        <button
          type="button"
          className="player-title"
          title={t('player.toNarration')}
          onClick={() =>
            document
              .querySelector('.narration')
              ?.scrollIntoView({ block: 'start', behavior: scrollBehavior() })
          }
        >
          {stepTitle}
        </button>
        <label className="player-speed">
          <span className="player-speed-label">{t('player.speed')}</span>
          <select value={speed} onChange={onSpeed}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* On a phone: what the flying packet carries (the stage has no room for its label). */}
      <div className="player-ticker" id={TICKER_SLOT_ID} aria-hidden="true" />
      <div className="player-timeline">
        <label htmlFor="player-timeline" className="visually-hidden">
          {t('player.timeline')}
        </label>
        <input
          id="player-timeline"
          type="range"
          min={1}
          max={Math.max(1, stepCount)}
          step={1}
          value={Math.max(1, current)}
          disabled={stepCount <= 1}
          aria-valuetext={t('player.timeline.value', {
            current,
            total: stepCount,
            title: stepTitle,
          })}
          onChange={onSeek}
        />
      </div>
      <div className="player-buttons">
        <button
          type="button"
          className="player-button player-button--minor"
          onClick={() => store.getState().restart()}
          aria-disabled={status === 'idle'}
        >
          <Glyph d={GLYPHS.restart} />
          <span>{t('player.restart')}</span>
        </button>
        <button
          type="button"
          className="player-button"
          onClick={() => store.getState().previous()}
          aria-disabled={atStart}
        >
          <Glyph d={GLYPHS.previous} />
          <span>{t('player.previous')}</span>
        </button>
        <button
          type="button"
          className="player-button player-button--primary"
          onClick={() => store.getState().togglePlay()}
          // Nothing to play yet (the lab before its first command): marked so, like Next.
          aria-disabled={stepCount === 0}
          data-status={status}
        >
          <Glyph d={playing ? GLYPHS.pause : GLYPHS.play} />
          <span>{playing ? t('player.pause') : t('player.play')}</span>
        </button>
        <button
          type="button"
          className="player-button"
          onClick={() => store.getState().next()}
          aria-disabled={atEnd}
        >
          <span>{t('player.next')}</span>
          <Glyph d={GLYPHS.next} />
        </button>
      </div>
      <p className="player-keys">{t('player.keys')}</p>
    </fieldset>
  );
}
