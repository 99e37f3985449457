// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { z } from "zod";
import { getContent } from "~/content/content.server";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { getOptionalUser } from "~/modules/access/permissions.server";
import { MaterialList } from "~/components/MaterialList";
import { MaterialMentions } from "~/components/MaterialMentions";
import { findMaterials } from "~/modules/materials/catalog.server";
import {
  AUDIENCE_LABELS,
  AUDIENCE_VALUES,
  FILTER_GROUPS,
  KIND_LABELS,
  KIND_VALUES,
  labelOf,
  listLabels,
  TOPIC_LABELS,
  TOPIC_VALUES,
  type FilterGroup,
  type MaterialQuery,
} from "~/modules/materials/labels";

export const meta: MetaFunction = () => [{ title: "Material – Coachportalen" }];

// A CDN may carry the list for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// The filters' names in the address, so that a filtered list can be shared as a link.
const PARAM: Record<FilterGroup, string> = { topics: "amne", audiences: "malgrupp", kinds: "typ" };

const GROUPS: Record<FilterGroup, { legend: string; values: readonly string[]; labels: Record<string, string> }> = {
  topics: { legend: "Ämne", values: TOPIC_VALUES, labels: TOPIC_LABELS },
  audiences: { legend: "Målgrupp", values: AUDIENCE_VALUES, labels: AUDIENCE_LABELS },
  kinds: { legend: "Typ av material", values: KIND_VALUES, labels: KIND_LABELS },
};

// A filter in the address bar is never an error: unknown values are left out.
const valuesFrom = <T extends string>(allowed: readonly T[]) =>
  z.array(z.string()).transform((values) => allowed.filter((value) => values.includes(value)));

const querySchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, 100)),
  topics: valuesFrom(TOPIC_VALUES),
  audiences: valuesFrom(AUDIENCE_VALUES),
  kinds: valuesFrom(KIND_VALUES),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Open to everyone; signing in adds the materials meant for school staff.
  const user = await getOptionalUser({ request, context });
  const params = new URL(request.url).searchParams;
  const query: MaterialQuery = querySchema.parse({
    q: params.get("q") ?? "",
    topics: params.getAll(PARAM.topics),
    audiences: params.getAll(PARAM.audiences),
    kinds: params.getAll(PARAM.kinds),
  });
  const result = findMaterials(getContent(), query, user !== null);
  return cacheableData(request, { query, signedIn: user !== null, isCoordinator: user?.role === "coordinator", ...result }, { personalized: user !== null });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function hrefFor(query: MaterialQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const group of FILTER_GROUPS) for (const value of query[group]) params.append(PARAM[group], value);
  const search = params.toString();
  return search ? `/material?${search}` : "/material";
}

function isFiltered(query: MaterialQuery): boolean {
  return Boolean(query.q) || FILTER_GROUPS.some((group) => query[group].length > 0);
}

function countLabel(count: number): string {
  return `${count} material`;
}

export default function MaterialsLibrary() {
  const data = useLoaderData<typeof loader>();
  const { query, materials, mentions, suggestion, total, signedIn, isCoordinator } = data;
  const filtered = isFiltered(query);
  return (
    <div>
      <h1>Material för förebyggande arbete</h1>
      <p className="mb-2 max-w-3xl">
        Lektioner, samtalsunderlag och material till föräldramöten om alkohol, narkotika, dopning, tobak och spel om pengar. Välj ämne,
        målgrupp eller typ, eller sök på ett ord.
      </p>
      {signedIn ? null : (
        <p className="mb-6 max-w-3xl text-muted">
          Arbetar du i skolan? <Link to="/logga-in?redirectTo=%2Fmaterial">Logga in</Link> för att också se material för skolpersonal.
        </p>
      )}
      {isCoordinator ? (
        <p className="mb-6">
          <Link to="/samordnare/material">Se hur materialet används i din kommun</Link>
        </p>
      ) : null}

      <div className="mt-6 grid gap-8 lg:grid-cols-[18rem_1fr]">
        <FilterForm data={data} />
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="mb-2">
            Material
          </h2>
          {/* The suggestion is a link inside the status, so it is announced with the count. */}
          <p role="status" className="mb-4 font-semibold">
            Visar {countLabel(materials.length)}
            {filtered ? ` av totalt ${total}` : ""}
            {mentions.length > 0 ? `. Ytterligare ${countLabel(mentions.length)} nämner det du sökte på` : ""}
            {suggestion ? (
              <>
                . Menade du <Link to={hrefFor({ ...query, q: suggestion })}>{suggestion}</Link>?
              </>
            ) : mentions.length > 0 ? "." : null}
          </p>
          {materials.length > 0 ? <MaterialList materials={materials} /> : <EmptyState data={data} />}
          {mentions.length > 0 ? <MaterialMentions materials={mentions} /> : null}
        </section>
      </div>
    </div>
  );
}

