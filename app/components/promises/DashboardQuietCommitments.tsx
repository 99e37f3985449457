// SPDX-License-Identifier: EUPL-1.2
// The coordinator's dashboard: commitments of the promise under way that nobody has followed up
// for a while (promise-dashboard.server.ts commitmentsWithoutActivity), each linking to where
// an activity or a status is recorded.
import { Link } from "@remix-run/react";
import { dayInWords } from "~/components/PromiseProgress";
import type { QuietCommitment } from "~/modules/promises/promise-dashboard.server";

export function DashboardQuietCommitments({ commitments, days }: { commitments: QuietCommitment[]; days: number }) {
  return (
    <section aria-labelledby="quiet-heading" className="mb-10 max-w-3xl">
      <h2 id="quiet-heading" className="mb-3">
        Åtaganden utan aktivitet på {days} dagar
      </h2>
      {commitments.length === 0 ? (
        <p>Inga: varje åtagande i ett pågående medborgarlöfte har en aktivitet från de senaste {days} dagarna eller är genomfört, eller så pågår inget löfte.</p>
      ) : (
        <ul className="space-y-2">
          {commitments.map((c) => (
            <li key={c.commitmentId}>
              <Link to={`/samordnare/loften/${c.promiseId}/uppfoljning`}>{c.summary}</Link>{" "}
              <span className="text-muted">({c.lastActivityOn ? `senaste aktivitet ${dayInWords(c.lastActivityOn)}` : "ingen aktivitet registrerad"})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
