// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DataTable } from "~/components/DataTable";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import { formatNumber } from "~/lib/dates";
import { requireAdmin } from "~/modules/access/permissions.server";
import { allMunicipalityFigures, EXPIRING_WITHIN_DAYS } from "~/modules/roster/roster.server";
import { listMunicipalitiesWithCounts } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Administration – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin({ request, context });
  const db = getDb();
  const now = new Date();
  const [municipalities, figures] = await Promise.all([listMunicipalitiesWithCounts(db, now), allMunicipalityFigures(db, getContent(), now)]);
  const figuresOf = new Map(figures.map((m) => [m.id, m.figures]));
  return {
    expiringDays: EXPIRING_WITHIN_DAYS,
    municipalities: municipalities.flatMap((m) => {
      const f = figuresOf.get(m.id);
      if (!f) return [];
      const { invited, active, inTraining, certified, expiring, expired } = f;
      return [{ ...m, figures: { invited, active, inTraining, certified, expiring, expired } }];
    }),
  };
}

export default function AdminOverview() {
  const { municipalities, expiringDays } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Administration</h1>
      <p className="mb-6 max-w-3xl">
        Alla kommuner i Coachportalen sida vid sida, med samma siffror som samordnarna ser. Siffrorna gäller aktiva konton och inbjudningar som ännu gäller.
        Certifierade har ett giltigt intyg; de vars intyg snart går ut räknas med.
      </p>

      <section aria-labelledby="municipalities-heading" className="mb-10">
        <h2 id="municipalities-heading" className="mb-3">
          Kommunerna
        </h2>
        {municipalities.length === 0 ? (
          <p>
            Inga kommuner ännu. <Link to="/admin/kommuner">Lägg till den första</Link>.
          </p>
        ) : (
          <DataTable label="Coacher, skolpersonal och samordnare per kommun" caption="Coacher, skolpersonal och samordnare per kommun" showCaption>
            <thead>
              <tr>
                <th scope="col">Kommun</th>
                <th scope="col" className="text-right">
                  Inbjudna coacher utan konto
                </th>
                <th scope="col" className="text-right">
                  Aktiva coacher
                </th>
                <th scope="col" className="text-right">
                  Under utbildning
                </th>
                <th scope="col" className="text-right">
                  Certifierade
                </th>
                <th scope="col" className="text-right">
                  Intyget går ut inom {expiringDays} dagar
                </th>
                <th scope="col" className="text-right">
                  Intyget har gått ut
                </th>
                <th scope="col" className="text-right">
                  Skolpersonal
                </th>
                <th scope="col" className="text-right">
                  Samordnare
                </th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/admin/anvandare?municipality=${m.id}`}>{m.name}</Link>
                    <span className="block text-muted">{m.county}</span>
                  </th>
                  <td className="text-right">{formatNumber(m.figures.invited)}</td>
                  <td className="text-right">{formatNumber(m.figures.active)}</td>
                  <td className="text-right">{formatNumber(m.figures.inTraining)}</td>
                  <td className="text-right">{formatNumber(m.figures.certified)}</td>
                  <td className="text-right">{formatNumber(m.figures.expiring)}</td>
                  <td className="text-right">{formatNumber(m.figures.expired)}</td>
                  <td className="text-right">{formatNumber(m.counts.schoolStaff)}</td>
                  <td className="text-right">{formatNumber(m.counts.coordinators)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      <section aria-labelledby="manage-heading">
        <h2 id="manage-heading" className="mb-3">
          Hantera
        </h2>
        <ul className="space-y-2">
          <li>
            <Link to="/admin/kommuner">Kommuner</Link>: lägg till en kommun
          </li>
          <li>
            <Link to="/admin/anvandare">Användare</Link>: sök bland alla, bjud in samordnare och administratörer, avaktivera konton
          </li>
          <li>
            <Link to="/admin/utskick">Utskick</Link>: alla e-postmeddelanden som portalen har skickat
          </li>
          <li>
            <Link to="/admin/logg">Logg</Link>: vem som har gjort vad och när – inloggningar, inbjudningar, intyg och exporter
          </li>
        </ul>
      </section>
    </div>
  );
}
