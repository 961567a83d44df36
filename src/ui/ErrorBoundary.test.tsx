import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../i18n/index.ts';
import { createViewStore } from '../store/viewStore.ts';
import {
  CrashPoint,
  crashRequests,
  ErrorBoundary,
  InjectedCrash,
  PanelCrashed,
  requestCrash,
  throwIfCrashRequested,
} from './ErrorBoundary.tsx';
import { ViewStoreProvider } from './ViewStoreContext.tsx';

function crashed(lang: Lang, message: string): string {
  return renderToString(
    <ViewStoreProvider store={createViewStore({ lang })}>
      <PanelCrashed name="lab-panels" error={new Error(message)} onRetry={() => {}} />
    </ViewStoreProvider>,
  );
}

describe('PanelCrashed', () => {
  it('says the panel stopped, that nothing else is lost, and offers Try again (en)', () => {
    const html = crashed('en', 'boom');
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-boundary="lab-panels"');
    expect(html).toContain('This panel stopped working.');
    expect(html).toContain('Your files, the cluster and the console are untouched');
    expect(html).toContain('Error: boom');
    expect(html).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
  });

  it('speaks Korean', () => {
    const html = crashed('ko', 'boom');
    expect(html).toContain('이 패널이 멈췄습니다.');
    expect(html).toMatch(/<button type="button"[^>]*>다시 시도<\/button>/);
  });

  it('shows the error message as text, never as markup', () => {
    const html = crashed('en', '<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('ErrorBoundary state', () => {
  it('turns anything thrown into an Error to show', () => {
    expect(ErrorBoundary.getDerivedStateFromError('plain string').error?.message).toBe(
      'plain string',
    );
    const error = new TypeError('x is undefined');
    expect(ErrorBoundary.getDerivedStateFromError(error).error).toBe(error);
  });

  it('keeps the message while the content is the same and draws anew when it changes', () => {
    const error = new Error('boom');
    const props = { name: 'step-panels' as const, resetKey: 'kubelet/pods', children: null };
    // Just caught: remember which content failed.
    const caught = { error, attempt: 0, failedAt: undefined };
    const remembered = { ...caught, ...ErrorBoundary.getDerivedStateFromProps(props, caught) };
    expect(remembered.failedAt).toBe('kubelet/pods');
    // Same step and tab: still the message.
    expect(ErrorBoundary.getDerivedStateFromProps(props, remembered)).toBeNull();
    // Another step: the panel is drawn again, as a new mount.
    expect(
      ErrorBoundary.getDerivedStateFromProps({ ...props, resetKey: 'image-pull/pods' }, remembered),
    ).toEqual({ error: undefined, failedAt: undefined, attempt: 1 });
    // No error: props never touch the state.
    expect(
      ErrorBoundary.getDerivedStateFromProps(props, {
        error: undefined,
        attempt: 3,
        failedAt: undefined,
      }),
    ).toBeNull();
  });
});

describe('?crash= test hook', () => {
  it('reads the panels to crash, comma-separated or repeated', () => {
    expect([...crashRequests('?crash=step-panels')]).toEqual(['step-panels']);
    expect([...crashRequests('?lang=en&crash=step-panels,lab-panels')]).toEqual([
      'step-panels',
      'lab-panels',
    ]);
    expect([...crashRequests('?crash=a&crash=b')]).toEqual(['a', 'b']);
    expect(crashRequests('?step=3').size).toBe(0);
    expect(crashRequests('?crash=').size).toBe(0);
  });

  it('crashes the panel on every render until a boundary has caught it, then never again', () => {
    const attempt = () => throwIfCrashRequested('lab-panels');
    expect(attempt).not.toThrow();
    requestCrash('lab-panels');
    // React renders a failed tree twice before committing the boundary: both must throw.
    expect(attempt).toThrow(InjectedCrash);
    expect(attempt).toThrow('injected crash of the lab-panels panel (?crash=lab-panels)');
    const boundary = new ErrorBoundary({ name: 'lab-panels', children: null });
    boundary.componentDidCatch(new Error('some other crash'));
    expect(attempt).toThrow(InjectedCrash);
    boundary.componentDidCatch(new InjectedCrash('lab-panels'));
    expect(attempt).not.toThrow();
  });

  it('never crashes the pre-rendered page: only a mounted crash point throws', () => {
    requestCrash('step-panels');
    expect(renderToString(<CrashPoint name="step-panels" />)).toBe('');
    new ErrorBoundary({ name: 'step-panels', children: null }).componentDidCatch(
      new InjectedCrash('step-panels'),
    );
  });
});
