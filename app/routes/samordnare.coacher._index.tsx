import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { Field, Select } from "~/components/forms";
import { Pagination, ResultRange } from "~/components/Pagination";
import { formatDate } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { listPeople, MEMBER_ROLES } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Personer – Coachportalen" }];

const PAGE_SIZE = 50;

// A filter in the address bar is never an error: anything unusable falls back to "all".
const searchSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, 100)),
  role: z.enum(["coach", "school_staff"]).optional().catch(undefined),
  status: z.enum(["active", "deactivated"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const filter = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listPeople(getDb(), {
    municipalityId: user.municipalityId,
    roles: filter.role ? [filter.role] : MEMBER_ROLES,
    search: filter.q,
    status: filter.status,
    page: filter.page,
    pageSize: PAGE_SIZE,
  });
  return { municipalityName: user.municipalityName, filter, ...result };
}

export default function CoordinatorPeople() {
  const { municipalityName, filter, people, total, page, pageCount, pageSize } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = Boolean(filter.q || filter.role || filter.status);
  return (
    <div>
      <h1>Personer i {municipalityName}</h1>
      <p className="mb-6">
        ANDTS-coacher och skolpersonal med konto. <Link to="/samordnare/inbjudningar">Bjud in fler</Link>
      </p>

      {/* Keyed by the address so the fields show the filter in use after back and forward. */}
      <Form method="get" key={location.search} role="search" aria-label="Sök och filtrera personer" className="card mb-6">
        <div className="grid gap-x-4 sm:grid-cols-3">
          <Field name="q" label="Sök på namn eller e-post" type="search" defaultValue={filter.q} className="sm:col-span-3" />
          <Select
            name="role"
            label="Roll"
            defaultValue={filter.role ?? ""}
            options={[
              { value: "", label: "Alla roller" },
              { value: "coach", label: ROLE_LABELS.coach },
              { value: "school_staff", label: ROLE_LABELS.school_staff },
            ]}
          />
          <Select
            name="status"
            label="Status"
            defaultValue={filter.status ?? ""}
            options={[
              { value: "", label: "Alla" },
              { value: "active", label: "Aktiva" },
              { value: "deactivated", label: "Avaktiverade" },
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

      <ResultRange page={page} pageSize={pageSize} total={total} shown={people.length} />
      {people.length > 0 ? (
        <div className="table-wrap relative mt-2" role="region" aria-label={`Personer i ${municipalityName}`} tabIndex={0}>
          <table className="data-table">
            <caption className="sr-only">Personer i {municipalityName}</caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">E-postadress</th>
                <th scope="col">Roll</th>
                <th scope="col">Skola</th>
                <th scope="col">Gick med</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/samordnare/coacher/${person.id}`}>{person.name}</Link>
                  </th>
                  <td className="break-all">{person.email}</td>
                  <td>{ROLE_LABELS[person.role]}</td>
                  <td>{person.school ?? "–"}</td>
                  <td>{formatDate(person.createdAt)}</td>
                  <td>{person.deactivatedAt ? <span className="badge">Avaktiverad</span> : "Aktiv"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Sidor i personlistan" />
    </div>
  );
}
