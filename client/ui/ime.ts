import type { KeyboardEvent } from 'react';

/**
 * True for the Enter that confirms an IME conversion (Japanese input). It must never submit or split a
 * note. Chrome reports it with `isComposing`; Safari and older IMEs only with keyCode 229.
 */
export function isImeEnter(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}
