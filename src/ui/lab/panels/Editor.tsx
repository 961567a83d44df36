/**
 * The lab's YAML editor: a textarea laid exactly over a highlighted copy of its text, with
 * line numbers, the current line, and squiggles under what the YAML parser and kubectl's
 * checks reject. Loaded lazily (see `LazyEditor.tsx`): it brings the YAML parser along.
 *
 * Why a textarea and not contenteditable: the browser then does the hard parts (IME for
 * Korean, undo, selection, mobile keyboards, screen readers) and the text can only ever be
 * text. The highlighted layer under it is React text nodes, never HTML.
 */
import {
  type KeyboardEvent,
  memo,
  type Ref,
  type UIEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useT } from '../../ViewStoreContext.tsx';
import {
  type EditorDraft as Draft,
  type EditorProps,
  kb,
  MAX_EDITOR_BYTES,
  utf8Length,
  validNewFileName,
} from './editorTypes.ts';
import { indentEdit, newlineEdit, outdentEdit, type TextEdit } from './editText.ts';
import { checksAsManifest, checkYaml, marksByLine, type Problem } from './yamlCheck.ts';
import { createLineCache, markSegments, tokenizeYaml, type YamlToken } from './yamlTokens.ts';
import './panels.css';

type LineMark = { from: number; to: number; severity: Problem['severity'] };
const NO_MARKS: readonly LineMark[] = [];
/** Row ids for React keys (module-wide so two editors never share a key space by accident). */
let nextRowId = 0;

