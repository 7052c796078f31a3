// The wording of the list pages: headings for a day, week or month, and the empty states.
import type { Period } from "../../lists/periods.ts";
import { dayRange, longDay, monthName, shortDay, weekName } from "../format.ts";
import type { PeriodNav } from "./ListPage.tsx";

export interface PeriodText {
  heading: string;
  subheading: string;
  title: string;
  emptyText: string;
}

export function describePeriod(p: Period): PeriodText {
  if (p.kind === "day") {
    return {
      heading: "Daily papers",
      subheading: longDay(p.from),
      title: `Papers of ${shortDay(p.from)}`,
      emptyText: `No papers were listed on ${longDay(p.from)}.`,
    };
  }
  if (p.kind === "week") {
    const range = dayRange(p.from, p.to);
    return {
      heading: "Papers of the week",
      subheading: `${weekName(p)} · ${range}`,
      title: `Papers of ${weekName(p).toLowerCase()}, ${p.label.slice(0, 4)}`,
      emptyText: `No papers were listed in ${weekName(p).toLowerCase()} (${range}).`,
    };
  }
  return {
    heading: "Papers of the month",
    subheading: monthName(p),
    title: `Papers of ${monthName(p)}`,
    emptyText: `No papers were listed in ${monthName(p)}.`,
  };
}

export function EmptyPeriod({ text, nav }: { text: string; nav: PeriodNav }) {
  const other = nav.prev ?? nav.next;
  return (
    <>
      <p class="empty-title">{text}</p>
      <p>
        {other ? (
          <>
            The nearest list is <a href={other.href}>{other.label}</a>.{" "}
          </>
        ) : null}
        Or go to <a href="/">the front page</a>.
      </p>
    </>
  );
}

/** A fresh instance with nothing imported (and the demo turned off). */
export function EmptyInstance() {
  return (
    <>
      <p class="empty-title">No papers yet.</p>
      <p>
        This instance has not imported any papers. Run <code>papertide sync arxiv</code> or{" "}
        <code>papertide import</code>, or start with the demo dataset (<code>PAPERTIDE_DEMO=1</code>).
      </p>
    </>
  );
}
