import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BASE_STEP_MS,
  type Scheduler,
  startPlaybackDriver,
  stepDuration,
} from './playbackDriver.ts';
import { createPlayerStore } from './player.ts';

const timers: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('playback driver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('advances one step per interval while playing and stops at the end', () => {
    const store = createPlayerStore({ stepCount: 4 });
    const stop = startPlaybackDriver(store, timers);
    store.getState().play();
    vi.advanceTimersByTime(BASE_STEP_MS - 1);
    expect(store.getState().cursor).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.getState().cursor).toBe(1);
    vi.advanceTimersByTime(BASE_STEP_MS * 2);
    expect(store.getState()).toMatchObject({ cursor: 3, status: 'finished' });
    expect(vi.getTimerCount()).toBe(0);
    stop();
  });

  it('does nothing while idle or paused', () => {
    const store = createPlayerStore({ stepCount: 4 });
    const stop = startPlaybackDriver(store, timers);
    vi.advanceTimersByTime(BASE_STEP_MS * 10);
    expect(store.getState().cursor).toBe(0);
    store.getState().play();
    store.getState().pause();
    vi.advanceTimersByTime(BASE_STEP_MS * 10);
    expect(store.getState()).toMatchObject({ cursor: 0, status: 'paused' });
    expect(vi.getTimerCount()).toBe(0);
    stop();
  });

  it('follows the speed: at 4× a step lasts a quarter of the base interval', () => {
    expect(stepDuration(4)).toBe(BASE_STEP_MS / 4);
    expect(stepDuration(0.5)).toBe(BASE_STEP_MS * 2);
    const store = createPlayerStore({ stepCount: 10, speed: 4 });
    const stop = startPlaybackDriver(store, timers);
    store.getState().play();
    vi.advanceTimersByTime(BASE_STEP_MS);
    expect(store.getState().cursor).toBe(4);
    store.getState().setSpeed(0.5);
    vi.advanceTimersByTime(BASE_STEP_MS * 2 - 1);
    expect(store.getState().cursor).toBe(4);
    vi.advanceTimersByTime(1);
    expect(store.getState().cursor).toBe(5);
    stop();
  });

  it('gives a step chosen by seeking its full time on screen', () => {
    const store = createPlayerStore({ stepCount: 10 });
    const stop = startPlaybackDriver(store, timers);
    store.getState().play();
    vi.advanceTimersByTime(BASE_STEP_MS - 10);
    store.getState().seek(6);
    vi.advanceTimersByTime(BASE_STEP_MS - 1);
    expect(store.getState().cursor).toBe(6);
    vi.advanceTimersByTime(1);
    expect(store.getState().cursor).toBe(7);
    stop();
  });

  it('stops advancing once stopped, and leaves no timer behind', () => {
    const store = createPlayerStore({ stepCount: 10 });
    const stop = startPlaybackDriver(store, timers);
    store.getState().play();
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(BASE_STEP_MS * 5);
    expect(store.getState()).toMatchObject({ cursor: 0, status: 'playing' });
  });

  it('starts at once if the player is already playing', () => {
    const store = createPlayerStore({ stepCount: 3 });
    store.getState().play();
    const stop = startPlaybackDriver(store, timers, 100);
    vi.advanceTimersByTime(100);
    expect(store.getState().cursor).toBe(1);
    stop();
  });
});
