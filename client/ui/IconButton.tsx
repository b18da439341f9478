import { type ButtonHTMLAttributes, forwardRef, type ReactNode } from 'react';

interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  icon: ReactNode;
  /** The short word shown as the tooltip (on hover and on keyboard focus). */
  tooltip: string;
  /** The full accessible name: it must contain the tooltip's word, so speech users can say what they see. */
  label: string;
}

/** A button showing only an icon: its visible tooltip and its accessible name say the same thing. */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { icon, tooltip, label, className, children, ...rest },
  ref,
) {
  return (
    <button type="button" ref={ref} className={`icon-button ${className ?? ''}`} aria-label={label} {...rest}>
      {icon}
      {/* A small visible addition, such as a count. */}
      {children}
      <span className="tooltip" aria-hidden="true">
        {tooltip}
      </span>
    </button>
  );
});
