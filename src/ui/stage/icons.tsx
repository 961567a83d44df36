/**
 * Simple line icons drawn for this app (24×24, stroke = currentColor). Decorative: the card's
 * text names the component, so every icon is aria-hidden.
 */
import type { ReactNode } from 'react';
import type { NodeComponentKind, SharedComponentId } from './model.ts';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

const paths: Record<SharedComponentId | NodeComponentKind, ReactNode> = {
  // A laptop with a whale-ish container stack on screen.
  developer: (
    <>
      <rect x="4" y="4.5" width="16" height="11" rx="1.5" />
      <path d="M2 19h20l-1.5-3.5h-17z" />
      <path d="M8 11h2v2H8zM10 11h2v2h-2zM12 11h2v2h-2zM10 9h2v2h-2z" strokeWidth="1.1" />
    </>
  ),
  // A shelf of stacked image layers.
  registry: (
    <>
      <path d="M12 3 3 7.5l9 4.5 9-4.5z" />
      <path d="m3 12 9 4.5 9-4.5" />
      <path d="m3 16.5 9 4.5 9-4.5" />
    </>
  ),
  // A hub with spokes: everything goes through it.
  'api-server': (
    <>
      <circle cx="12" cy="12" r="3.2" />
      <circle cx="12" cy="3.5" r="1.6" />
      <circle cx="20.5" cy="12" r="1.6" />
      <circle cx="12" cy="20.5" r="1.6" />
      <circle cx="3.5" cy="12" r="1.6" />
      <path d="M12 5.1v3.7M18.9 12h-3.7M12 18.9v-3.7M5.1 12h3.7" />
    </>
  ),
  // A database cylinder.
  etcd: (
    <>
      <ellipse cx="12" cy="5.5" rx="7" ry="2.5" />
      <path d="M5 5.5v13c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-13" />
      <path d="M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5" />
    </>
  ),
  // A calendar-like grid with one cell chosen.
  scheduler: (
    <>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <path d="M3.5 9h17M9.2 9v10.5M14.8 9v10.5M3.5 14.2h17" />
      <path d="m15.8 11.2 1.2 1.2 2-2.2" />
    </>
  ),
  // A loop arrow: the control loop.
  'controller-manager': (
    <>
      <path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3" />
      <path d="M19.8 3.8v3.6h-3.6" />
      <circle cx="12" cy="12" r="2" />
    </>
  ),
  // A little agent with an antenna (and a gauge for cAdvisor).
  kubelet: (
    <>
      <rect x="5" y="8" width="14" height="11" rx="2.5" />
      <path d="M12 8V4.5" />
      <circle cx="12" cy="3.6" r="1" />
      <path d="M8.5 15.5a3.5 3.5 0 0 1 7 0" />
      <path d="m12 15.5 1.6-1.8" />
    </>
  ),
  // Crossing arrows: traffic routing.
  'kube-proxy': (
    <>
      <path d="M4 7h12l-3-3M20 17H8l3 3" />
      <path d="M16 7l-3 3M8 17l3-3" />
    </>
  ),
  // A shipping container.
  'container-runtime': (
    <>
      <rect x="3" y="6.5" width="18" height="11" rx="1" />
      <path d="M7 9v6M10.3 9v6M13.7 9v6M17 9v6" />
    </>
  ),
};

/** The icon of a component kind. */
export function ComponentIcon({ kind }: { kind: SharedComponentId | NodeComponentKind }) {
  return <Icon>{paths[kind]}</Icon>;
}

/** A server box, for node headers. */
export function NodeIcon() {
  return (
    <Icon>
      <rect x="3.5" y="4" width="17" height="6.5" rx="1.5" />
      <rect x="3.5" y="13.5" width="17" height="6.5" rx="1.5" />
      <path d="M7 7.25h.01M7 16.75h.01M11 7.25h6M11 16.75h6" />
    </Icon>
  );
}
