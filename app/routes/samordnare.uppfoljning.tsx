// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, Notice } from "~/components/forms";
import { FOLLOWUP_FIELD_LABELS, PreviewSection, PublishedReports, ReportForm } from "~/components/FollowupReportForm";
import { PromiseProgress } from "~/components/PromiseProgress";
import { getContent } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { correctionValues, followupMunicipalityOf, submitReportForm, type FollowupFormOutcome } from "~/modules/followup/report-form.server";
import { listReports, promiseProgress } from "~/modules/followup/reports.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Uppföljning för invånarna – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const municipality = await followupMunicipalityOf(db, user.municipalityId);
  const url = new URL(request.url);
  const [reports, progress, correction] = await Promise.all([
    listReports(db, municipality.id),
    promiseProgress(db, municipality),
    // "Rätta" on a report opens the form filled in from it, as a correction of it.
    correctionValues(db, { municipalityId: municipality.id, reportId: url.searchParams.get("rattar") }),
  ]);
  return {
    municipality: { slug: municipality.slug, name: municipality.name },
    progress,
    reports,
    published: reports.find((r) => r.id === url.searchParams.get("publicerad")) ?? null,
    correction,
    today: formatIsoDate(new Date()),
  };
}

type ActionResult = Exclude<FollowupFormOutcome, { kind: "published" }>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const municipality = await followupMunicipalityOf(db, user.municipalityId);
  const form = await readForm(request);
  const outcome = await submitReportForm(db, { municipality, actorId: user.id, form, content: getContent() });
  if (outcome.kind === "published") return redirect(`/samordnare/uppfoljning?publicerad=${outcome.id}`);
  return data<ActionResult>(outcome, { status: outcome.kind === "errors" ? outcome.status : 200 });
}

export default function CoordinatorFollowup() {
  const { municipality, progress, reports, published, correction, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as unknown as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.kind === "errors" ? result.errors : null;
  const reportErrors = result?.kind === "errors" ? result.errors : {};
  const reportFormValues = result?.kind === "errors" ? result.values : result?.kind === "edit" ? result.values : (correction ?? {});
  const publicPage = `/uppfoljning/${municipality.slug}`;

  return (
    <div>
      <h1>Uppföljning för invånarna</h1>
      <p className="mb-6 max-w-3xl">
        Här publicerar du kommunens rapporter till invånarna. De visas på den <Link to={publicPage}>offentliga sidan för {municipality.name}</Link>, där alla
        kan läsa dem utan konto.
      </p>
      {published ? (
        <Notice>
          Rapporten ”{published.title}” är publicerad. <Link to={`${publicPage}/rapporter/${published.id}`}>Visa rapporten som invånarna ser den</Link>.
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} labels={FOLLOWUP_FIELD_LABELS} />

      <section aria-labelledby="promise-heading" className="mb-10 max-w-3xl">
        <h2 id="promise-heading" className="mb-3">
          Löftet till invånarna
        </h2>
        <PromiseProgress progress={progress} audience="coordinator" />
        {progress.promise ? (
          <p className="mt-3">
            Rapporterna räknas mot <Link to={`/samordnare/loften/${progress.promise.id}`}>{progress.promise.title}</Link>. Löftet, dess period och antalet
            utlovade rapporter skriver du under <Link to="/samordnare/loften">Medborgarlöften</Link>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="new-report-heading" className="mb-10">
        {result?.kind === "preview" ? (
          <PreviewSection preview={result.preview} busy={busy} />
        ) : (
          <>
            <h2 id="new-report-heading" className="mb-3">
              {reportFormValues.replaces ? "Rätta en rapport" : "Publicera en ny rapport"}
            </h2>
            <p className="mb-4 max-w-3xl">
              Fyll i rapporten och förhandsgranska den. Rapporten får kommunens siffror som de är när du publicerar, och efter det ändras den aldrig.
            </p>
            <ReportForm
              key={JSON.stringify(reportFormValues)}
              values={reportFormValues}
              errors={reportErrors}
              reports={reports}
              today={today}
              busy={busy}
            />
          </>
        )}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading" className="mb-3">
          Publicerade rapporter
        </h2>
        <PublishedReports reports={reports} publicPage={publicPage} />
      </section>
    </div>
  );
}
