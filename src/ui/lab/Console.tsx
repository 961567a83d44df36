import {
  type ClipboardEvent,
  type KeyboardEvent,
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { outputChunks } from '../../kubectl/host.ts';
import {
  type ConsoleEntry,
  selectChoices,
  selectContinuation,
  selectEntries,
  selectError,
  selectInput,
  selectLive,
  selectMode,
  selectPendingCount,
  selectQuestion,
  selectStatus,
} from '../../store/labStore.ts';
import { useT } from '../ViewStoreContext.tsx';
import { BigConsoleToggle } from './BigConsoleToggle.tsx';
import { useLab, useLabController, useLabStore } from './LabContext.tsx';

/** What a fresh kubeconfig selects; shown until the session reports its own context. */
const DEFAULT_CONTEXT = { name: 'kubernetes-admin@kubernetes', namespace: 'default' };

/**
 * A command of several lines as the terminal showed it: bash's `> ` prompt before each line
 * after the first (the first has the `$ ` prompt).
 */
export function continuedLines(line: string): string {
  return line.replace(/\n/g, '\n> ');
}

/**
 * Whether a piece of standard output reads as prose (a question, a `created` line, YAML) rather
 * than columns: no tab, and no run of three spaces after a line's first word (kubectl's tables
 * and `describe` pad their columns with at least three). Prose wraps at the box's edge, as a
 * terminal wraps it; columns keep their lines whole and the box scrolls sideways.
 */
export function readsAsProse(text: string): boolean {
  return !/\t|\S {3}/.test(text);
}

/** klog's header (`I0106 00:00:25.001219    3102 file.go:1] `): `kubectl -v=N`'s log lines. */
const KLOG_LINE = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [\w.-]+:\d+\] /;
const KLOG_ANYWHERE = new RegExp(KLOG_LINE.source, 'm');

/**
 * A stderr chunk cut where klog's log lines begin and end: a log line (and the indented lines of
 * a Status it dumps) is `log`, the rest (warnings, errors) is not. Plain text when none is klog's.
 */
export function stderrParts(text: string): { text: string; log: boolean }[] {
  if (!KLOG_ANYWHERE.test(text)) return [{ text, log: false }];
  const parts: { text: string; log: boolean }[] = [];
  let inLog = false;
  for (const line of text.split(/(?<=\n)/)) {
    const log: boolean = KLOG_LINE.test(line) || (inLog && /^( |\}\])/.test(line));
    inLog = log;
    const last = parts[parts.length - 1];
    if (last && last.log === log) last.text += line;
    else parts.push({ text: line, log });
  }
  return parts;
}

/**
 * An entry's output as spans: stdout chunks as they are, stderr cut where klog's lines are. The
 * chunks of an entry never change, so their positions are stable keys.
 */
function outputSpans(entry: ConsoleEntry): { key: string; className: string; text: string }[] {
  return outputChunks(entry).flatMap((c, i) =>
    c.err
      ? stderrParts(c.text).map((p, j) => ({
          key: `${i}.${j}`,
          className: p.log ? 'console-stderr console-klog' : 'console-stderr',
          text: p.text,
        }))
      : [{ key: String(i), className: chunkClass(false, c.text), text: c.text }],
  );
}

function chunkClass(err: boolean, text: string): string {
  if (err) return 'console-stderr';
  return readsAsProse(text) ? 'console-stdout console-stdout--prose' : 'console-stdout';
}

/**
 * The input's prompt while a command waits for an answer: the question's choices (`(y/n):`),
 * the rest of it being the output's last line just above.
 */
export function answerPrompt(question: string): string {
  return /\([^()]*\):?\s*$/.exec(question)?.[0].trim() ?? '?';
}

/** The transcript as plain text, the way the headless runner prints it (`$ line`, then output). */
export function transcriptText(entries: readonly ConsoleEntry[]): string {
  return entries
    .map(
      (e) =>
        `${e.line === '' ? '' : `$ ${continuedLines(e.line)}\n`}${outputChunks(e)
          .map((c) => c.text)
          .join('')}`,
    )
    .join('');
}

/**
 * One console line and its output. Everything is text nodes (React escapes it): kubectl output
 * and the learner's input are never HTML.
 */
