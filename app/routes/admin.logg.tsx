// SPDX-License-Identifier: EUPL-1.2
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, Select } from "~/components/forms";
import { Pagination, ResultRange } from "~/components/Pagination";
import { DataTable } from "~/components/DataTable";
import { addDays, formatDateTime, startOfStockholmDay, type LocalDate } from "~/lib/dates";
import { getContent } from "~/content/content.server";
import { requireAdmin } from "~/modules/access/permissions.server";
import { actionsInGroup, auditActionGroups, isAuditAction, isAuditGroup, listAuditEvents, type AuditAction } from "~/modules/audit/audit.server";
import { listMunicipalities } from "~/modules/municipalities/municipalities.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Logg – Coachportalen" }];

const PAGE_SIZE = 50;
const WITHOUT_MUNICIPALITY = "ingen";
// A whole group is chosen as "grupp:<group>", so it can never be mistaken for one action.
const GROUP_PREFIX = "grupp:";

/** "2026-03-14" as a calendar day, or null if it is not a real date. */
function calendarDay(value: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

function actionsFor(choice: string | undefined): AuditAction[] | undefined {
  if (!choice) return undefined;
  if (choice.startsWith(GROUP_PREFIX)) {
    const group = choice.slice(GROUP_PREFIX.length);
    return isAuditGroup(group) ? actionsInGroup(group) : undefined;
  }
  return isAuditAction(choice) ? [choice] : undefined;
}

// A filter in the address bar is never an error: anything unusable falls back to "all".
// Only a period that ends before it begins is worth telling: both dates were meant.
const searchSchema = z.object({
  municipality: z.string().min(1).max(64).optional().catch(undefined),
  action: z
    .string()
    .max(100)
    .refine((choice) => actionsFor(choice) !== undefined)
    .optional()
    .catch(undefined),
  actor: z
    .string()
    .catch("")
    .transform((actor) => actor.trim().toLowerCase().slice(0, 254)),
  from: z
    .string()
    .refine((day) => calendarDay(day) !== null)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .refine((day) => calendarDay(day) !== null)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin({ request, context });
  const parsed = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const municipalities = await listMunicipalities(db);
  const municipality =
    parsed.municipality === WITHOUT_MUNICIPALITY || municipalities.some((m) => m.id === parsed.municipality) ? parsed.municipality : undefined;
  const filter = { ...parsed, municipality };
  const from = filter.from ? calendarDay(filter.from) : null;
  const to = filter.to ? calendarDay(filter.to) : null;
  const common = {
    filter,
    municipalities,
    actionGroups: auditActionGroups(),
  };

  if (from && to && startOfStockholmDay(to) < startOfStockholmDay(from)) {
    return data(
      {
        ...common,
        errors: { to: "Till och med-datumet är före från och med-datumet. Ändra ett av datumen." } as Record<string, string> | null,
        events: [],
        total: 0,
        page: 1,
        pageCount: 1,
        pageSize: PAGE_SIZE,
      },
      { status: 400 },
    );
  }

  const result = await listAuditEvents(db, {
    municipalityId: municipality === WITHOUT_MUNICIPALITY ? null : municipality,
    actions: actionsFor(filter.action),
    actorEmail: filter.actor,
    from: from ? startOfStockholmDay(from) : undefined,
    // "To and including" a day: up to the start of the next one in Stockholm.
    until: to ? startOfStockholmDay(addDays(to, 1)) : undefined,
    page: filter.page,
    pageSize: PAGE_SIZE,
  }, getContent());
  return { ...common, errors: null as Record<string, string> | null, ...result };
}

const FILTER_LABELS = { municipality: "Kommun", action: "Händelse", actor: "Vem (e-postadress)", from: "Från och med", to: "Till och med" };

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Grouped choices need <optgroup>, which the shared Select does not offer. */
function ActionSelect({ groups, defaultValue }: { groups: LoaderData["actionGroups"]; defaultValue: string }) {
  return (
    <div className="field">
      <label htmlFor="f-action" className="field-label">
        {FILTER_LABELS.action}
      </label>
      <select id="f-action" name="action" defaultValue={defaultValue} className="input">
        <option value="">Alla händelser</option>
        {groups.map((group) => (
          <optgroup key={group.group} label={group.label}>
            <option value={`${GROUP_PREFIX}${group.group}`}>{`Alla: ${group.label.toLowerCase()}`}</option>
            {group.actions.map((a) => (
              <option key={a.action} value={a.action}>
                {a.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function PersonText({ person }: { person: { name: string; email: string } }) {
  return (
    <>
      {person.name}
      <span className="block text-sm text-muted wrap-anywhere">{person.email}</span>
    </>
  );
}

export default function AdminAuditLog() {
  const { filter, municipalities, actionGroups, errors, events, total, page, pageCount, pageSize } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = Boolean(filter.municipality || filter.action || filter.actor || filter.from || filter.to);
  return (
    <div>
      <h1>Logg</h1>
      <p className="mb-4 max-w-3xl">
        Vad som har hänt i Coachportalen: inloggningar, inbjudningar, ändrade konton och vem som har tittat på en persons uppgifter. Nyast först,
        tider i svensk tid.
      </p>
      <ErrorSummary errors={errors} labels={FILTER_LABELS} />

      {/* Keyed by the address so the fields show the filter in use after back and forward. */}
      <Form method="get" key={location.search} role="search" aria-label="Filtrera loggen" className="card mb-6">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <Select
            name="municipality"
            label={FILTER_LABELS.municipality}
            defaultValue={filter.municipality ?? ""}
            options={[
              { value: "", label: "Alla kommuner" },
              ...municipalities.map((m) => ({ value: m.id, label: m.name })),
              { value: WITHOUT_MUNICIPALITY, label: "Utan kommun" },
            ]}
          />
          <ActionSelect groups={actionGroups} defaultValue={filter.action ?? ""} />
          <Field name="actor" label={FILTER_LABELS.actor} type="search" hint="Hela eller en del av adressen." defaultValue={filter.actor} />
          <Field name="from" label={FILTER_LABELS.from} type="date" defaultValue={filter.from ?? ""} />
          <Field name="to" label={FILTER_LABELS.to} type="date" defaultValue={filter.to ?? ""} error={errors?.to} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary">
            Visa
          </button>
          {filtered ? <Link to="/admin/logg">Visa allt</Link> : null}
        </div>
      </Form>

      {errors ? null : <ResultRange page={page} pageSize={pageSize} total={total} shown={events.length} />}
      {events.length > 0 ? (
        <DataTable cardsOnPhone label="Händelser i loggen" caption="Händelser i loggen, nyast först" className="mt-2">
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Vem</th>
              <th scope="col">Händelse</th>
              <th scope="col">Gäller</th>
              <th scope="col">Kommun</th>
              <th scope="col">Uppgifter</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <th scope="row" className="font-normal whitespace-nowrap">
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </th>
                <td data-label="Vem" className="cell-wide">
                  {event.actor ? <PersonText person={event.actor} /> : <span className="text-muted">Ingen inloggad</span>}
                </td>
                <td data-label="Händelse">{event.actionLabel}</td>
                <td data-label="Gäller" className="cell-wide">
                  {event.subject === null ? (
                    "–"
                  ) : "person" in event.subject ? (
                    <PersonText person={event.subject.person} />
                  ) : (
                    <span className="wrap-anywhere">{event.subject.text}</span>
                  )}
                </td>
                <td data-label="Kommun">{event.municipalityName ?? "–"}</td>
                <td data-label="Uppgifter" className="cell-wide">
                  {event.details.length === 0 ? (
                    "–"
                  ) : (
                    <ul className="text-sm">
                      {event.details.map((sentence, i) => (
                        <li key={i} className="break-words">
                          {sentence}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <Pagination page={page} pageCount={pageCount} label="Sidor i loggen" />
    </div>
  );
}
