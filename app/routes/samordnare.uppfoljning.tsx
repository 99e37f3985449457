// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ErrorSummary, Field, Notice, Select, TextArea } from "~/components/forms";
import { FollowupFigures } from "~/components/FollowupFigures";
import { periodInWords, PromiseProgress } from "~/components/PromiseProgress";
import { DataTable } from "~/components/DataTable";
import { getContent } from "~/content/content.server";
import { formatDate, formatIsoDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { parseForm, type FieldErrors } from "~/lib/validation";
import { requireCoordinator, type CoordinatorUser } from "~/modules/access/permissions.server";
import { renderCommentary } from "~/modules/followup/commentary.server";
import { MAX_COMMENTARY_LENGTH, MAX_PROMISED_REPORTS } from "~/modules/followup/limits";
import { countFollowupFigures, figuresChecksum, publicFigures, type FollowupFigures as Figures } from "~/modules/followup/public-figures.server";
import {
  findFollowupMunicipality,
  getReport,
  listReports,
  parseDay,
  promiseProgress,
  publishReport,
  REPORT_ID_PATTERN,
  updateFollowupPromise,
  type DayPeriod,
  type PublicMunicipality,
} from "~/modules/followup/reports.server";
import { newId } from "~db/ids.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Uppföljning för invånarna – Coachportalen" }];

const EARLIEST_DAY = "2000-01-01";

async function municipalityOf(user: CoordinatorUser): Promise<PublicMunicipality> {
  const municipality = await findFollowupMunicipality(getDb(), { id: user.municipalityId });
  if (!municipality) throw new Error(`the coordinator's municipality ${user.municipalityId} is missing`);
  return municipality;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const municipality = await municipalityOf(user);
  const [reports, progress] = await Promise.all([listReports(db, municipality.id), promiseProgress(db, municipality)]);
  const url = new URL(request.url);
  const published = reports.find((r) => r.id === url.searchParams.get("publicerad")) ?? null;
  // "Rätta" on a report opens the form filled in from it, as a correction of it.
  const corrected = reports.find((r) => r.id === url.searchParams.get("rattar") && !r.replacedBy);
  const full = corrected ? await getReport(db, { municipalityId: municipality.id, id: corrected.id }) : undefined;
  const correction: Record<string, string> | null = full
    ? { title: full.title, from: full.period.from, to: full.period.to, commentary: full.commentary, replaces: full.id }
    : null;
  return {
    municipality: { slug: municipality.slug, name: municipality.name },
    promise: municipality.promise,
    progress,
    reports,
    published,
    correction,
    today: formatIsoDate(new Date()),
  };
}

const day = (label: string) =>
  z
    .string({ error: `Fyll i ${label}.` })
    .trim()
    .min(1, `Fyll i ${label}.`)
    .refine((v) => parseDay(v) !== null, `Skriv ${label} som ÅÅÅÅ-MM-DD, till exempel 2025-06-30.`)
    .refine((v) => v >= EARLIEST_DAY, `${label[0]!.toUpperCase()}${label.slice(1)} kan inte vara före år 2000.`);

function reportSchema(today: string) {
  return z
    .object({
      title: z
        .string({ error: "Fyll i en rubrik." })
        .trim()
        .min(1, "Fyll i en rubrik, till exempel ”Uppföljning 1 2025”.")
        .min(3, "Rubriken måste ha minst 3 tecken.")
        .max(120, "Rubriken får ha högst 120 tecken.")
        .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Rubriken innehåller otillåtna tecken."),
      from: day("startdatum"),
      to: day("slutdatum").refine((v) => v <= today, "Perioden kan inte sluta efter i dag: siffrorna räknas när rapporten publiceras."),
      commentary: z
        .string({ error: "Skriv en kommentar till invånarna." })
        .trim()
        .min(1, "Skriv en kommentar till invånarna.")
        .max(MAX_COMMENTARY_LENGTH, `Kommentaren får ha högst ${MAX_COMMENTARY_LENGTH} tecken.`)
        .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Kommentaren innehåller otillåtna tecken."),
      replaces: z
        .string()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || REPORT_ID_PATTERN.test(v), "Välj en rapport i listan."),
    })
    .refine((v) => v.from <= v.to, { path: ["to"], message: "Slutdatum kan inte vara före startdatum." });
}

const publishSchema = z.object({
  id: z.string().regex(REPORT_ID_PATTERN),
  checksum: z.string().regex(/^[0-9a-f]{32}$/),
});

