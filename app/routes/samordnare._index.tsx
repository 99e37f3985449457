// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BarChart } from "~/components/charts";
import { DashboardQuietCommitments } from "~/components/promises/DashboardQuietCommitments";
import { PromiseProgress } from "~/components/PromiseProgress";
import { getContent } from "~/content/content.server";
import { formatDate, formatNumber } from "~/lib/dates";
import { roleInSentence } from "~/lib/roles";
import { addMs, DAY_MS } from "~/lib/time";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { EXPIRING_WITHIN_DAYS, MONTHS_SHOWN, rosterFigures, STALLED_AFTER_DAYS, type RosterStatus } from "~/modules/roster/roster.server";
import { promiseProgress } from "~/modules/followup/reports.server";
import { commitmentsWithoutActivity } from "~/modules/promises/promise-dashboard.server";
import { getMunicipalityCounts } from "~/modules/municipalities/municipalities.server";
import { listRecentlyJoined, MEMBER_ROLES } from "~/modules/people/people.server";
import { inPersonFigures } from "~/modules/course-days/figures.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Översikt – Coachportalen" }];

const RECENT_DAYS = 30;
// Issue #14: a commitment with no activity for a quarter of a year should be noticed.
const QUIET_DAYS = 90;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const now = new Date();
  const [counts, recent, figures, inPerson] = await Promise.all([
    getMunicipalityCounts(db, user.municipalityId, now),
    listRecentlyJoined(db, { municipalityId: user.municipalityId, roles: MEMBER_ROLES, since: addMs(now, -RECENT_DAYS * DAY_MS), limit: 5 }),
    rosterFigures(db, { municipalityId: user.municipalityId, content: getContent() }),
    inPersonFigures(db, user.municipalityId, { content: getContent() }),
  ]);
  const [reports, quiet] = await Promise.all([
    promiseProgress(db, { id: user.municipalityId }, now),
    commitmentsWithoutActivity(db, { municipalityId: user.municipalityId, now, days: QUIET_DAYS }),
  ]);
  return {
    municipalityName: user.municipalityName,
    reports,
    quiet,
    quietDays: QUIET_DAYS,
    counts,
    recent,
    figures,
    inPerson,
    stalledDays: STALLED_AFTER_DAYS,
    expiringDays: EXPIRING_WITHIN_DAYS,
    monthsShown: MONTHS_SHOWN,
  };
}

function Figure({ label, value, note }: { label: string; value: number; note?: ReactNode }) {
  return (
    <div className="card flex flex-col gap-1 p-4">
      <dt className="order-2 font-semibold">{label}</dt>
      <dd className="order-1 text-3xl font-bold">{formatNumber(value)}</dd>
      {note ? <dd className="order-3 text-sm text-muted">{note}</dd> : null}
    </div>
  );
}

const listLink = (status: RosterStatus) => `/samordnare/coacher?role=coach&status=${status}`;

