// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, Notice, Select, TextArea } from "~/components/forms";
import { CharacterCount } from "~/components/CharacterCount";
import { ImportPreviewResult } from "~/components/ImportPreviewTable";
import { getContent } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { parseForm } from "~/lib/validation";
import { notFound, requireCoordinator } from "~/modules/access/permissions.server";
import {
  confirmImport,
  importSummary,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  municipalityCoaches,
  NOTE_MAX,
  previewImport,
  readImportFile,
  registerPriorTraining,
  signPayload,
  trackSteps,
  type ImportPreview,
} from "~/modules/certification/credits.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Tidigare utbildning – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const content = getContent();
  const coaches = await municipalityCoaches(getDb(), user.municipalityId);
  const selectedCoach = new URL(request.url).searchParams.get("coach");
  // Another municipality's coach answers as one that does not exist, like their person page.
  if (selectedCoach !== null && !coaches.some((c) => c.id === selectedCoach)) notFound("Personen finns inte.");
  return {
    municipalityName: user.municipalityName,
    coaches,
    selectedCoach,
    tracks: content.tracks.map((t) => ({ slug: t.slug, title: t.title, steps: trackSteps(content, t) })),
    today: formatIsoDate(new Date()),
    limits: { rows: MAX_IMPORT_ROWS, megabytes: MAX_IMPORT_BYTES / 1024 / 1024, note: NOTE_MAX },
  };
}

type ActionData =
  | { intent: "register"; errors: Record<string, string> | null; values?: Record<string, string>; ticked?: string[]; done?: string }
  | { intent: "preview"; errors: Record<string, string> | null; preview?: ImportPreview; payload?: string; signature?: string; track?: string }
  | { intent: "confirm"; errors: Record<string, string> | null; preview?: ImportPreview; done?: string };

const registerSchema = z.object({
  track: z.string(),
  coach: z.string().optional(),
  email: z.string().max(254, "E-postadressen är för lång.").optional(),
  date: z.string({ error: "Fyll i ett datum." }).max(40),
  note: z.string().max(NOTE_MAX, `Anteckningen får ha högst ${NOTE_MAX} tecken.`).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES * 2 + 100_000) {
    return data<ActionData>({ intent: "preview", errors: { file: "Filen är större än 2 MB. Dela upp den i flera filer." } }, { status: 413 });
  }
  const form = await readForm(request, { upload: true });
  const intent = form.get("intent");
  const db = getDb();
  const content = getContent();
  const track = content.tracks.find((t) => t.slug === form.get("track"));
  if (!track) return data<ActionData>({ intent: "register", errors: { form: "Välj en utbildning." } }, { status: 400 });

  if (intent === "register") {
    // Every ticked box as "<name>=<value>", so a form sent back with an error keeps them ticked.
    const ticked = [...form.entries()].filter(([name]) => /^(all|steps)-/.test(name)).map(([name, value]) => `${name}=${String(value)}`);
    const parsed = parseForm(registerSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values, ticked }, { status: 400 });
    // A coach chosen by id who is not one of the municipality's answers 404, as everywhere else.
    if (parsed.data.coach && !(await municipalityCoaches(db, user.municipalityId)).some((c) => c.id === parsed.data.coach)) notFound("Personen finns inte.");
    const result = await registerPriorTraining(db, {
      actor: user,
      content,
      track,
      coachId: parsed.data.coach || undefined,
      email: parsed.data.email || undefined,
      // Each track has its own checkboxes; only the chosen track's count.
      all: form.get(`all-${track.slug}`) === "ja",
      steps: form.getAll(`steps-${track.slug}`).filter((v): v is string => typeof v === "string"),
      date: parsed.data.date,
      note: parsed.data.note?.trim() || null,
    });
    if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values: Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string")), ticked }, { status: 400 });
    const parts = [`${result.created} ${result.created === 1 ? "moment" : "moment"} registrerade för ${result.coachName}.`];
    if (result.alreadyRegistered > 0) parts.push(`${result.alreadyRegistered} var redan registrerade.`);
    if (result.certificates > 0) parts.push("Utbildningen är nu klar och intyget är utfärdat.");
    return data<ActionData>({ intent, errors: null, done: parts.join(" ") });
  }

  if (intent === "preview") {
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return data<ActionData>({ intent, errors: { file: "Välj en CSV- eller Excelfil att ladda upp." } }, { status: 400 });
    if (file.size > MAX_IMPORT_BYTES) return data<ActionData>({ intent, errors: { file: "Filen är större än 2 MB. Dela upp den i flera filer." } }, { status: 413 });
    const read = await readImportFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!read.ok) return data<ActionData>({ intent, errors: { file: read.message } }, { status: 400 });
    const preview = await previewImport(db, { actor: user, content, track, rows: read.rows });
    if (preview.fileError) return data<ActionData>({ intent, errors: { file: preview.fileError } }, { status: 400 });
    const payload = JSON.stringify(read.rows);
    return data<ActionData>({ intent, errors: null, preview, payload, signature: await signPayload(db, user.id, track.slug, payload), track: track.slug });
  }

  if (intent === "confirm") {
    const result = await confirmImport(db, { actor: user, content, track, payload: String(form.get("payload") ?? ""), signature: String(form.get("signature") ?? "") });
    if (!result.ok) return data<ActionData>({ intent, errors: { form: result.message }, preview: result.preview }, { status: 400 });
    return data<ActionData>({ intent, errors: null, done: importSummary(result) });
  }
  return data<ActionData>({ intent: "register", errors: { form: "Okänd åtgärd. Ladda om sidan och försök igen." } }, { status: 400 });
}

