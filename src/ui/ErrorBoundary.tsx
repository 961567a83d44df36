/**
 * A crash in one panel stays in that panel: the panel says it stopped working and offers
 * "Try again", which draws it anew. Everything outside the boundary (the stage, the console, the
 * lab session with its files, the players) keeps running, because it lives above the boundary.
 *
 * React reports an error a boundary caught with `console.error` (its default `onCaughtError`);
 * the boundary adds nothing to that report and never rethrows, so a caught crash never becomes
 * an uncaught one.
 */
import { Component, Fragment, type ReactNode, useEffect, useState } from 'react';
import { useT } from './ViewStoreContext.tsx';

/** The panels that have a boundary, by the name `?crash=` uses. */
export type BoundaryName = 'step-panels' | 'lab-panels';

/**
 * The error `?crash=<name>` throws. A harmless test hook that works in the production build (the
 * e2e tests run it): it only makes a panel show its own recovery message, once per page load.
 */
export class InjectedCrash extends Error {
  constructor(readonly boundary: string) {
    super(`injected crash of the ${boundary} panel (?crash=${boundary})`);
    this.name = 'InjectedCrash';
  }
}

/** The panels `?crash=` names, comma-separated or repeated (`?crash=a,b` or `?crash=a&crash=b`). */
export function crashRequests(search: string): Set<string> {
  const names = new URLSearchParams(search)
    .getAll('crash')
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return new Set(names);
}

/**
 * Crashes still to happen on this page. Read once: a crash is spent when a boundary has caught
 * it, so "Try again" finds a working panel. Until then the panel throws on every render
 * attempt, because React renders a failed tree once more before it commits the boundary, and a
 * crash that went away on that retry would be reported as an uncaught error instead.
 */
const pendingCrashes: Set<string> =
  typeof window === 'undefined' ? new Set() : crashRequests(window.location.search);

/** Throws `InjectedCrash` if a crash of `name` is pending. */
export function throwIfCrashRequested(name: BoundaryName): void {
  if (pendingCrashes.has(name)) throw new InjectedCrash(name);
}

/**
 * Where `?crash=<name>` strikes; renders nothing. It crashes on the render after it mounted,
 * like a real crash on new data, never while the page is pre-rendered or hydrated (a crash
 * during hydration would make React start the whole page over and report it as uncaught).
 */
export function CrashPoint({ name }: { name: BoundaryName }): null {
  const requested = pendingCrashes.has(name);
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (requested) setMounted(true);
  }, [requested]);
  if (mounted) throwIfCrashRequested(name);
  return null;
}

/** For tests in Node, where there is no URL: make `name` crash on its next render. */
export function requestCrash(name: BoundaryName): void {
  pendingCrashes.add(name);
}

interface Props {
  /** Which panel this is (`data-boundary`, and the `?crash=` name). */
  name: BoundaryName;
  /** When this changes after a crash, the panel is drawn anew (for example, another step). */
  resetKey?: string | number;
  /** Puts the message in the panel's own box when the boundary sits outside it. */
  frame?: (message: ReactNode) => ReactNode;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
  /** Bumped by "Try again": the children get a new key, so they mount from scratch. */
  attempt: number;
  /** `resetKey` when the error was caught. */
  failedAt: string | number | undefined;
}

/** Shows `children`, or, once they crashed, a message with "Try again" in their place. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, attempt: 0, failedAt: undefined };

  /** Anything thrown is shown as an `Error` (a thrown string or object too). */
  static getDerivedStateFromError(thrown: unknown): Partial<State> {
    return { error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }

  /** A new `resetKey` after a crash clears it (the learner moved on to other content). */
  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (!state.error) return null;
    if (state.failedAt === undefined) return { failedAt: props.resetKey ?? '' };
    if ((props.resetKey ?? '') !== state.failedAt) {
      return { error: undefined, failedAt: undefined, attempt: state.attempt + 1 };
    }
    return null;
  }

  override componentDidCatch(error: unknown): void {
    // React has logged it already; only the test hook needs to know it was caught.
    if (error instanceof InjectedCrash) pendingCrashes.delete(error.boundary);
  }

  retry = (): void => {
    this.setState((s) => ({ error: undefined, failedAt: undefined, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (error) {
      const message = <PanelCrashed name={this.props.name} error={error} onRetry={this.retry} />;
      return this.props.frame ? this.props.frame(message) : message;
    }
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}

/** What a crashed panel shows: what happened, that nothing else is lost, and "Try again". */
export function PanelCrashed({
  name,
  error,
  onRetry,
}: {
  name: BoundaryName;
  error: Error;
  onRetry: () => void;
}) {
  const t = useT();
  return (
    <div className="panel-crashed" role="alert" data-testid="panel-error" data-boundary={name}>
      <p>
        <strong>{t('errors.panel.title')}</strong> {t('errors.panel.text')}
      </p>
      {/* As text: an error message may quote whatever the learner typed. */}
      <p className="panel-empty">
        <code>{t('errors.panel.detail', { message: error.message })}</code>
      </p>
      <button type="button" className="console-button" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