const promiseSchema = z
  .object({
    promiseFrom: day("löftets första dag"),
    promiseTo: day("löftets sista dag"),
    promisedReports: z.coerce
      .number({ error: "Skriv antalet rapporter som en siffra." })
      .int("Skriv antalet rapporter som ett heltal.")
      .min(1, "Löftet gäller minst 1 rapport.")
      .max(MAX_PROMISED_REPORTS, `Skriv högst ${MAX_PROMISED_REPORTS} rapporter.`),
  })
  .refine((v) => v.promiseFrom <= v.promiseTo, { path: ["promiseTo"], message: "Löftets sista dag kan inte vara före den första." });

const FIELD_LABELS: Record<string, string> = {
  title: "Rubrik",
  from: "Från och med",
  to: "Till och med",
  commentary: "Kommentar",
  replaces: "Rättar rapporten",
  promiseFrom: "Löftets första dag",
  promiseTo: "Löftets sista dag",
  promisedReports: "Utlovade rapporter",
};

interface Preview {
  values: Record<string, string>;
  id: string;
  checksum: string;
  figures: ReturnType<typeof publicFigures>;
  commentaryHtml: string;
  period: DayPeriod;
  replacesTitle: string | null;
  figuresChanged: boolean;
}

type ActionResult =
  | { kind: "errors"; errors: FieldErrors; values: Record<string, string>; form: "report" | "promise" }
  | { kind: "preview"; preview: Preview }
  | { kind: "edit"; values: Record<string, string> }
  | { kind: "promise-saved" };

function reportValues(v: { title: string; from: string; to: string; commentary: string; replaces: string | null }): Record<string, string> {
  return { title: v.title, from: v.from, to: v.to, commentary: v.commentary, replaces: v.replaces ?? "" };
}