function countText(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export default function CoordinatorDashboard() {
  const { municipalityName, reports, quiet, quietDays, counts, recent, figures, inPerson, stalledDays, expiringDays, monthsShown } = useLoaderData<typeof loader>();
  const funnel = figures.funnel;
  const months = figures.certificationsByMonth;
  const issued = months.reduce((sum, m) => sum + m.count, 0);
  const busiest = months.reduce<(typeof months)[number] | null>((best, m) => (m.count > (best?.count ?? 0) ? m : best), null);
  const first = funnel[0];
  const last = funnel.at(-1);

  const followUps = [
    { status: "stalled" as const, n: figures.stalled, text: `har inte läst någon lektion eller gjort något test på ${stalledDays} dagar` },
    { status: "expiring" as const, n: figures.expiring, text: `har ett intyg som går ut inom ${expiringDays} dagar` },
    { status: "expired" as const, n: figures.expired, text: "har ett intyg som har gått ut" },
    { status: "not_started" as const, n: figures.notStarted, text: "har konto men har inte börjat" },
    { status: "invited" as const, n: figures.invited, text: "är inbjudna men har inte skapat konto" },
  ];

  return (
    <div>
      <h1>Översikt för {municipalityName}</h1>
      <p className="mb-6 max-w-3xl text-muted">
        Här ser du läget för kommunens ANDTS-coacher: vilka som är utbildade, vilka som är på väg och vilka som behöver en påminnelse.
      </p>

      <section aria-labelledby="figures-heading" className="mb-10">
        <h2 id="figures-heading" className="mb-3">
          ANDTS-coacher i siffror
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3">
          <Figure label="Inbjudna, utan konto" value={figures.invited} />
          <Figure label="Aktiva konton" value={figures.active} />
          <Figure label="Under utbildning" value={figures.inTraining} note={`varav ${formatNumber(figures.stalled)} har stannat av`} />
          <Figure label="Certifierade" value={figures.certified} note="med giltigt intyg" />
          <Figure label={`Intyget går ut inom ${expiringDays} dagar`} value={figures.expiring} />
          <Figure label="Intyget har gått ut" value={figures.expired} />
        </dl>
        <p className="mt-3 text-sm text-muted">
          Dessutom {countText(counts.schoolStaff, "person", "personer")} i skolpersonalen och {countText(counts.pendingInvitations, "inbjudan", "inbjudningar")}{" "}
          som väntar på svar.
        </p>
      </section>

      <section aria-labelledby="in-person-heading" className="mb-10">
        <h2 id="in-person-heading" className="mb-3">
          Träffar på plats
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3">
          <Figure label="Hållna träffar" value={inPerson.sessionsHeld} note="även gemensamma med en grannkommun" />
          <Figure label="Närvaro" value={inPerson.attendances} note={`${formatNumber(inPerson.noShows)} anmälda kom inte`} />
          <Figure label="Utbildade på plats" value={inPerson.coachesTrainedInPerson} note="coacher som varit med på alla utbildningsdagar" />
        </dl>
        <p className="mt-3">
          <Link to="/samordnare/traffar">{countText(inPerson.upcoming, "kommande träff", "kommande träffar")}</Link>: lägg upp datum, se anmälningar och registrera närvaro
        </p>
      </section>

      <section aria-labelledby="reports-heading" className="mb-10 max-w-3xl">
        <h2 id="reports-heading" className="mb-3">
          Rapporter till invånarna
        </h2>
        <PromiseProgress progress={reports} audience="coordinator" />
        <p className="mt-2">
          <Link to="/samordnare/uppfoljning">Publicera en rapport</Link>
        </p>
      </section>

      <DashboardQuietCommitments commitments={quiet} days={quietDays} />

      <section aria-labelledby="followup-heading" className="mb-10">
        <h2 id="followup-heading" className="mb-3">
          Att följa upp
        </h2>
        <ul className="space-y-2">
          {followUps.map((item) => (
            <li key={item.status}>
              <Link to={listLink(item.status)}>{countText(item.n, "coach", "coacher")}</Link> {item.text}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="funnel-heading" className="mb-10">
        <h2 id="funnel-heading" className="mb-3">
          Hur långt coacherna har kommit
        </h2>
        {first && last ? (
          <BarChart
            id="funnel"
            title="Påbörjat, läst och klarat per modul"
            description={`Liggande stapeldiagram. För varje modul tre staplar: hur många av de ${formatNumber(
              figures.active,
            )} aktiva coacherna som har påbörjat modulen, läst alla dess lektioner och klarat kunskapstestet.`}
            summary={
              <>
                Av {countText(figures.active, "aktiv coach", "aktiva coacher")} har {formatNumber(first.started)} påbörjat den första modulen, ”{first.title}”,
                och {formatNumber(last.testPassed)} har klarat kunskapstestet i den sista, ”{last.title}”. Under diagrammet kan du visa siffrorna för varje
                modul som tabell.
              </>
            }
            categoryHeader="Modul"
            series={["Påbörjat", "Läst alla lektioner", "Klarat testet"]}
            data={funnel.map((m) => ({ label: m.title, values: [m.started, m.lessonsDone, m.testPassed] }))}
            emptyText="Inga coacher har börjat på utbildningen ännu."
          />
        ) : (
          <p>Det finns ingen utbildning för coacher ännu.</p>
        )}
      </section>

      <section aria-labelledby="months-heading" className="mb-10">
        <h2 id="months-heading" className="mb-3">
          Utfärdade intyg per månad
        </h2>
        <BarChart
          id="months"
          title={`Utfärdade intyg per månad, de senaste ${monthsShown} månaderna`}
          description={`Stående stapeldiagram med en stapel per månad från ${months[0]?.label ?? ""} till ${
            months.at(-1)?.label ?? ""
          }: hur många intyg kommunen har utfärdat, förnyade intyg medräknade.`}
          summary={
            issued === 0 || !busiest
              ? `Inga intyg har utfärdats de senaste ${monthsShown} månaderna.`
              : `${formatNumber(issued)} intyg har utfärdats de senaste ${monthsShown} månaderna, flest i ${busiest.label} (${formatNumber(busiest.count)}).`
          }
          categoryHeader="Månad"
          series={["Utfärdade intyg"]}
          layout="vertical"
          emptyText={`Inga intyg har utfärdats de senaste ${monthsShown} månaderna.`}
          data={months.map((m, i) => ({
            label: m.label,
            shortLabel: m.shortLabel,
            // The year under each January, and under the first month unless a January follows at once.
            subLabel: m.month.endsWith("-01") || (i === 0 && !months[1]?.month.endsWith("-01")) ? m.month.slice(0, 4) : undefined,
            values: [m.count],
          }))}
        />
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
                <Link to={`/samordnare/coacher/${person.id}`}>{person.name}</Link>, {roleInSentence(person.role)}, gick med{" "}
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
            <Link to="/samordnare/coacher">Alla personer i {municipalityName}</Link>: sök, filtrera och ladda ner listan
          </li>
          <li>
            <Link to="/samordnare/inbjudningar">Bjud in coacher och skolpersonal</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
