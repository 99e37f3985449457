import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatNumber } from "~/lib/dates";
import { requireAdmin } from "~/modules/access/permissions.server";
import { listMunicipalitiesWithCounts } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Administration – Coachportalen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { municipalities: await listMunicipalitiesWithCounts(getDb()) };
}

export default function AdminOverview() {
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Administration</h1>
      <p className="mb-6">Alla kommuner i Coachportalen. Siffrorna gäller aktiva konton och inbjudningar som ännu gäller.</p>

      <section aria-labelledby="municipalities-heading" className="mb-10">
        <h2 id="municipalities-heading" className="mb-3">
          Kommunerna
        </h2>
        {municipalities.length === 0 ? (
          <p>
            Inga kommuner ännu. <Link to="/admin/kommuner">Lägg till den första</Link>.
          </p>
        ) : (
          <div className="table-wrap relative" role="region" aria-label="Personer och väntande inbjudningar per kommun" tabIndex={0}>
            <table className="data-table">
              <caption className="sr-only">Personer och väntande inbjudningar per kommun</caption>
              <thead>
                <tr>
                  <th scope="col">Kommun</th>
                  <th scope="col">ANDTS-coacher</th>
                  <th scope="col">Skolpersonal</th>
                  <th scope="col">Samordnare</th>
                  <th scope="col">Väntande inbjudningar</th>
                </tr>
              </thead>
              <tbody>
                {municipalities.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" className="font-normal">
                      <Link to={`/admin/anvandare?municipality=${m.id}`}>{m.name}</Link>
                      <span className="block text-muted">{m.county}</span>
                    </th>
                    <td>{formatNumber(m.counts.coaches)}</td>
                    <td>{formatNumber(m.counts.schoolStaff)}</td>
                    <td>{formatNumber(m.counts.coordinators)}</td>
                    <td>{formatNumber(m.counts.pendingInvitations)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
        </ul>
      </section>
    </div>
  );
}
