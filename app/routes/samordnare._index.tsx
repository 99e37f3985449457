import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatNumber } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import { addMs, DAY_MS } from "~/lib/time";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { getMunicipalityCounts } from "~/modules/municipalities/municipalities.server";
import { listRecentlyJoined, MEMBER_ROLES } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Översikt – Coachportalen" }];

const RECENT_DAYS = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const db = getDb();
  const now = new Date();
  const [counts, recent] = await Promise.all([
    getMunicipalityCounts(db, user.municipalityId, now),
    listRecentlyJoined(db, { municipalityId: user.municipalityId, roles: MEMBER_ROLES, since: addMs(now, -RECENT_DAYS * DAY_MS), limit: 5 }),
  ]);
  return { municipalityName: user.municipalityName, counts, recent };
}

function Figure({ label, value, to }: { label: string; value: number; to: string }) {
  return (
    <div className="card flex flex-col-reverse gap-1">
      <dt>
        <Link to={to}>{label}</Link>
      </dt>
      <dd className="text-3xl font-bold">{formatNumber(value)}</dd>
    </div>
  );
}

export default function CoordinatorDashboard() {
  const { municipalityName, counts, recent } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Översikt för {municipalityName}</h1>
      <p className="mb-6 text-muted">Här ser du läget för kommunens ANDTS-coacher och skolpersonal.</p>

      <section aria-labelledby="figures-heading" className="mb-10">
        <h2 id="figures-heading" className="mb-3">
          I siffror
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Figure label="ANDTS-coacher" value={counts.coaches} to="/samordnare/coacher?role=coach&status=active" />
          <Figure label="Skolpersonal" value={counts.schoolStaff} to="/samordnare/coacher?role=school_staff&status=active" />
          <Figure label="Väntande inbjudningar" value={counts.pendingInvitations} to="/samordnare/inbjudningar" />
          <Figure label={`Nya de senaste ${RECENT_DAYS} dagarna`} value={recent.total} to="/samordnare/coacher" />
        </dl>
      </section>

      <section aria-labelledby="recent-heading" className="mb-10">
        <h2 id="recent-heading" className="mb-3">
          Senast tillkomna
        </h2>
        {recent.people.length === 0 ? (
          <p>Ingen ny har gått med de senaste {RECENT_DAYS} dagarna.</p>
        ) : (
          <ul className="space-y-2">
            {recent.people.map((person) => (
              <li key={person.id}>
                <Link to={`/samordnare/coacher/${person.id}`}>{person.name}</Link>, {ROLE_LABELS[person.role].toLowerCase()}, gick med{" "}
                {formatDate(person.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="next-heading">
        <h2 id="next-heading" className="mb-3">
          Gå vidare
        </h2>
        <ul className="space-y-2">
          <li>
            <Link to="/samordnare/coacher">Alla personer i {municipalityName}</Link>
          </li>
          <li>
            <Link to="/samordnare/inbjudningar">Bjud in coacher och skolpersonal</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