/** One highlighted line. Memoized: a keystroke re-renders only the line it changed. */
const CodeLine = memo(function CodeLine({
  tokens,
  marks,
}: {
  tokens: readonly YamlToken[];
  marks: readonly LineMark[];
}) {
  if (marks.length === 0) {
    return (
      <>
        {tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a line's tokens are re-made as a whole.
          <span key={i} className={`yt-${t.type}`}>
            {t.text}
          </span>
        ))}
      </>
    );
  }
  const severityAt = (col: number) =>
    marks.some((m) => m.severity === 'error' && col >= m.from && col < Math.max(m.to, m.from + 1))
      ? 'error'
      : 'warning';
  let col = 0;
  return (
    <>
      {markSegments(tokens, marks).map((s, i) => {
        const at = col;
        col += s.text.length;
        const cls = s.marked ? `yt-${s.type} ed-mark ed-mark--${severityAt(at)}` : `yt-${s.type}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a line's segments are re-made as a whole.
          <span key={i} className={cls}>
            {s.text}
          </span>
        );
      })}
    </>
  );
});

/** Line numbers with a mark on lines that have problems. Re-renders only when they change. */
const Gutter = memo(function Gutter({
  lines,
  current,
  marks,
  innerRef,
}: {
  lines: number;
  current: number;
  marks: ReadonlyMap<number, readonly LineMark[]>;
  innerRef: Ref<HTMLDivElement>;
}) {
  return (
    <div className="ed-gutter" aria-hidden="true">
      <div className="ed-gutter-inner" ref={innerRef}>
        {Array.from({ length: lines }, (_, i) => {
          const lm = marks.get(i + 1);
          const sev = lm?.some((m) => m.severity === 'error')
            ? 'error'
            : lm
              ? 'warning'
              : undefined;
          return (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: line numbers are positions.
              key={i}
              className={`ed-num${i + 1 === current ? ' is-current' : ''}${sev ? ` ed-num--${sev}` : ''}`}
            >
              {sev ? <span className="ed-num-mark">{sev === 'error' ? '!' : '?'}</span> : null}
              {i + 1}
            </div>
          );
        })}
      </div>
    </div>
  );
});

/** Apply an edit through the browser's editing command, which keeps undo (Ctrl+Z) working. */
function applyEdit(ta: HTMLTextAreaElement, edit: TextEdit, onText: (text: string) => void) {
  ta.setSelectionRange(edit.from, edit.to);
  let done = false;
  try {
    // Deprecated but still the only way to edit a textarea that the undo stack records.
    done =
      edit.insert === ''
        ? document.execCommand('delete', false)
        : document.execCommand('insertText', false, edit.insert);
  } catch {
    done = false;
  }
  if (!done) {
    ta.setRangeText(edit.insert, edit.from, edit.to, 'end');
    onText(ta.value);
  }
  ta.setSelectionRange(edit.selectionStart, edit.selectionEnd);
}

/** How long typing must pause before the text is parsed again: longer for longer texts. */
export function checkDelay(length: number): number {
  return length < 4096 ? 120 : length < 16384 ? 300 : 600;
}

/** 1-based line and column of the caret. */
function caretOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * The YAML file editor: file tabs, the code area, a status line with Save, and the problems
 * list. Plain props (see `EditorProps`); unsaved drafts of every file are kept while the
 * editor stays mounted.
 */
export function Editor({
  files,
  path,
  content,
  open,
  save,
  remove,
  newFile,
  onDirtyChange,
  keepDrafts,
}: EditorProps) {
  const t = useT();
  const id = useId();
  const taRef = useRef<HTMLTextAreaElement>(null);
  const escArmed = useRef(false);
  /** The textarea's scroll offsets, as its last scroll event reported them. */
  const scroll = useRef({ x: 0, y: 0 });
  const cache = useRef(createLineCache());
  const [drafts, setDrafts] = useState<Readonly<Record<string, Draft>>>(
    () => keepDrafts?.current ?? {},
  );
  // Mirror the drafts into the parent's box, so they survive this editor being unmounted.
  useEffect(() => {
    if (keepDrafts) keepDrafts.current = drafts;
  }, [drafts, keepDrafts]);
  const [caret, setCaret] = useState({ line: 1, col: 1 });
  const [status, setStatus] = useState<{ path: string; ok: boolean; error?: string } | null>(null);
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);

  const saved = content ?? '';
  // A new file gets a fresh textarea (see the surface's key), scrolled to the top.
  const shownPath = useRef(path);
  if (shownPath.current !== path) {
    shownPath.current = path;
    scroll.current = { x: 0, y: 0 };
  }
  const draft = path !== undefined ? drafts[path] : undefined;
  const text = draft ? draft.text : saved;
  const bytes = utf8Length(text);

  const fileTooLarge = !draft && utf8Length(saved) > MAX_EDITOR_BYTES;
  const tooLarge = bytes > MAX_EDITOR_BYTES;
  const changedOutside = draft !== undefined && draft.base !== saved;
  const anyDirty = Object.keys(drafts).length > 0;

  useEffect(() => {
    onDirtyChange?.(anyDirty);
  }, [anyDirty, onDirtyChange]);

  const setText = useCallback(
    (next: string) => {
      if (path === undefined) return;
      setStatus(null);
      setDrafts((all) => {
        const rest = { ...all };
        const base = all[path]?.base ?? saved;
        // Typing back to exactly what is saved leaves nothing unsaved.
        if (next === saved && base === saved) delete rest[path];
        else rest[path] = { text: next, base };
        return rest;
      });
    },
    [path, saved],
  );

  const dropDraft = useCallback((p: string) => {
    setDrafts((all) => {
      if (!(p in all)) return all;
      const rest = { ...all };
      delete rest[p];
      return rest;
    });
  }, []);

  const doSave = useCallback(() => {
    if (path === undefined || tooLarge) return;
    const res = save(path, text);
    if (res.ok) {
      dropDraft(path);
      setStatus({ path, ok: true });
    } else setStatus({ path, ok: false, error: res.error });
  }, [path, text, tooLarge, save, dropDraft]);

  const rowIds = useRef(new WeakMap<readonly YamlToken[], number>());
  const tokens = useMemo(
    () => (tooLarge || fileTooLarge ? [] : tokenizeYaml(text, cache.current)),
    [text, tooLarge, fileTooLarge],
  );
  // Rows keyed by their (cached) tokens, not their position: a new line then adds one row
  // instead of re-rendering every row below it.
  const rowKeys = useMemo(() => {
    const seen = new Map<number, number>();
    return tokens.map((line) => {
      let id = rowIds.current.get(line);
      if (id === undefined) {
        id = nextRowId++;
        rowIds.current.set(line, id);
      }
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      return `${id}.${n}`;
    });
  }, [tokens]);
  // Parsing waits until typing pauses; the highlighting above cannot (it must match the
  // caret). The YAML parser needs ~0.2 s for 60 KB, far too long to run on every key.
  const wanted = tooLarge || fileTooLarge ? '' : text;
  const [checked, setChecked] = useState({ path, text: wanted });
  // Another file is checked at once: its marks must not wait behind the previous file's.
  const checkedText = checked.path === path ? checked.text : wanted;
  useEffect(() => {
    if (checked.path === path && wanted === checked.text) return;
    const delay = checked.path === path ? checkDelay(wanted.length) : 0;
    const id = window.setTimeout(() => setChecked({ path, text: wanted }), delay);
    return () => window.clearTimeout(id);
  }, [path, wanted, checked]);
  // A Dockerfile or a web page is no manifest: nothing to check.
  const manifest = checksAsManifest(path);
  const problems = useMemo(() => (manifest ? checkYaml(checkedText) : []), [manifest, checkedText]);
  const marks = useMemo(() => marksByLine(checkedText, problems), [checkedText, problems]);
  const errors = problems.filter((p) => p.severity === 'error').length;

  const updateCaret = () => {
    const ta = taRef.current;
    if (ta) setCaret(caretOf(ta.value, ta.selectionStart));
  };

  // The code layer, the gutter and the current-line band follow the textarea's scrolling.
  // Their transforms are set directly: an inherited custom property would restyle every
  // highlighted span on each scroll.
  const layerRef = useRef<HTMLDivElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const bandRef = useRef<HTMLDivElement>(null);
  const place = useCallback(() => {
    const { x, y } = scroll.current;
    const set = (el: HTMLElement | null, transform: string) => {
      if (el && el.style.transform !== transform) el.style.transform = transform;
    };
    set(layerRef.current, `translate(${-x}px, ${-y}px)`);
    set(gutterRef.current, `translateY(${-y}px)`);
    set(bandRef.current, `translateY(${-y}px)`);
  }, []);
  const onScroll = (e: UIEvent<HTMLTextAreaElement>) => {
    scroll.current = { x: e.currentTarget.scrollLeft, y: e.currentTarget.scrollTop };
    place();
  };
  // The textarea is uncontrolled: React would otherwise rewrite its default text (one DOM
  // text node the size of the file) on every key. Its text is put in here, when it mounts and
  // when the text changes from outside (a discarded draft, the console rewriting the file).
  useLayoutEffect(() => {
    const ta = taRef.current;
    if (!ta || ta.value === text) return;
    // Setting the value puts the caret at the end: keep it where it was (at the top when new).
    const at = ta.value === '' ? 0 : Math.min(ta.selectionStart, text.length);
    ta.value = text;
    ta.setSelectionRange(at, at);
  });
  // After every render, from the remembered offsets (reading scrollTop here would force a
  // layout of the whole file on every key): a remounted layer must not start unmoved.
  useLayoutEffect(place);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const ta = e.currentTarget;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      doSave();
      return;
    }
    // Korean (and any IME) input: keys that finish a composition belong to the IME.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === 'Escape') {
      escArmed.current = true;
      return;
    }
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (e.key === 'Tab' && plain) {
      // Esc, then Tab: the keyboard way out of the editor (Tab alone indents).
      if (escArmed.current) {
        escArmed.current = false;
        return;
      }
      e.preventDefault();
      const edit = e.shiftKey
        ? outdentEdit(ta.value, ta.selectionStart, ta.selectionEnd)
        : indentEdit(ta.value, ta.selectionStart, ta.selectionEnd);
      if (edit) applyEdit(ta, edit, setText);
      updateCaret();
      return;
    }
    if (!['Shift', 'Control', 'Meta', 'Alt'].includes(e.key)) escArmed.current = false;
    if (e.key === 'Enter' && plain && !e.shiftKey) {
      e.preventDefault();
      applyEdit(ta, newlineEdit(ta.value, ta.selectionStart, ta.selectionEnd), setText);
      updateCaret();
    }
  };

  const goTo = (p: Problem) => {
    const ta = taRef.current;
    if (!ta) return;
    ta.focus();
    const at = Math.min(p.from, ta.value.length);
    ta.setSelectionRange(at, at);
    // Selecting does not scroll; bring the line into view (a third from the top).
    const lh = Number.parseFloat(getComputedStyle(ta).lineHeight) || 20;
    ta.scrollTop = Math.max(0, (p.line - 1) * lh - ta.clientHeight / 3);
    updateCaret();
  };

  const submitNew = () => {
    const name = newName.trim().replace(/^\.\//, '');
    if (!validNewFileName(name)) {
      setNewError(t('labPanel.editor.newNameInvalid'));
      return;
    }
    if (files.some((f) => f.name === name)) {
      setNewError(t('labPanel.editor.newNameExists', { file: name }));
      return;
    }
    setCreating(false);
    setNewName('');
    setNewError(undefined);
    newFile(name);
  };

  const confirmRemove = (name: string) => {
    setConfirming(undefined);
    dropDraft(name);
    remove(name);
  };

  // A file opened with `vim new.yaml` is listed before it exists.
  const names = files.map((f) => f.name);
  if (path !== undefined && !names.includes(path)) names.push(path);

  const headingId = `${id}-title`;
  const helpId = `${id}-help`;
  const summaryId = `${id}-summary`;
  const lineCount = tooLarge ? 0 : tokens.length;
  const statusFor = status && status.path === path ? status : null;

  return (
    <section className="lp-card ed" aria-labelledby={headingId} data-testid="lab-editor">
      <div className="lp-head">
        <h2 className="lp-title" id={headingId}>
          {t('labPanel.editor.title')}
        </h2>
        <button
          type="button"
          className="lp-button"
          onClick={() => {
            setCreating(true);
            setNewError(undefined);
          }}
          aria-expanded={creating}
        >
          + {t('labPanel.editor.new')}
        </button>
      </div>

      {creating ? (
        <form
          className="ed-new"
          onSubmit={(e) => {
            e.preventDefault();
            submitNew();
          }}
        >
          <label htmlFor={`${id}-new`}>{t('labPanel.editor.newName')}</label>
          <input
            id={`${id}-new`}
            className="lp-input"
            value={newName}
            placeholder="app.yaml"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the learner just asked for this field.
            autoFocus
            aria-invalid={newError ? true : undefined}
            aria-describedby={newError ? `${id}-new-error` : undefined}
            onChange={(e) => setNewName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setCreating(false);
            }}
          />
          <button type="submit" className="lp-button lp-button--primary">
            {t('labPanel.editor.create')}
          </button>
          <button type="button" className="lp-button" onClick={() => setCreating(false)}>
            {t('labPanel.editor.cancel')}
          </button>
          {newError ? (
            <p className="lp-error" id={`${id}-new-error`}>
              {newError}
            </p>
          ) : null}
        </form>
      ) : null}

      {names.length === 0 ? (
        <p className="lp-empty">{t('labPanel.editor.noFiles')}</p>
      ) : (
        <ul className="ed-files" aria-label={t('labPanel.editor.files')}>
          {names.map((name) => {
            const dirty = name in drafts;
            return (
              <li key={name} className="ed-file" data-open={name === path ? 'true' : undefined}>
                <button
                  type="button"
                  className="ed-file-open"
                  aria-current={name === path ? 'true' : undefined}
                  onClick={() => open(name)}
                  data-file={name}
                >
                  <span className="ed-file-name">{name}</span>
                  {dirty ? (
                    <span className="ed-dirty">
                      <span aria-hidden="true">●</span>
                      <span className="visually-hidden"> {t('labPanel.editor.unsaved')}</span>
                    </span>
                  ) : null}
                </button>
                <button
                  type="button"
                  className="ed-file-remove"
                  aria-label={t('labPanel.editor.deleteFile', { file: name })}
                  title={t('labPanel.editor.deleteFile', { file: name })}
                  onClick={() => setConfirming(name)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      {confirming !== undefined ? (
        <div className="ed-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('labPanel.editor.confirmDelete', { file: confirming })}</p>
          <button
            type="button"
            className="lp-button lp-button--danger"
            onClick={() => confirmRemove(confirming)}
          >
            {t('labPanel.editor.delete')}
          </button>
          <button
            type="button"
            className="lp-button"
            // biome-ignore lint/a11y/noAutofocus: the safe choice gets focus in a confirmation.
            autoFocus
            onClick={() => setConfirming(undefined)}
          >
            {t('labPanel.editor.cancel')}
          </button>
        </div>
      ) : null}

      {path === undefined ? (
        <p className="lp-empty">{t('labPanel.editor.empty')}</p>
      ) : fileTooLarge ? (
        <p className="lp-error" role="status">
          {t('labPanel.editor.tooLarge', {
            file: path,
            size: kb(utf8Length(saved)),
            max: kb(MAX_EDITOR_BYTES),
          })}
        </p>
      ) : (
        <>
          {changedOutside ? (
            <div className="ed-conflict" role="status">
              <p>{t('labPanel.editor.changedOutside', { file: path })}</p>
              <button type="button" className="lp-button" onClick={() => dropDraft(path)}>
                {t('labPanel.editor.loadNew')}
              </button>
            </div>
          ) : null}
          <div
            // A fresh textarea per file: its undo history must not reach into another file.
            key={path}
            className={`ed-surface${tooLarge ? ' ed-surface--plain' : ''}`}
            data-testid="lab-editor-surface"
          >
            <Gutter lines={lineCount} current={caret.line} marks={marks} innerRef={gutterRef} />
            <div className="ed-code">
              {tooLarge ? null : (
                <>
                  <div
                    ref={bandRef}
                    className="ed-current"
                    aria-hidden="true"
                    style={{ top: `calc(var(--ed-pad-y) + ${caret.line - 1} * var(--ed-lh))` }}
                  />
                  {/* One block per line: an edit re-lays out its own line, not the whole file. */}
                  <div ref={layerRef} className="ed-layer ed-pre" aria-hidden="true">
                    {tokens.map((line, i) => (
                      <div key={rowKeys[i]} className="ed-row">
                        <CodeLine tokens={line} marks={marks.get(i + 1) ?? NO_MARKS} />
                      </div>
                    ))}
                  </div>
                </>
              )}
              <textarea
                ref={taRef}
                className="ed-input"
                wrap="off"
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                autoCorrect="off"
                aria-label={t('labPanel.editor.textarea', { file: path })}
                aria-describedby={`${helpId} ${summaryId}`}
                aria-invalid={errors > 0 ? true : undefined}
                data-testid="lab-editor-input"
                onChange={(e) => {
                  setText(e.target.value);
                  updateCaret();
                }}
                onSelect={updateCaret}
                onScroll={onScroll}
                onKeyDown={onKeyDown}
              />
            </div>
          </div>
          <div className="ed-status">
            <span className="ed-caret">{t('labPanel.editor.cursor', caret)}</span>
            <span className={tooLarge ? 'ed-size ed-size--over' : 'ed-size'}>
              {t('labPanel.editor.size', { size: kb(bytes), max: kb(MAX_EDITOR_BYTES) })}
            </span>
            <span className="ed-state" role="status">
              {draft
                ? t('labPanel.editor.unsavedChanges')
                : statusFor?.ok
                  ? `✓ ${t('labPanel.editor.saved')}`
                  : ''}
            </span>
            <button
              type="button"
              className="lp-button lp-button--primary ed-save"
              onClick={doSave}
              aria-disabled={tooLarge ? true : undefined}
              aria-keyshortcuts="Control+S Meta+S"
            >
              {t('labPanel.editor.save')}
            </button>
          </div>
          {tooLarge ? (
            <p className="lp-error" role="alert">
              {t('labPanel.editor.draftTooLarge', {
                size: kb(bytes),
                max: kb(MAX_EDITOR_BYTES),
              })}
            </p>
          ) : null}
          {statusFor && !statusFor.ok ? (
            <p className="lp-error" role="alert">
              {t('labPanel.editor.saveFailed', { error: statusFor.error ?? '' })}
            </p>
          ) : null}
          <p className="ed-help" id={helpId}>
            {t('labPanel.editor.help')}
          </p>
          <div className="ed-problems">
            <p className="ed-problems-summary" id={summaryId}>
              {problems.length === 0
                ? t('labPanel.editor.problems.none')
                : problems.length === 1
                  ? t('labPanel.editor.problems.one')
                  : t('labPanel.editor.problems.many', { count: problems.length })}
            </p>
            {problems.length > 0 ? (
              <ul className="ed-problem-list" data-testid="lab-editor-problems">
                {problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems are re-listed as a whole.
                  <li key={i} className={`ed-problem ed-problem--${p.severity}`}>
                    <button type="button" className="ed-problem-go" onClick={() => goTo(p)}>
                      <span className="ed-problem-icon" aria-hidden="true">
                        {p.severity === 'error' ? '✗' : '!'}
                      </span>
                      <span className="ed-problem-at">
                        {t('labPanel.editor.problem.at', { line: p.line, col: p.col })}
                      </span>{' '}
                      <span className="ed-problem-text">{t(p.message.key, p.message.params)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

export default Editor;
