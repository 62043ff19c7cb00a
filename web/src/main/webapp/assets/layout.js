// The console's one breakpoint, the same as console.css's: below it, a phone's layout.
export const NARROW = '(max-width: 700px)';

export function narrow() {
  return window.matchMedia(NARROW).matches;
}
