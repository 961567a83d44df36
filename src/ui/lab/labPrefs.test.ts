import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../lab/memoryStorage.ts';
import { createLabStore } from '../../store/labStore.ts';
import { createPlayerStore } from '../../store/player.ts';
import { createLabController } from './labController.ts';
import { LAB_PREFS_KEY, readLabPrefs, writeLabPrefs } from './labPrefs.ts';

/** A storage whose every use throws, as Safari's in some private modes. */
const refusing = {
  getItem: (): string | null => {
    throw new Error('SecurityError');
  },
  setItem: (): void => {
    throw new Error('QuotaExceededError');
  },
  removeItem: (): void => {},
};

describe('lab layout preferences (kim.labui.v1)', () => {
  it('read back what was written, beside the saved lab and not in it', () => {
    const storage = memoryStorage();
    expect(readLabPrefs(storage)).toEqual({ bigConsole: false });
    writeLabPrefs(storage, { bigConsole: true });
    expect(storage.data.get('kim.labui.v1')).toBe('{"bigConsole":true}');
    expect(storage.data.has('kim.lab.v1')).toBe(false);
    expect(readLabPrefs(storage)).toEqual({ bigConsole: true });
    writeLabPrefs(storage, { bigConsole: false });
    expect(readLabPrefs(storage)).toEqual({ bigConsole: false });
  });

  it('read a missing, corrupt or foreign value as the defaults, never throwing', () => {
    expect(readLabPrefs(undefined)).toEqual({ bigConsole: false });
    expect(readLabPrefs(refusing)).toEqual({ bigConsole: false });
    for (const raw of ['', '{not json', 'null', '[true]', 'true', '{"bigConsole":"yes"}', '{}']) {
      const storage = memoryStorage();
      storage.setItem(LAB_PREFS_KEY, raw);
      expect(readLabPrefs(storage), raw).toEqual({ bigConsole: false });
    }
  });

  it('a storage that refuses to write leaves the page going', () => {
    expect(() => writeLabPrefs(refusing, { bigConsole: true })).not.toThrow();
    expect(() => writeLabPrefs(undefined, { bigConsole: true })).not.toThrow();
  });

  it('the controller’s toggle changes the store and keeps the choice; a new page starts from it', () => {
    const storage = memoryStorage();
    const store = createLabStore({ mode: 'lab' });
    const controller = createLabController({
      store,
      player: createPlayerStore({ stepCount: 0 }),
      storage,
    });
    expect(store.getState().bigConsole).toBe(false);
    controller.setBigConsole(true);
    expect(store.getState().bigConsole).toBe(true);
    expect(readLabPrefs(storage)).toEqual({ bigConsole: true });
    // The same again changes nothing (the store keeps its snapshot).
    const before = store.getState();
    controller.setBigConsole(true);
    expect(store.getState()).toBe(before);
    // The next visit's store starts where the learner left it.
    expect(createLabStore({ bigConsole: readLabPrefs(storage).bigConsole }).getState()).toEqual(
      expect.objectContaining({ bigConsole: true, mode: 'guided', status: 'idle' }),
    );
    controller.setBigConsole(false);
    expect(readLabPrefs(storage)).toEqual({ bigConsole: false });
  });
});