function previewOf(input: {
  id: string;
  values: Record<string, string>;
  figures: Figures;
  commentary: string;
  period: DayPeriod;
  replacesTitle: string | null;
  figuresChanged?: boolean;
}): ActionResult {
  return {
    kind: "preview",
    preview: {
      id: input.id,
      values: input.values,
      checksum: figuresChecksum(input.figures),
      figures: publicFigures(input.figures),
      commentaryHtml: renderCommentary(input.commentary),
      period: input.period,
      replacesTitle: input.replacesTitle,
      figuresChanged: input.figuresChanged ?? false,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const municipality = await municipalityOf(user);
  const form = await readForm(request);
  const intent = form.get("intent");

  if (intent === "promise") {
    const parsed = parseForm(promiseSchema, form);
    if (!parsed.ok) return data<ActionResult>({ kind: "errors", errors: parsed.errors, values: parsed.values, form: "promise" }, { status: 400 });
    await updateFollowupPromise(db, {
      municipalityId: municipality.id,
      actorId: user.id,
      period: { from: parsed.data.promiseFrom, to: parsed.data.promiseTo },
      promisedReports: parsed.data.promisedReports,
    });
    return data<ActionResult>({ kind: "promise-saved" });
  }

  if (intent !== "preview" && intent !== "publish" && intent !== "edit") {
    return data<ActionResult>(
      { kind: "errors", errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." }, values: {}, form: "report" },
      { status: 400 },
    );
  }
  const parsed = parseForm(reportSchema(formatIsoDate(new Date())), form);
  if (!parsed.ok) return data<ActionResult>({ kind: "errors", errors: parsed.errors, values: parsed.values, form: "report" }, { status: 400 });
  const values = reportValues(parsed.data);
  if (intent === "edit") return data<ActionResult>({ kind: "edit", values });

  // Only a report of this municipality that no other report has replaced may be corrected.
  const reports = await listReports(db, municipality.id);
  const replaced = parsed.data.replaces ? reports.find((r) => r.id === parsed.data.replaces) : null;
  const replaceError = (message: string, status = 400) =>
    data<ActionResult>({ kind: "errors", errors: { replaces: message }, values, form: "report" }, { status });
  if (replaced === undefined) return replaceError("Välj en rapport i listan.");
  if (replaced?.replacedBy) return replaceError(`Rapporten har redan ersatts av ”${replaced.replacedBy.title}”. Rätta den i stället.`, 409);
  const period = { from: parsed.data.from, to: parsed.data.to };
  const content = getContent();

  if (intent === "preview") {
    const figures = await countFollowupFigures(db, { municipalityId: municipality.id, periodStart: municipality.promise.period?.from ?? null, content });
    return data(previewOf({ id: newId(), values, figures, commentary: parsed.data.commentary, period, replacesTitle: replaced?.title ?? null }));
  }

  const publication = parseForm(publishSchema, form);
  if (!publication.ok) {
    return data<ActionResult>(
      { kind: "errors", errors: { form: "Förhandsgranska rapporten innan du publicerar den." }, values, form: "report" },
      { status: 400 },
    );
  }
  const outcome = await publishReport(db, {
    id: publication.data.id,
    municipality,
    actorId: user.id,
    title: parsed.data.title,
    period,
    commentary: parsed.data.commentary,
    replacesId: parsed.data.replaces,
    content,
    previewedChecksum: publication.data.checksum,
  });
  switch (outcome.status) {
    case "published":
      return redirect(`/samordnare/uppfoljning?publicerad=${outcome.id}`);
    case "already_published":
      return data<ActionResult>(
        {
          kind: "errors",
          errors: {
            form: "Rapporten är redan publicerad och kan inte ändras. Behöver den rättas publicerar du en ny rapport som ersätter den: välj Rätta vid rapporten i listan.",
          },
          values: {},
          form: "report",
        },
        { status: 409 },
      );
    case "replaced_missing":
      return replaceError("Välj en rapport i listan.");
    case "already_replaced":
      return replaceError(`Rapporten har redan ersatts av ”${outcome.by.title}”. Rätta den i stället.`, 409);
    case "figures_changed":
      return data(
        previewOf({
          id: publication.data.id,
          values,
          figures: outcome.figures,
          commentary: parsed.data.commentary,
          period,
          replacesTitle: replaced?.title ?? null,
          figuresChanged: true,
        }),
      );
  }
}

function ReportForm({
  values,
  errors,
  reports,
  today,
  busy,
}: {
  values: Record<string, string>;
  errors: FieldErrors;
  reports: Array<{ id: string; title: string; replacedBy: unknown }>;
  today: string;
  busy: boolean;
}) {
  const correctable = reports.filter((r) => !r.replacedBy);
  return (
    <Form method="post" noValidate className="flex max-w-2xl flex-col gap-4">
      <Field name="title" label="Rubrik" hint="Till exempel ”Uppföljning 1 2025”." defaultValue={values.title} error={errors.title} maxLength={120} required />
      <fieldset className="flex flex-col gap-3">
        <legend className="field-label mb-1">Period som rapporten avser</legend>
        <div className="flex flex-wrap gap-4">
          <Field name="from" type="date" label="Från och med" defaultValue={values.from} error={errors.from} min={EARLIEST_DAY} max={today} required />
          <Field name="to" type="date" label="Till och med" defaultValue={values.to} error={errors.to} min={EARLIEST_DAY} max={today} required />
        </div>
      </fieldset>
      <TextArea
        name="commentary"
        label="Kommentar till invånarna"
        hint={
          <>
            Vanlig text. Tom rad mellan stycken. Du kan skriva **fetstil**, *kursiv*, listor med - först på raden och länkar som
            [text](https://exempel.se). HTML visas som text.
          </>
        }
        defaultValue={values.commentary}
        error={errors.commentary}
        rows={10}
        maxLength={MAX_COMMENTARY_LENGTH}
        required
      />
      {correctable.length > 0 ? (
        <Select
          name="replaces"
          label="Rättar rapporten"
          hint="Välj en rapport bara om den här rapporten är en rättelse. Den gamla rapporten finns kvar och visar att den är ersatt."
          defaultValue={values.replaces ?? ""}
          error={errors.replaces}
          options={[{ value: "", label: "Ingen, det är en ny rapport" }, ...correctable.map((r) => ({ value: r.id, label: r.title }))]}
        />
      ) : null}
      <div>
        <button type="submit" name="intent" value="preview" className="btn-primary" disabled={busy}>
          Förhandsgranska
        </button>
      </div>
    </Form>
  );
}

function PreviewSection({ preview, busy }: { preview: Preview; busy: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [preview]);
  const hidden = { ...preview.values, id: preview.id, checksum: preview.checksum };
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" ref={heading} tabIndex={-1} className="mb-3">
        Förhandsgranska: {preview.values.title}
      </h2>
      {preview.figuresChanged ? (
        <div className="notice-info mb-4" role="status">
          Siffrorna har ändrats sedan du förhandsgranskade. Kontrollera dem nedan och publicera igen.
        </div>
      ) : null}
      <p className="mb-4 max-w-3xl">
        Så här kommer rapporten att se ut för invånarna. Siffrorna räknas och fryses när du publicerar. En publicerad rapport kan inte ändras; behöver den
        rättas publicerar du en ny rapport som ersätter den.
      </p>
      <dl className="mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Avser</dt>
        <dd>{periodInWords(preview.period)}</dd>
        {preview.replacesTitle ? (
          <>
            <dt className="font-semibold">Ersätter</dt>
            <dd>{preview.replacesTitle}</dd>
          </>
        ) : null}
      </dl>
      <div className="card mb-6">
        <h3 className="mb-2 text-lg font-semibold">Kommentar</h3>
        <div className="prose-page" dangerouslySetInnerHTML={{ __html: preview.commentaryHtml }} />
      </div>
      <FollowupFigures figures={preview.figures} idPrefix="forhandsgranskning" headingLevel={3} />
      <Form method="post" className="mt-6 flex flex-wrap gap-3">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name="intent" value="publish" className="btn-primary" disabled={busy}>
          Publicera rapporten
        </button>
        <button type="submit" name="intent" value="edit" className="btn-secondary" disabled={busy}>
          Ändra
        </button>
      </Form>
    </section>
  );
}

export default function CoordinatorFollowup() {
  const { municipality, promise, progress, reports, published, correction, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as unknown as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.kind === "errors" ? result.errors : null;
  const reportErrors = result?.kind === "errors" && result.form === "report" ? result.errors : {};
  const promiseErrors = result?.kind === "errors" && result.form === "promise" ? result.errors : {};
  const reportFormValues =
    result?.kind === "errors" && result.form === "report" ? result.values : result?.kind === "edit" ? result.values : (correction ?? {});
  const promiseValues = result?.kind === "errors" && result.form === "promise" ? result.values : null;
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
      {result?.kind === "promise-saved" ? <Notice>Löftets period och antalet rapporter är sparade.</Notice> : null}
      <ErrorSummary errors={errors} labels={FIELD_LABELS} />

      <section aria-labelledby="promise-heading" className="mb-10 max-w-3xl">
        <h2 id="promise-heading" className="mb-3">
          Löftet till invånarna
        </h2>
        <PromiseProgress progress={progress} audience="coordinator" />
        <details className="mt-3" open={Object.keys(promiseErrors).length > 0 || !promise.period}>
          <summary className="cursor-pointer font-semibold">Ändra löftets period och antal rapporter</summary>
          <Form method="post" noValidate className="mt-3 flex flex-col gap-4">
            <input type="hidden" name="intent" value="promise" />
            <div className="flex flex-wrap gap-4">
              <Field
                name="promiseFrom"
                type="date"
                label="Löftets första dag"
                defaultValue={promiseValues?.promiseFrom ?? promise.period?.from ?? ""}
                error={promiseErrors.promiseFrom}
                required
              />
              <Field
                name="promiseTo"
                type="date"
                label="Löftets sista dag"
                defaultValue={promiseValues?.promiseTo ?? promise.period?.to ?? ""}
                error={promiseErrors.promiseTo}
                required
              />
            </div>
            <Field
              name="promisedReports"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_PROMISED_REPORTS}
              label="Utlovade rapporter under perioden"
              defaultValue={promiseValues?.promisedReports ?? String(promise.promisedReports)}
              error={promiseErrors.promisedReports}
              className="max-w-48"
              required
            />
            <div>
              <button type="submit" className="btn-secondary" disabled={busy}>
                Spara löftet
              </button>
            </div>
          </Form>
        </details>
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
        {reports.length === 0 ? (
          <p>Inga rapporter är publicerade ännu.</p>
        ) : (
          <DataTable label="Publicerade rapporter" caption="Publicerade rapporter, den senaste först">
            <thead>
              <tr>
                <th scope="col">Rapport</th>
                <th scope="col">Avser</th>
                <th scope="col">Publicerad</th>
                <th scope="col">Rättelse</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`${publicPage}/rapporter/${report.id}`}>{report.title}</Link>
                  </th>
                  <td>{periodInWords(report.period)}</td>
                  <td className="whitespace-nowrap">{formatDate(report.publishedAt)}</td>
                  <td>
                    {report.replacedBy ? (
                      <>Ersatt av ”{report.replacedBy.title}”</>
                    ) : (
                      <Link to={`/samordnare/uppfoljning?rattar=${report.id}#new-report-heading`} aria-label={`Rätta ${report.title}`}>
                        Rätta
                      </Link>
                    )}
                    {report.replaces ? <div className="text-sm text-muted">Ersätter ”{report.replaces.title}”</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}
