// Every absolute URL a digest or confirmation mail carries. Paths here and routes in routes.ts
// must agree (tested end to end in test/digest).
import { paperPath } from "../model/paperPath.ts";
import type { TokenSigner } from "./tokens.ts";

export interface DigestLinks {
  paper(id: string): string;
  pdf(id: string): string;
  unsubscribe(subscriberId: string): string;
  /** Stops the subscriber's alert-only mails (their digest stays). */
  stopAlerts(subscriberId: string): string;
  manage(subscriberId: string): string;
  confirm(subscriberId: string, nonce: string): string;
  home(): string;
  /** The search page for a saved search's text. */
  search(query: string): string;
  /** Where signed-in readers manage picks and alerts. */
  account(): string;
}

/** Old-style ids keep their slash (hep-th/9901001); each part is encoded. */
function idPath(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

export function digestLinks(baseUrl: string, signer: TokenSigner): DigestLinks {
  return {
    paper: (id) => `${baseUrl}${paperPath(id)}`,
    pdf: (id) => `https://arxiv.org/pdf/${idPath(id)}`,
    unsubscribe: (sid) => `${baseUrl}/unsubscribe/${signer.sign("unsubscribe", sid)}`,
    stopAlerts: (sid) => `${baseUrl}/alerts/stop/${signer.sign("alerts", sid)}`,
    manage: (sid) => `${baseUrl}/subscription/${signer.sign("manage", sid)}`,
    confirm: (sid, nonce) => `${baseUrl}/subscribe/confirm/${signer.sign("confirm", sid, nonce)}`,
    home: () => `${baseUrl}/`,
    search: (q) => `${baseUrl}/search?q=${encodeURIComponent(q)}`,
    account: () => `${baseUrl}/account`,
  };
}
