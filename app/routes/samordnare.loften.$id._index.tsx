// SPDX-License-Identifier: EUPL-1.2
// /samordnare/loften/:id: a draft's editor (facts, municipalities, focus areas, commitments, the
// signed PDF, publication) or a published version, read-only, with "Rätta löftet". Every form is a
// plain POST with an `intent`, answered by a redirect back (or the errors), so all of it works
// without JavaScript. Another municipality's promise answers 404.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Notice } from "~/components/forms";
import { PromiseEditorDocument } from "~/components/promises/PromiseEditorDocument";
import { PromiseEditorFacts } from "~/components/promises/PromiseEditorFacts";
import { PromiseEditorFocusAreas } from "~/components/promises/PromiseEditorFocusAreas";
import { PromiseEditorPublish } from "~/components/promises/PromiseEditorPublish";
import { PromiseEditorReadOnly } from "~/components/promises/PromiseEditorReadOnly";
import type { EditorActionData, EditorPromise } from "~/components/promises/PromiseEditorTypes";
import { getContent, type ContentIndex } from "~/content/content.server";
import { formatDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { formValues } from "~/lib/validation";
import { notFound, requireCoordinator } from "~/modules/access/permissions.server";
import { guideChoices, guideLink } from "~/modules/guides/guides.server";
import { listMunicipalities } from "~/modules/municipalities/municipalities.server";
import { openCorrectionOf, promiseForEditor, submitPromiseEditorForm, type EditorIntent } from "~/modules/promises/promise-editing.server";
import { MEASURE_LABELS, OWNER_LABELS, type FullPromise } from "~/modules/promises/promises.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.promise.title} – Medborgarlöfte – Coachportalen` : "Medborgarlöfte – Coachportalen" }];

const NOTICES: Record<string, string> = {
  skapat: "Utkastet är skapat. Fyll i uppgifterna, fokusområdena och åtagandena, och publicera när allt stämmer med det undertecknade löftet.",
  sparat: "Ändringen är sparad.",
  dokument: "PDF-filen är uppladdad.",
  publicerat: "Löftet är publicerat. Invånarna ser det nu, och ordalydelsen går inte att ändra.",
  rattelse: "Det här är ett utkast till rättelse, med samma innehåll som den publicerade versionen. Ändra det som är fel och publicera med en kommentar.",
};

const NOTICE_OF: Partial<Record<EditorIntent, string>> = { upload: "dokument", publish: "publicerat", correct: "rattelse" };

function toEditor(p: FullPromise, content: ContentIndex): EditorPromise {
  return {
    id: p.id,
    title: p.title,
    policeArea: p.policeArea,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    signedOn: p.signedOn,
    promisedReports: p.promisedReports,
    reportingWording: p.reportingWording,
    state: p.state,
    replacesId: p.replacesId,
    replacedById: p.replacedById,
    correctionNote: p.correctionNote,
    publishedOn: p.publishedAt ? formatDate(p.publishedAt) : null,
    municipalities: p.municipalities.map((m) => ({ id: m.id, name: m.name })),
    hasDocument: p.hasDocument,
    focusAreas: p.focusAreas.map((a) => ({
      id: a.id,
      title: a.title,
      commitments: a.commitments.map((c) => ({
        id: c.id,
        wording: c.wording,
        summary: c.summary,
        owner: c.owner,
        ownerLabel: OWNER_LABELS[c.owner],
        target: c.target,
        targetCount: c.targetCount,
        measure: c.measure,
        measureLabel: c.measure ? MEASURE_LABELS[c.measure] : null,
        guide: c.guide,
        guideLabel: c.guide ? (guideLink(content, c.guide)?.title ?? c.guide) : null,
      })),
    })),
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const promise = await promiseForEditor(db, user, params.id ?? "");
  if (!promise) notFound("Löftet finns inte.");
  const search = new URL(request.url).searchParams;
  return {
    promise: toEditor(promise, getContent()),
    ownMunicipalityId: user.municipalityId,
    municipalities: promise.state === "draft" ? (await listMunicipalities(db)).map((m) => ({ id: m.id, name: m.name })) : [],
    ownerOptions: Object.entries(OWNER_LABELS).map(([value, label]) => ({ value, label })),
    measureOptions: [{ value: "", label: "Ingen koppling" }, ...Object.entries(MEASURE_LABELS).map(([value, label]) => ({ value, label }))],
    guideOptions: guideChoices(getContent()),
    openCorrectionId: promise.state === "published" ? await openCorrectionOf(db, promise.id) : null,
    confirming: search.get("publicera") === "1",
    notice: NOTICES[search.get("notis") ?? ""] ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const promise = await promiseForEditor(db, user, params.id ?? "");
  if (!promise) notFound("Löftet finns inte.");
  // Only the upload sends a file; readForm refuses a multipart body on every page that does not say so.
  const form = await readForm(request, { upload: true });
  const { intent, subject, outcome } = await submitPromiseEditorForm(db, { actor: user, promiseId: promise.id, form, content: getContent() });
  if (!outcome.ok) {
    return data<EditorActionData>({ intent, subject, errors: outcome.errors, values: formValues(form) }, { status: outcome.status });
  }
  const target = intent === "correct" && outcome.id ? outcome.id : promise.id;
  const anchor = intent === "add-area" || intent.endsWith("commitment") || intent.endsWith("-area") ? "#fokusomraden" : intent === "facts" ? "#uppgifter" : "";
  return redirect(`/samordnare/loften/${target}?notis=${NOTICE_OF[intent as EditorIntent] ?? "sparat"}${anchor}`);
}

const FIELD_LABELS: Record<string, string> = {
  title: "Titel",
  policeArea: "Polisområde",
  periodStart: "Första dagen",
  periodEnd: "Sista dagen",
  signedOn: "Undertecknat",
  promisedReports: "Antal rapporter",
  reportingWording: "Löftets ord om rapporteringen",
  municipalityIds: "Kommuner",
  wording: "Ordalydelse",
  summary: "Sammanfattning",
  owner: "Vem lovade det",
  target: "Mätbart mål",
  targetCount: "Målets antal",
  measure: "Koppling",
  guide: "Vägledning för invånare",
  file: "PDF-fil",
  correctionNote: "Vad rättades?",
};

/** What publication found missing in the areas and commitments has no single field: it joins the page's own message. */
function summaryOf(errors: Record<string, string>): Record<string, string> {
  const { focusAreas, commitments, form, ...fields } = errors;
  const page = [form, focusAreas, commitments].filter(Boolean).join(" ");
  return page ? { form: page, ...fields } : fields;
}

export default function PromiseEditorPage() {
  const { promise, ownMunicipalityId, municipalities, ownerOptions, measureOptions, guideOptions, openCorrectionId, confirming, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const draft = promise.state === "draft";
  const errors = answer ? summaryOf(answer.errors) : null;
  return (
    <div className="max-w-4xl">
      <p className="mb-2">
        <Link to="/samordnare/loften">Alla medborgarlöften</Link>
      </p>
      <h1>{promise.title}</h1>
      <p className="mt-1 text-lg">
        {draft ? (promise.replacesId ? "Utkast till rättelse" : "Utkast") : promise.replacedById ? "Ersatt av en rättelse" : "Publicerat"} · {promise.periodStart} – {promise.periodEnd}
      </p>
      {notice && !answer ? (
        <div className="mt-4">
          <Notice>{notice}</Notice>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={FIELD_LABELS} />
      {draft ? (
        <>
          {promise.replacesId ? (
            <p className="mt-4">
              Rättar <Link to={`/samordnare/loften/${promise.replacesId}`}>den publicerade versionen</Link>.
            </p>
          ) : null}
          <PromiseEditorFacts promise={promise} municipalities={municipalities} ownMunicipalityId={ownMunicipalityId} answer={answer} busy={busy} />
          <PromiseEditorFocusAreas areas={promise.focusAreas} answer={answer} busy={busy} ownerOptions={ownerOptions} measureOptions={measureOptions} guideOptions={guideOptions} />
          <PromiseEditorDocument promiseId={promise.id} hasDocument={promise.hasDocument} answer={answer} busy={busy} />
          <PromiseEditorPublish promiseId={promise.id} correction={promise.replacesId !== null} confirming={confirming} answer={answer} busy={busy} />
        </>
      ) : (
        <>
          {promise.replacedById ? null : (
            <p className="mt-4">
              <Link to={`/samordnare/loften/${promise.id}/uppfoljning`}>Följ upp åtagandena</Link>
            </p>
          )}
          <PromiseEditorReadOnly promise={promise} openCorrectionId={openCorrectionId} answer={answer} busy={busy} />
        </>
      )}
    </div>
  );
}
