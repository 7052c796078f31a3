// Icons from the static sprite (static/icons.svg), referenced with <use> so each page carries a
// few bytes per icon and the drawings are cached once. Decorative: hidden from assistive
// technology; the text beside an icon carries the meaning.
import { assetUrl } from "../http/assets.ts";

export const ICON_NAMES = [
  "search",
  "upvote",
  "chevron-left",
  "chevron-right",
  "sun",
  "moon",
  "code",
  "file",
  "link",
  "globe",
  "star",
  "mail",
  "calendar",
  "comment",
] as const;

export type IconName = (typeof ICON_NAMES)[number];

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class={`icon icon-${name}`} width="18" height="18" aria-hidden="true" focusable="false">
      <use href={`${assetUrl("icons.svg")}#${name}`} />
    </svg>
  );
}

/** Two waves on a tile: paper tides. Inline (not in the sprite) so app.css can colour it per theme. */
export function LogoMark() {
  return (
    <svg class="logo-mark" viewBox="0 0 32 32" width="30" height="30" aria-hidden="true" focusable="false">
      <rect class="logo-tile" width="32" height="32" rx="9" />
      <path
        class="logo-wave"
        d="M7 13.5c2.2 0 2.2-2.5 4.5-2.5s2.2 2.5 4.5 2.5 2.2-2.5 4.5-2.5 2.2 2.5 4.5 2.5"
      />
      <path
        class="logo-wave logo-wave-2"
        d="M7 20.5c2.2 0 2.2-2.5 4.5-2.5s2.2 2.5 4.5 2.5 2.2-2.5 4.5-2.5 2.2 2.5 4.5 2.5"
      />
    </svg>
  );
}
