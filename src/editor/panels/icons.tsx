/**
 * Small stroke icons for the panel buttons (inline, so the app works offline and icons inherit
 * the text colour). Decorative: every button carries its own accessible label.
 */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const ArrowUpIcon = () => <Icon><path d="M8 13V3M4 7l4-4 4 4" /></Icon>;
export const ArrowDownIcon = () => <Icon><path d="M8 3v10M4 9l4 4 4-4" /></Icon>;
export const EyeIcon = () => (
  <Icon>
    <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8z" />
    <circle cx="8" cy="8" r="2" />
  </Icon>
);
export const EyeOffIcon = () => (
  <Icon>
    <path d="M2 2l12 12M6.6 4.1A6.6 6.6 0 0 1 8 3.5c4.1 0 6.5 4.5 6.5 4.5a11 11 0 0 1-1.9 2.4M10 11.9a5.7 5.7 0 0 1-2 .6C3.9 12.5 1.5 8 1.5 8a11.6 11.6 0 0 1 2.6-3" />
  </Icon>
);
export const LockIcon = () => (
  <Icon>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5 7V5a3 3 0 0 1 6 0v2" />
  </Icon>
);
export const UnlockIcon = () => (
  <Icon>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5 7V5a3 3 0 0 1 5.8-1" />
  </Icon>
);
export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />
  </Icon>
);
