import type { ReactNode } from 'react';

/**
 * A bundled line icon (24-unit grid, drawn with the text colour). Always decoration: the control that shows it
 * carries the name, so the icon is hidden from screen readers. Inline SVG, so no font and no request is needed
 * (closed-network PCs without an emoji font showed empty boxes for 💬 👍 ❓).
 */
export function Icon({ children, size = 16 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}
