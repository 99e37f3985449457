// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { Field, Select } from "~/components/forms";
import { Pagination, ResultRange } from "~/components/Pagination";
import { getContent } from "~/content/content.server";
import { formatDate, formatNumber } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import { requireCoordinator } from "~/modules/access/permissions.server";
import {
  listRoster,
  parseRosterQuery,
  ROSTER_SORT_LABELS,
  ROSTER_SORTS,
  ROSTER_STATUS_LABELS,
  ROSTER_STATUSES,
  rosterModules,
  rosterQueryString,
  type RosterCertificate,
  type RosterSort,
} from "~/modules/roster/roster.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Personer – Coachportalen" }];

const PAGE_SIZE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const content = getContent();
  const { filters, page } = parseRosterQuery(new URL(request.url).searchParams, content);
  const result = await listRoster(getDb(), { municipalityId: user.municipalityId, content, filters, page, pageSize: PAGE_SIZE });
  return {
    municipalityName: user.municipalityName,
    filters,
    people: result.rows,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    pageSize: result.pageSize,
    exportQuery: rosterQueryString(filters),
    statusOptions: ROSTER_STATUSES.map((status) => ({ value: status, label: ROSTER_STATUS_LABELS[status] })),
    sortOptions: ROSTER_SORTS.map((sort) => ({ value: sort, label: ROSTER_SORT_LABELS[sort] })),
    sortLabel: ROSTER_SORT_LABELS[filters.sort],
    modules: rosterModules(content),
  };
}

const dayOf = (isoDay: string) => formatDate(`${isoDay}T12:00:00Z`);

function certificateText(certificate: RosterCertificate | null): string {
  if (!certificate) return "Inget intyg";
  if (certificate.status === "revoked") return `Återkallat ${formatDate(certificate.revokedAt!)}`;
  if (certificate.status === "expired") return `Gick ut, gällde till och med ${dayOf(certificate.lastValidDay)}`;
  return `Giltigt till och med ${dayOf(certificate.lastValidDay)}`;
}

/** The column the list is sorted by, so that screen readers announce it. */
const SORTED_COLUMN: Record<RosterSort, string> = { name: "name", progress: "progress", activity: "activity", expiry: "certificate" };

export default function CoordinatorPeople() {
  const { municipalityName, filters, people, total, page, pageCount, pageSize, exportQuery, statusOptions, sortOptions, sortLabel, modules } =
    useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = exportQuery !== "";
  const suffix = exportQuery ? `?${exportQuery}` : "";
  const ariaSort = (column: string) =>
    SORTED_COLUMN[filters.sort] === column ? (filters.dir === "asc" ? ("ascending" as const) : ("descending" as const)) : undefined;

  return (
    <div>
      <h1>Personer i {municipalityName}</h1>
      <p className="mb-6 max-w-3xl">
        ANDTS-coacher och skolpersonal, och de som är inbjudna men ännu inte har skapat konto. Skolpersonal får inget intyg och har därför ingen
        utbildningsstatus här. <Link to="/samordnare/inbjudningar">Bjud in fler</Link>
      </p>

      {/* Keyed by the address so the fields show the filter in use after back and forward. */}
      <Form method="get" key={location.search} role="search" aria-label="Sök och filtrera personer" className="card mb-6">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field name="q" label="Sök på namn eller e-post" type="search" defaultValue={filters.q} className="sm:col-span-2 lg:col-span-3" />
          <Select
            name="role"
            label="Roll"
            defaultValue={filters.role ?? ""}
            options={[
              { value: "", label: "Alla roller" },
              { value: "coach", label: ROLE_LABELS.coach },
              { value: "school_staff", label: ROLE_LABELS.school_staff },
            ]}
          />
          <Select name="status" label="Status" defaultValue={filters.status ?? ""} options={[{ value: "", label: "Alla" }, ...statusOptions]} />
          <Select
            name="module"
            label="Inte klar med modulen"
            hint="Coacher med konto som ännu inte har läst alla lektioner och klarat testet i modulen."
            defaultValue={filters.module ?? ""}
            options={[{ value: "", label: "Alla, oavsett modul" }, ...modules.map((m) => ({ value: m.slug, label: m.title }))]}
          />
          <Select name="sort" label="Sortera efter" defaultValue={filters.sort} options={sortOptions} />
          <Select
            name="dir"
            label="Ordning"
            hint="Stigande: A–Ö, minst först, tidigast först. Den som saknar värde, till exempel intyg, kommer alltid sist."
            defaultValue={filters.dir}
            options={[
              { value: "asc", label: "Stigande" },
              { value: "desc", label: "Fallande" },
            ]}
          />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary">
            Sök
          </button>
          {filtered ? <Link to="/samordnare/coacher">Visa alla</Link> : null}
        </div>
      </Form>

      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-2">
        <a href={`/samordnare/export.xlsx${suffix}`} download>
          Ladda ner Excel (XLSX)
        </a>
        <a href={`/samordnare/export.csv${suffix}`} download>
          Ladda ner CSV
        </a>
        <span className="text-sm text-muted">Filerna innehåller alla {formatNumber(total)} resultat, inte bara den här sidan.</span>
      </div>

      <ResultRange page={page} pageSize={pageSize} total={total} shown={people.length} />
      {people.length > 0 ? (
        <DataTable
          className="mt-2"
          label={`Personer i ${municipalityName}`}
          caption={
            <>
              Personer i {municipalityName}, sorterade efter {sortLabel.toLowerCase()}
            </>
          }
        >
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort("name")}>
                Namn
              </th>
              <th scope="col">Roll</th>
              <th scope="col">Status</th>
              <th scope="col" aria-sort={ariaSort("progress")}>
                Framsteg
              </th>
              <th scope="col" aria-sort={ariaSort("activity")}>
                Senast aktiv
              </th>
              <th scope="col" aria-sort={ariaSort("certificate")}>
                Intyg
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.key}>
                <th scope="row" className="font-normal">
                  {person.userId ? (
                    <>
                      <Link to={`/samordnare/coacher/${person.userId}`}>{person.name}</Link>
                      <span className="block break-all text-muted">{person.email}</span>
                    </>
                  ) : (
                    <>
                      <span className="break-all">{person.email}</span>
                      <span className="block text-muted">
                        <Link to="/samordnare/inbjudningar">Inbjuden {formatDate(person.since)}</Link>
                      </span>
                      {person.pendingCredits > 0 ? <span className="block text-muted">Väntande tidigare utbildning: {formatNumber(person.pendingCredits)} moment</span> : null}
                    </>
                  )}
                </th>
                <td>
                  {ROLE_LABELS[person.role]}
                  {person.school ? <span className="block text-muted">{person.school}</span> : null}
                </td>
                <td>
                  {person.statusLabel ?? "–"}
                  {person.olderVersion ? <span className="badge mt-1 block w-fit">äldre version</span> : null}
                </td>
                <td>
                  {person.progress ? (
                    <>
                      {formatNumber(person.progress.modulesDone)} av {formatNumber(person.progress.modulesTotal)} moduler
                      <span className="block text-muted">
                        {formatNumber(person.progress.lessonsDone)} av {formatNumber(person.progress.lessonsTotal)} lektioner
                      </span>
                      {person.currentModule ? <span className="block text-muted">Nästa: {person.currentModule.title}</span> : null}
                    </>
                  ) : (
                    "–"
                  )}
                </td>
                <td>{person.lastActivityAt ? formatDate(person.lastActivityAt) : "–"}</td>
                <td>{person.role === "coach" && person.userId ? certificateText(person.certificate) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Sidor i personlistan" />
    </div>
  );
}
