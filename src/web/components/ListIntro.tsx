// What a list in the community order says under its heading (the site's days, weeks and months,
// and a category's): a line on what the order means (src/lists/communityOrder.ts), a line on
// where the papers come from and how fresh they are (DataNote), and the headings of its two parts.
import type { ComponentChildren } from "preact";
import { type CommunitySlice, INTEREST_WINDOW_DAYS } from "../../lists/communityOrder.ts";
import type { Period } from "../../lists/periods.ts";
import { plural } from "../format.ts";
import { DataNote, type DataSource } from "./DataNote.tsx";

/** The headings and notes of a list's two parts: the picks, then the rest. */
export interface OrderSections {
  picksTitle: string;
  picksNote: string;
  restTitle: string;
  restNote: string;
}

export interface OrderTexts {
  /** For the summary line above the list, e.g. "12 community picks first". */
  summary: string;
  /** The line under the heading. */
  about: string;
  sections: OrderSections;
}

/**
 * What the order of a period's list means, in the words of its page. `category`: the list is a
 * category's, whose picks are the category's.
 */
export function orderTexts(
  period: Period,
  data: Pick<CommunitySlice, "picks" | "rest" | "interestPicks">,
  category?: string,
): OrderTexts {
  const of = period.kind === "day" ? "the day" : period.kind === "week" ? "the week" : "the month";
  const within = category ? ` in ${category}` : "";
  const window = `in the last ${INTEREST_WINDOW_DAYS} days`;
  const rest =
    data.rest === "closeness"
      ? `closest first to what the community picked${within} ${window}`
      : "newest first";
  const none = data.picks === 0;
  return {
    summary: none ? `no community picks yet · ${rest}` : `${plural(data.picks, "community pick")} first`,
    about: none
      ? `Nobody has picked a paper of ${of}${within} yet (featured, submitted or upvoted): its papers are listed ${rest}. Upvote or submit one to pick it.`
      : `Community picks first: papers featured, submitted or upvoted, most upvoted first. Then the other papers of ${of}, ${rest}.`,
    sections: {
      picksTitle: "Community picks",
      picksNote: "Featured, submitted or upvoted; most upvoted first.",
      restTitle: none ? `Papers of ${of}` : `More papers of ${of}`,
      restNote:
        data.rest === "closeness"
          ? `Nobody picked these yet. Closest first to the ${plural(data.interestPicks, "paper")} the community picked${within} ${window} (by title and abstract).`
          : "Newest first.",
    },
  };
}

/** The lines under a list's heading: an optional lead, what the order means, where the data is from. */
export function ListIntro(props: { lead?: ComponentChildren; about: string; source: DataSource | null }) {
  return (
    <div class="feed-intro">
      {props.lead ? <p class="feed-front">{props.lead}</p> : null}
      <p class="feed-about">{props.about}</p>
      <DataNote source={props.source} />
    </div>
  );
}