const Entry = memo(function Entry({ entry }: { entry: ConsoleEntry }) {
  return (
    <pre className={`console-entry${entry.exitCode === 0 ? '' : ' console-entry--failed'}`}>
      {/* No line: what `kubectl edit` printed when its editor closed, under its own line. */}
      {entry.line === '' ? null : (
        <>
          <span className="console-prompt" aria-hidden="true">
            {entry.prompt ?? '$'}{' '}
          </span>
          <span className="console-line">{continuedLines(entry.line)}</span>
          {'\n'}
        </>
      )}
      {outputSpans(entry).map((span) => (
        <span key={span.key} className={span.className}>
          {span.text}
        </span>
      ))}
    </pre>
  );
});

/**
 * The kubectl console: an input line (Enter runs it, ↑ ↓ walk the history, Tab completes
 * commands, resource types, names and namespaces against the live cluster), the output of every
 * line, the current context and namespace, Clear and Copy. The live session loads the first
 * time the learner focuses or uses the console; lines typed meanwhile run once it is ready.
 */
export function Console() {
  const t = useT();
  const store = useLabStore();
  const controller = useLabController();
  const status = useLab(selectStatus);
  const error = useLab(selectError);
  const entries = useLab(selectEntries);
  const input = useLab(selectInput);
  const continuation = useLab(selectContinuation);
  const choices = useLab(selectChoices);
  const pending = useLab(selectPendingCount);
  const live = useLab(selectLive);
  /** A command waiting for the learner's answer (`kubectl delete -i`): its question's line. */
  const question = useLab(selectQuestion);
  const mode = useLab(selectMode);
  const context = live?.context ?? DEFAULT_CONTEXT;
  const inputRef = useRef<HTMLInputElement>(null);
  const outputRef = useRef<HTMLDivElement>(null);
  /** Where to put the caret after the store changes the line (history, completion). */
  const caret = useRef<number | null>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  // The newest output stays in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever entries or the open command change.
  useLayoutEffect(() => {
    const out = outputRef.current;
    if (out) out.scrollTop = out.scrollHeight;
  }, [entries, continuation]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caret follows each new line.
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (el && caret.current !== null && document.activeElement === el) {
      el.setSelectionRange(caret.current, caret.current);
    }
    caret.current = null;
  }, [input]);

  useEffect(() => {
    if (copied === null) return;
    const handle = window.setTimeout(() => setCopied(null), 2000);
    return () => window.clearTimeout(handle);
  }, [copied]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const dispatch = store.getState().dispatch;
    if (event.key === 'Enter') {
      event.preventDefault();
      controller.submit();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      dispatch({ type: 'historyUp' });
      caret.current = store.getState().input.length;
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      dispatch({ type: 'historyDown' });
      caret.current = store.getState().input.length;
    } else if (
      event.key === 'Tab' &&
      !event.shiftKey &&
      question === undefined &&
      event.currentTarget.value.trim() !== ''
    ) {
      // Tab completes the word at the caret. With nothing to complete (or before the cluster
      // has loaded) it moves focus as usual, so keyboard users are never trapped here.
      const at = event.currentTarget.selectionStart ?? event.currentTarget.value.length;
      const before = store.getState().input;
      const next = controller.complete(at);
      const after = store.getState();
      if (next !== undefined && (after.input !== before || after.choices.length > 0)) {
        event.preventDefault();
        caret.current = next;
      }
    } else if (
      event.key === 'c' &&
      event.ctrlKey &&
      question !== undefined &&
      event.currentTarget.selectionStart === event.currentTarget.selectionEnd
    ) {
      // Ctrl+C stops the command waiting for an answer, as in a terminal.
      event.preventDefault();
      controller.interrupt();
      dispatch({ type: 'input', value: '' });
    } else if (
      event.key === 'c' &&
      event.ctrlKey &&
      continuation !== undefined &&
      event.currentTarget.selectionStart === event.currentTarget.selectionEnd
    ) {
      // Ctrl+C at the `> ` prompt drops the open command, as in bash.
      event.preventDefault();
      dispatch({ type: 'continuationCancelled' });
    } else if (event.key === 'Escape' && choices.length > 0) {
      event.preventDefault();
      dispatch({ type: 'input', value: store.getState().input });
    }
  };

  /**
   * Pasted text of several lines is typed line by line, each newline an Enter: a here-document
   * collects at the `> ` prompt and runs once its delimiter line arrives. What follows the last
   * newline stays in the input line.
   */
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text/plain');
    if (!pasted.includes('\n')) return;
    event.preventDefault();
    const el = event.currentTarget;
    const current = store.getState().input;
    const from = el.selectionStart ?? current.length;
    const to = el.selectionEnd ?? from;
    const text = current.slice(0, from) + pasted.replace(/\r\n?/g, '\n') + current.slice(to);
    const lines = text.split('\n');
    const rest = lines.pop() ?? '';
    for (const l of lines) controller.submit(l);
    store.getState().dispatch({ type: 'input', value: rest });
    caret.current = rest.length - current.slice(to).length;
  };

  const onCopy = () => {
    const text = transcriptText(store.getState().entries);
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setCopied('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };

  return (
    <section className="console" aria-labelledby="console-heading">
      <div className="console-bar">
        <h3 className="visually-hidden" id="console-heading">
          {t('labui.console.label')}
        </h3>
        <p className="console-context" title={t('labui.console.contextLabel')}>
          <span className="visually-hidden">{t('labui.console.contextLabel')}: </span>
          {t('labui.console.context', { context: context.name, namespace: context.namespace })}
        </p>
        <div className="console-actions">
          {mode === 'lab' ? <BigConsoleToggle /> : null}
          <button type="button" className="console-button" onClick={() => controller.clearOutput()}>
            {t('labui.console.clear')}
          </button>
          <button type="button" className="console-button" onClick={onCopy}>
            {t('labui.console.copy')}
          </button>
          <span className="console-copied" role="status">
            {copied === 'copied'
              ? t('labui.console.copied')
              : copied === 'failed'
                ? t('labui.console.copyFailed')
                : ''}
          </span>
        </div>
      </div>
      <div
        className="console-output"
        data-testid="kubectl-output"
        ref={outputRef}
        role="log"
        aria-label={t('labui.console.label')}
        // Focusable so keyboard users can scroll long output; ← → scroll it, not the player.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable.
        tabIndex={0}
        data-scroll-keys=""
      >
        {entries.length === 0 && continuation === undefined ? (
          <p className="console-empty">{t('labui.console.empty')}</p>
        ) : (
          entries.map((entry) => <Entry key={entry.id} entry={entry} />)
        )}
        {continuation === undefined ? null : (
          // The open command's lines so far, under bash's prompts, until it is complete (not a
          // `pre`: each `pre` of the output is one entry that ran).
          <div className="console-entry console-continuation" data-testid="kubectl-continuation">
            <span className="console-prompt" aria-hidden="true">
              ${' '}
            </span>
            <span className="console-line">{continuedLines(continuation)}</span>
          </div>
        )}
      </div>
      <form
        className="console-form"
        onSubmit={(event) => {
          event.preventDefault();
          controller.submit();
        }}
      >
        <span className="console-prompt" aria-hidden="true">
          {continuation !== undefined
            ? '>'
            : question !== undefined
              ? answerPrompt(question)
              : (live?.prompt ?? '$')}
        </span>
        <input
          ref={inputRef}
          className="console-input"
          data-testid="kubectl-input"
          type="text"
          value={input}
          placeholder={
            question === undefined
              ? t('labui.console.placeholder')
              : t('labui.console.answerPlaceholder')
          }
          aria-label={
            question === undefined
              ? t('labui.console.input')
              : t('labui.console.answerInput', { question: question.trim() })
          }
          data-question={question === undefined ? undefined : question.trim()}
          aria-describedby="console-hint"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          onFocus={() => void controller.ensureLoaded()}
          onChange={(event) =>
            store.getState().dispatch({ type: 'input', value: event.currentTarget.value })
          }
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="submit" className="console-button console-run">
          {t('labui.console.run')}
        </button>
      </form>
      {choices.length > 0 ? (
        <ul className="console-choices" aria-label={t('labui.console.choices')}>
          {choices.map((choice) => (
            <li key={choice}>{choice}</li>
          ))}
        </ul>
      ) : null}
      <p className="console-hint" id="console-hint">
        {question === undefined ? t('labui.console.hint') : t('labui.console.answerHint')}
      </p>
      <p className="console-status" role="status">
        {status === 'loading' ? t('labui.status.loading') : null}
        {status === 'loading' && pending > 0 ? ` ${t('labui.console.queued')}` : null}
      </p>
      {status === 'failed' ? (
        <p className="console-failed" role="alert">
          {t('labui.status.failed', { error: error ?? '' })}{' '}
          <button
            type="button"
            className="console-button"
            onClick={() => void controller.ensureLoaded()}
          >
            {t('labui.retry')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