export default function PriorTraining() {
  const { municipalityName, coaches, selectedCoach, tracks, today, limits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const registerErrors = actionData?.intent === "register" ? actionData.errors : null;
  const values = actionData?.intent === "register" ? (actionData.values ?? {}) : {};
  const ticked = new Set(actionData?.intent === "register" ? (actionData.ticked ?? []) : []);
  const importErrors = actionData && actionData.intent !== "register" ? actionData.errors : null;
  const preview = actionData && actionData.intent !== "register" ? actionData.preview : undefined;
  const defaultTrack = tracks[0]?.slug ?? "";
  const trackOptions = tracks.map((t) => ({ value: t.slug, label: t.title }));
  return (
    <div className="prose-page">
      <h1>Tidigare utbildning</h1>
      <p>
        Här registrerar du utbildning som coacher i {municipalityName} har gått innan de fick konto i portalen, till exempel en tvådagarsutbildning. Momenten räknas
        som klara på det datum du anger, och visas som registrerade av samordnare. Blir utbildningen klar får coachen sitt intyg.
      </p>
      {actionData?.intent === "register" && actionData.done ? <Notice>{actionData.done}</Notice> : null}
      {actionData?.intent === "confirm" && actionData.done ? <Notice>{actionData.done}</Notice> : null}

      <section aria-labelledby="register-heading">
        <h2 id="register-heading">Registrera för en person</h2>
        <ErrorSummary errors={registerErrors} labels={{ coach: "Coach", steps: "Moment", date: "Datum", note: "Anteckning" }} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="register" />
          <Select name="track" label="Utbildning" options={trackOptions} defaultValue={values.track ?? defaultTrack} />
          <Select
            name="coach"
            label="Coach"
            hint="Välj i listan, eller fyll i e-postadressen nedan."
            options={[{ value: "", label: "Välj coach" }, ...coaches.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))]}
            defaultValue={values.coach ?? selectedCoach ?? ""}
            error={registerErrors?.coach}
          />
          <Field name="email" label="Eller coachens e-postadress" type="email" autoComplete="off" defaultValue={values.email ?? ""} />
          {tracks.map((t) => (
            <fieldset key={t.slug} className="field" id={t.slug === (values.track ?? defaultTrack) ? "f-steps" : undefined} tabIndex={-1}>
              <legend className="field-label">Moment i {t.title}</legend>
              {registerErrors?.steps && t.slug === (values.track ?? defaultTrack) ? <p className="field-error">{registerErrors.steps}</p> : null}
              <p className="field-hint">Kryssa bara för moment i den utbildning du har valt ovan.</p>
              <label className="block">
                <input type="checkbox" name={`all-${t.slug}`} value="ja" defaultChecked={ticked.has(`all-${t.slug}=ja`)} /> Hela utbildningen (moduler och
                obligatoriska utbildningsdagar, inte booster)
              </label>
              {t.steps.map((s) => (
                <label key={s.key} className="block">
                  <input type="checkbox" name={`steps-${t.slug}`} value={s.key} defaultChecked={ticked.has(`steps-${t.slug}=${s.key}`)} /> {s.title}
                  {s.kind === "modul" ? "" : s.kind === "booster" ? " (booster)" : " (utbildningsdag)"}
                </label>
              ))}
            </fieldset>
          ))}
          <Field
            name="date"
            label="Datum då utbildningen var klar"
            hint="ÅÅÅÅ-MM-DD, till exempel 2024-10-15. Inte i framtiden och inte före år 2000."
            type="date"
            min="2000-01-01"
            max={today}
            defaultValue={values.date ?? ""}
            error={registerErrors?.date}
          />
          <TextArea name="note" label="Anteckning (frivillig)" hint={<>Till exempel tvådagarsutbildning hösten 2024. <CharacterCount fieldId="f-note" max={limits.note} initialLength={(values.note ?? "").length} /></>} maxLength={limits.note} defaultValue={values.note ?? ""} error={registerErrors?.note} />
          <button type="submit" className="btn-primary" disabled={busy}>
            Registrera
          </button>
        </Form>
      </section>

      <section aria-labelledby="import-heading">
        <h2 id="import-heading">Importera från fil</h2>
        <p>
          Ladda upp en CSV-fil (UTF-8, semikolon eller komma) eller en Excelfil (.xlsx) med kolumnerna <strong>e-post</strong>, <strong>namn</strong>,{" "}
          <strong>datum</strong> (ÅÅÅÅ-MM-DD) och <strong>moment</strong>. I moment skriver du <em>alla</em> för hela utbildningen, eller momentens namn
          åtskilda med komma. Högst {limits.megabytes} MB och {limits.rows} rader. Du får se alla rader innan något sparas. Den som inte har något konto
          får en inbjudan (fyll då i namnet), och utbildningen räknas när inbjudan antas.
        </p>
        {actionData?.intent !== "register" ? <ErrorSummary errors={importErrors} labels={{ file: "Fil" }} /> : null}
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="preview" />
          <Select name="track" id="f-import-track" label="Utbildning för importen" options={trackOptions} defaultValue={defaultTrack} />
          <Field name="file" label="Fil att importera" type="file" accept=".csv,.xlsx,text/csv" error={importErrors?.file} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            Förhandsgranska
          </button>
        </Form>

        {preview ? (
          <ImportPreviewResult preview={preview}>
            {actionData?.intent === "preview" && preview.errorCount === 0 && actionData.payload ? (
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <input type="hidden" name="track" value={actionData.track} />
                <input type="hidden" name="payload" value={actionData.payload} />
                <input type="hidden" name="signature" value={actionData.signature} />
                <button type="submit" className="btn-primary" disabled={busy || preview.newCount === 0}>
                  Importera
                </button>
              </Form>
            ) : null}
          </ImportPreviewResult>
        ) : null}
      </section>
      <p>
        <Link to="/samordnare/coacher">Till personlistan</Link>
      </p>
    </div>
  );
}