function FilterForm({ data }: { data: LoaderData }) {
  const { query, facets } = data;
  const submit = useSubmit();
  const location = useLocation();
  const navigation = useNavigation();
  const searchRef = useRef<HTMLInputElement>(null);
  // While a new filter loads, the boxes already show it; after back and forward they follow the address.
  const pending = navigation.location?.pathname === location.pathname ? new URLSearchParams(navigation.location.search) : null;
  // The box a person just clicked stays as they left it until the list has loaded: a controlled
  // checkbox would otherwise flip back for a moment, and a quick second click could be lost.
  const [clicked, setClicked] = useState<URLSearchParams | null>(null);
  useEffect(() => setClicked(null), [location.search]);
  const current = clicked ?? pending ?? new URLSearchParams(location.search);

  useEffect(() => {
    if (searchRef.current && searchRef.current.value !== query.q) searchRef.current.value = query.q;
  }, [query.q]);

  // A checked box shows its materials at once; the button does the same without JavaScript.
  const onToggle = (event: ChangeEvent<HTMLInputElement>) => {
    const form = event.currentTarget.form;
    if (!form) return;
    const chosen = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === "string") chosen.append(key, value);
    setClicked(chosen);
    submit(form, { replace: true, preventScrollReset: true });
  };

  const filtered = isFiltered(query);
  return (
    <Form method="get" action="/material" role="search" aria-label="Sök och filtrera material" className="print:hidden">
      <div className="field">
        <label htmlFor="f-q" className="field-label">
          Sök i materialet
        </label>
        <p id="f-q-hint" className="field-hint">
          Till exempel snus, föräldramöte eller alkohol.
        </p>
        <input ref={searchRef} id="f-q" name="q" type="search" defaultValue={query.q} aria-describedby="f-q-hint" className="input" maxLength={100} />
      </div>
      {FILTER_GROUPS.map((group) => {
        const { legend, values, labels } = GROUPS[group];
        return (
          <fieldset key={group} className="mb-5">
            <legend className="field-label mb-1">{legend}</legend>
            <ul className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-1">
              {values.map((value) => {
                const id = `f-${PARAM[group]}-${value}`;
                const count = facets[group][value] ?? 0;
                return (
                  <li key={value} className="flex items-center gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      name={PARAM[group]}
                      value={value}
                      checked={current.getAll(PARAM[group]).includes(value)}
                      onChange={onToggle}
                      className="size-5 shrink-0 accent-brand-700"
                    />
                    <label htmlFor={id} className="py-1">
                      {labelOf(labels, value)} <span className="text-muted">({count})</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className="btn-primary">
          Visa material
        </button>
        {filtered ? <Link to="/material">Rensa alla filter</Link> : null}
      </div>
    </Form>
  );
}

function EmptyState({ data }: { data: LoaderData }) {
  const { query, loosen, total } = data;
  if (total === 0) return <p>Det finns inget material här ännu.</p>;
  const describe = (remove: (typeof loosen)[number]["remove"]) =>
    remove === "q" ? `Ta bort sökordet ”${query.q}”` : `Ta bort filtret ${GROUPS[remove].legend.toLowerCase()}: ${listLabels(GROUPS[remove].labels, query[remove])}`;
  const without = (remove: (typeof loosen)[number]["remove"]): MaterialQuery =>
    remove === "q" ? { ...query, q: "" } : { ...query, [remove]: [] };
  const helpful = loosen.filter((step) => step.count > 0);
  return (
    <div className="notice-info">
      <h3 className="mb-2 text-lg font-semibold">Inget material passar alla dina val</h3>
      {helpful.length > 0 ? (
        <>
          <p className="mb-2">Prova att ta bort något av det du valt:</p>
          <ul className="mb-3 list-disc space-y-1 pl-5">
            {helpful.map((step) => (
              <li key={step.remove}>
                <Link to={hrefFor(without(step.remove))}>
                  {describe(step.remove)} (visar {countLabel(step.count)})
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mb-2">Det hjälper inte att ta bort bara ett av valen. {query.q ? "Prova ett annat eller kortare sökord, eller börja om." : "Börja om med färre val."}</p>
      )}
      <p>
        <Link to="/material">Rensa alla filter och visa alla {countLabel(total)}</Link>
      </p>
    </div>
  );
}
