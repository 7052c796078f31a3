// /admin/status: where the instance's background work stands, for its admins. Each scheduled
// source with its last successful fetch, its last error and the lag; the jobs held now and by
// which process; the latest digest builds; the outbox.

import type { OperationsStatus } from "../../worker/operationsStatus.ts";
import { formatLag } from "../../worker/syncStatusText.ts";
import { Layout, type Site } from "../components/Layout.tsx";

const SOURCE_NAMES = { arxiv: "arXiv", "daily-papers": "Daily papers mirror" } as const;

function When({ iso }: { iso: string | null }) {
  return iso ? (
    <time datetime={iso}>{iso.replace("T", " ").slice(0, 19)} UTC</time>
  ) : (
    <span class="muted">never</span>
  );
}

export function StatusPage({ site, status }: { site: Site; status: OperationsStatus }) {
  return (
    <Layout meta={{ title: "Instance status", path: "/admin/status", noindex: true }} site={site}>
      <div class="container ops-status">
        <h1>Instance status</h1>
        <p class="muted">
          As of <When iso={status.at} />. Scheduled work runs in <code>papertide worker</code> and in{" "}
          <code>papertide serve</code> (unless PAPERTIDE_SCHEDULER=0).
        </p>

        <h2>Sources</h2>
        <div class="ops-grid">
          {status.sources.map(({ source, notScheduled, status: s }) => (
            <section class="ops-card" key={source} aria-labelledby={`source-${source}`}>
              <h3 id={`source-${source}`}>
                {SOURCE_NAMES[source]}{" "}
                <span class={`ops-badge ${s && s.failures > 0 ? "ops-bad" : notScheduled ? "" : "ops-good"}`}>
                  {s && s.failures > 0 ? "failing" : notScheduled ? "not scheduled" : "scheduled"}
                </span>
              </h3>
              {notScheduled ? <p class="muted">{notScheduled}</p> : null}
              <dl>
                <dt>Last successful fetch</dt>
                <dd>
                  <When iso={s?.lastSuccessAt ?? null} />
                  {s?.lagSeconds != null ? ` (${formatLag(s.lagSeconds)} ago)` : null}
                </dd>
                {s?.lastSummary ? (
                  <>
                    <dt>Fetched</dt>
                    <dd>{s.lastSummary}</dd>
                  </>
                ) : null}
                <dt>Last error</dt>
                <dd>
                  {s?.lastError ? (
                    <>
                      <When iso={s.lastErrorAt} />: <span class="ops-error">{s.lastError}</span>
                    </>
                  ) : (
                    <span class="muted">none</span>
                  )}
                </dd>
                {s && s.failures > 0 ? (
                  <>
                    <dt>Failed attempts in a row</dt>
                    <dd>
                      {s.failures}; next try <When iso={s.nextAttemptAt} />
                    </dd>
                  </>
                ) : null}
              </dl>
            </section>
          ))}
        </div>

        <h2>Jobs running now</h2>
        {status.leases.length === 0 ? (
          <p class="muted">No background job is held right now.</p>
        ) : (
          <ul class="ops-list">
            {status.leases.map((l) => (
              <li key={l.job}>
                <code>{l.job}</code> by <code>{l.owner}</code> since <When iso={l.claimedAt} />, lease until{" "}
                <When iso={l.leaseUntil} />
              </li>
            ))}
          </ul>
        )}

        <h2>Digests and mail</h2>
        <p>
          Outbox: {status.outbox.pending} pending, {status.outbox.sending} sending, {status.outbox.failed}{" "}
          failed, {status.outbox.sent} sent.
        </p>
        {status.digestRuns.length === 0 ? (
          <p class="muted">No digest built yet.</p>
        ) : (
          <ul class="ops-list">
            {status.digestRuns.map((r) => (
              <li key={r.period}>
                <code>{r.period}</code>: started <When iso={r.startedAt} />,{" "}
                {r.finishedAt ? (
                  <>
                    finished <When iso={r.finishedAt} />, {r.editions} editions, {r.enqueued} mails queued
                  </>
                ) : (
                  "not finished"
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
