// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Notice } from "~/components/forms";
import { ReviewWorkList } from "~/components/ReviewWorkList";
import { SourcesDueList } from "~/components/SourcesDueList";
import { getContent } from "~/content/content.server";
import { SOURCES_CHECK_INTERVAL_MONTHS, sourcesDue } from "~/content/sources-due";
import { formatDate, stockholmDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { APPROVAL_STATE_LABELS, changesSinceApproval, recordVersionTexts, reviewRows, submitApprovalForm, type ApprovalState } from "~/modules/content-review/approvals.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Granskning av innehållet – Coachportalen" }];

const FILTERS: Record<string, { label: string; states: ApprovalState[] }> = {
  att_gora: { label: "Att granska", states: ["not_approved", "changed"] },
  andrat: { label: "Ändrat sedan granskningen", states: ["changed"] },
  ej: { label: "Inte granskat", states: ["not_approved"] },
  godkant: { label: "Godkänt", states: ["approved"] },
  alla: { label: "Allt", states: ["not_approved", "changed", "approved"] },
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const content = getContent();
  await recordVersionTexts(db, content);
  const url = new URL(request.url);
  const filter = Object.hasOwn(FILTERS, url.searchParams.get("visa") ?? "") ? url.searchParams.get("visa")! : "att_gora";
  const kind = url.searchParams.get("typ") === "material" ? "material" : url.searchParams.get("typ") === "modul" ? "module" : null;
  const rows = (await reviewRows(db, { municipalityId: user.municipalityId, content })).map((r) => ({ ...r, stateLabel: APPROVAL_STATE_LABELS[r.state] }));
  const count = (state: ApprovalState) => rows.filter((r) => r.state === state).length;
  const [changesKind, changesSlug] = (url.searchParams.get("andringar") ?? "").split(":");
  const changes =
    (changesKind === "module" || changesKind === "material") && changesSlug
      ? await changesSinceApproval(db, { municipalityId: user.municipalityId, content, kind: changesKind, slug: changesSlug })
      : null;
  return {
    municipalityName: user.municipalityName,
    filter,
    kind,
    counts: { not_approved: count("not_approved"), changed: count("changed"), approved: count("approved") },
    rows: rows.filter((r) => FILTERS[filter]!.states.includes(r.state) && (!kind || r.kind === kind)),
    changes,
    sourcesDue: sourcesDue(content, stockholmDate(new Date())),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const outcome = await submitApprovalForm(getDb(), { actor: user, municipalityId: user.municipalityId, content: getContent(), form: await readForm(request) });
  if (outcome.ok) return { message: outcome.message, errors: null };
  return data({ message: null, errors: outcome.errors }, { status: outcome.status });
}

export default function ContentReview() {
  const { municipalityName, filter, kind, counts, rows, changes, sourcesDue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div>
      <h1>Granskning av innehållet</h1>
      <div className="prose-page">
        <p>
          Här godkänner du utbildningens moduler och skolans material för {municipalityName}. Läs innehållet, kontrollera det mot källorna och mot hur ni
          arbetar, och godkänn det. Coacher och skolpersonal ser då att innehållet är granskat av kommunen, och när. Ändras innehållet efter att du har
          godkänt det ser du vad som har ändrats och kan godkänna det på nytt.
        </p>
        <p>
          {counts.not_approved} inte granskade, {counts.changed} ändrade sedan granskningen, {counts.approved} godkända.
        </p>
      </div>
      {result?.message ? <Notice>{result.message}</Notice> : null}
      <ErrorSummary errors={result?.errors} />

      {changes && "changes" in changes ? (
        <section aria-labelledby="changes-heading" className="card my-6">
          <h2 id="changes-heading" className="!mt-0">
            Ändrat i ”{changes.title}” sedan {formatDate(changes.approvedAt)}
          </h2>
          <p className="text-sm">
            <ins className="bg-green-100 no-underline">Ny text</ins> och <del className="bg-red-100">borttagen text</del> är markerade.
          </p>
          <p className="whitespace-pre-line">
            {changes.changes.map((part, i) =>
              part.kind === "added" ? (
                <ins key={i} className="bg-green-100 no-underline">
                  <span className="sr-only">[Ny text:] </span>
                  {part.text}
                </ins>
              ) : part.kind === "removed" ? (
                <del key={i} className="bg-red-100">
                  <span className="sr-only">[Borttaget:] </span>
                  {part.text}
                </del>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </p>
          <Link to={`?visa=${filter}`}>Stäng</Link>
        </section>
      ) : changes ? (
        <p className="my-4">Texten i den godkända versionen finns inte sparad, så ändringarna kan inte visas. Läs innehållet i sin helhet och godkänn det igen.</p>
      ) : null}

      <Form method="get" className="my-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="visa" className="field-label">
            Visa
          </label>
          <select id="visa" name="visa" defaultValue={filter} className="input">
            {Object.entries(FILTERS).map(([value, f]) => (
              <option key={value} value={value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="typ" className="field-label">
            Typ
          </label>
          <select id="typ" name="typ" defaultValue={kind === "module" ? "modul" : (kind ?? "")} className="input">
            <option value="">Moduler och material</option>
            <option value="modul">Moduler</option>
            <option value="material">Material</option>
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Visa
        </button>
      </Form>
      {rows.length === 0 ? <p>Inget innehåll i det här urvalet.</p> : <ReviewWorkList rows={rows} busy={busy} />}
      <SourcesDueList items={sourcesDue} months={SOURCES_CHECK_INTERVAL_MONTHS} />
    </div>
  );
}
