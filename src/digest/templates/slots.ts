// Render once, personalise many times. A digest edition is rendered to HTML and text once per
// (period, topic set) with markers where per-subscriber values go (the unsubscribe and manage
// links, the address); sending then only joins strings. The markers carry a random nonce, so no
// text from the data (a paper title, say) can ever be mistaken for one.
import { randomBytes } from "node:crypto";

export type SlotName = "unsubscribeUrl" | "manageUrl" | "email";
export type SlotValues = Record<SlotName, string>;

export interface Template {
  /** Literal text; slot i goes between parts[i] and parts[i + 1]. */
  parts: string[];
  slots: SlotName[];
}

export interface SlotMarkers {
  marker(name: SlotName): string;
  compile(rendered: string): Template;
}

export function slotMarkers(): SlotMarkers {
  const nonce = randomBytes(12).toString("hex");
  const re = new RegExp(`\\u0001${nonce}:(unsubscribeUrl|manageUrl|email)\\u0001`, "g");
  return {
    marker: (name) => `\u0001${nonce}:${name}\u0001`,
    compile(rendered) {
      const parts: string[] = [];
      const slots: SlotName[] = [];
      let last = 0;
      for (const m of rendered.matchAll(re)) {
        parts.push(rendered.slice(last, m.index));
        slots.push(m[1] as SlotName);
        last = (m.index as number) + m[0].length;
      }
      parts.push(rendered.slice(last));
      return { parts, slots };
    },
  };
}

/** Fills a template; `escape` is applied to each value (HTML escaping for the HTML part). */
export function fill(t: Template, values: SlotValues, escapeValue: (s: string) => string = (s) => s): string {
  let out = t.parts[0];
  for (let i = 0; i < t.slots.length; i++) out += escapeValue(values[t.slots[i]]) + t.parts[i + 1];
  return out;
}
