// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { DataTable } from "~/components/DataTable";
import { getContent } from "~/content/content.server";
import { formatDate, formatNumber } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { ROLE_LABELS } from "~/lib/roles";
import { parseForm } from "~/lib/validation";
import { can, forbidden, notFound, requireCoordinator, requireVisiblePerson, type CoordinatorUser } from "~/modules/access/permissions.server";
import { getPersonRecord, type PersonRecord, type RecordModule } from "~/modules/roster/roster.server";
import { deactivatePerson, getPerson, reactivatePerson, recordPersonViewed } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} – Coachportalen` }];

const idSchema = z.string().min(1).max(64);

async function visiblePerson(user: CoordinatorUser, id: string | undefined) {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound("Personen finns inte.");
  return requireVisiblePerson(user, await getPerson(getDb(), parsed.data));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const person = await visiblePerson(user, params.id);
  const db = getDb();
  const [record] = await Promise.all([getPersonRecord(db, { person, content: getContent() }), recordPersonViewed(db, { actorId: user.id, person })]);
  return { person, record, canDeactivate: can.deactivatePerson(user, person) };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("deactivate"),
    confirm: z.literal("ja", { error: "Kryssa i rutan för att bekräfta att kontot ska avaktiveras." }),
  }),
  z.object({ intent: z.literal("reactivate") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const person = await visiblePerson(user, params.id);
  if (!can.deactivatePerson(user, person)) forbidden("Du kan inte ändra det här kontot.");
  const parsed = parseForm(actionSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, done: null }, { status: 400 });

  const db = getDb();
  const done =
    parsed.data.intent === "deactivate"
      ? await deactivatePerson(db, { personId: person.id, actorId: user.id })
      : await reactivatePerson(db, { personId: person.id, actorId: user.id });
  return { errors: null, done };
}

const DONE_TEXT = {
  deactivated: "Kontot är avaktiverat. Personen är utloggad och kan inte logga in förrän kontot återaktiveras.",
  already_deactivated: "Kontot var redan avaktiverat.",
  reactivated: "Kontot är aktivt igen. Personen kan logga in som vanligt.",
  already_active: "Kontot var redan aktivt.",
} as const;

const TEST_STATE_TEXT: Record<RecordModule["test"], string> = {
  locked: "öppnas när alla lektioner är lästa",
  open: "inte gjort ännu",
  failed: "inte godkänt ännu",
  passed: "godkänt",
};

const dayOf = (isoDay: string) => formatDate(`${isoDay}T12:00:00Z`);

function OlderVersion() {
  return <span className="badge ml-2">äldre version</span>;
}

function ModuleRecord({ module, headingLevel }: { module: RecordModule; headingLevel: "h3" | "h4" }) {
  const Heading = headingLevel;
  const read = module.lessons.filter((l) => l.completedAt).length;
  return (
    <div className="mb-8">
      <Heading className="mb-1 text-lg font-semibold">{module.refresher ? `Repetition: ${module.title}` : module.title}</Heading>
      <p className="mb-2">
        {module.complete ? "Klar. " : ""}
        {formatNumber(read)} av {formatNumber(module.lessons.length)} lektioner lästa, kunskapstestet {TEST_STATE_TEXT[module.test]}. Version som gäller nu:{" "}
        <code>{module.version}</code>.
      </p>
      <DataTable label={`Lektioner i ${module.title}`} caption={<>Lektioner i {module.title}</>} className="mb-3">
        <thead>
          <tr>
            <th scope="col">Lektion</th>
            <th scope="col">Läst</th>
          </tr>
        </thead>
        <tbody>
          {module.lessons.map((lesson) => (
            <tr key={lesson.slug}>
              <th scope="row" className="font-normal">
                {lesson.title}
              </th>
              <td>
                {lesson.completedAt ? formatDate(lesson.completedAt) : "Inte läst"}
                {lesson.olderVersion ? <OlderVersion /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {module.attempts.length === 0 ? (
        <p>Inga försök på kunskapstestet.</p>
      ) : (
        <DataTable label={`Försök på kunskapstestet i ${module.title}`} caption={<>Försök på kunskapstestet i {module.title}</>}>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Resultat</th>
              <th scope="col">Godkänt</th>
              <th scope="col">Innehållets version</th>
            </tr>
          </thead>
          <tbody>
            {module.attempts.map((attempt) => (
              <tr key={attempt.id}>
                <th scope="row" className="font-normal">
                  {formatDate(attempt.submittedAt)}
                </th>
                <td>
                  {formatNumber(attempt.score)} av {formatNumber(attempt.maxScore)} rätt
                </td>
                <td>{attempt.passed ? "Ja" : "Nej"}</td>
                <td>
                  <code>{attempt.version}</code>
                  {attempt.olderVersion ? <OlderVersion /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}

function TrainingSection({ record, isCoach }: { record: PersonRecord; isCoach: boolean }) {
  const several = record.tracks.length > 1;
  return (
    <section aria-labelledby="training-heading">
      <h2 id="training-heading">Utbildning</h2>
      <dl className="mb-4 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        {isCoach && record.statusLabel ? (
          <>
            <dt className="font-semibold">Läge</dt>
            <dd>{record.statusLabel}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Framsteg</dt>
        <dd>
          {formatNumber(record.progress.modulesDone)} av {formatNumber(record.progress.modulesTotal)} moduler, {formatNumber(record.progress.lessonsDone)} av{" "}
          {formatNumber(record.progress.lessonsTotal)} lektioner
        </dd>
        <dt className="font-semibold">Senast aktiv</dt>
        <dd>{record.lastActivityAt ? formatDate(record.lastActivityAt) : "Inte ännu"}</dd>
      </dl>
      {record.olderVersion ? (
        <p>
          Markeringen <span className="badge">äldre version</span> betyder att lektionen lästes eller testet gjordes innan modulens innehåll ändrades senast.
        </p>
      ) : null}
      {record.tracks.length === 0 ? <p>Det finns ingen utbildning för den här rollen ännu.</p> : null}
      {record.tracks.map((track) => (
        <div key={track.slug}>
          {several ? <h3 className="mb-2 text-lg font-semibold">{track.title}</h3> : null}
          {track.modules.map((module) => (
            <ModuleRecord key={module.slug} module={module} headingLevel={several ? "h4" : "h3"} />
          ))}
        </div>
      ))}
    </section>
  );
}

function CertificatesSection({ certificates }: { certificates: PersonRecord["certificates"] }) {
  return (
    <section aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">Intyg</h2>
      {certificates.length === 0 ? (
        <p>Inga intyg ännu.</p>
      ) : (
        <DataTable label="Intyg" caption="Intyg, det senast utfärdade först">
          <thead>
            <tr>
              <th scope="col">Kod</th>
              <th scope="col">Utbildning</th>
              <th scope="col">Utfärdat</th>
              <th scope="col">Giltigt till och med</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((cert) => (
              <tr key={cert.id}>
                <th scope="row" className="font-normal whitespace-nowrap">
                  <Link to={`/samordnare/intyg/${cert.id}`}>
                    <span className="sr-only">Intyg </span>
                    {cert.code}
                  </Link>
                </th>
                <td>{cert.trackTitle}</td>
                <td>{formatDate(cert.issuedAt)}</td>
                <td>{dayOf(cert.lastValidDay)}</td>
                <td>
                  {cert.statusLabel[0]!.toUpperCase() + cert.statusLabel.slice(1)}
                  {cert.revokedAt ? (
                    <span className="block text-muted">
                      {formatDate(cert.revokedAt)}
                      {cert.revokedReason ? `: ${cert.revokedReason}` : ""}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}

function PriorTrainingSection({ personId, records }: { personId: string; records: PersonRecord["priorTraining"] }) {
  return (
    <section aria-labelledby="prior-heading">
      <h2 id="prior-heading">Tidigare utbildning</h2>
      {records.length === 0 ? (
        <p>Ingen tidigare utbildning är registrerad.</p>
      ) : (
        <DataTable label="Registrerad tidigare utbildning" caption="Tidigare utbildning, registrerad av samordnare">
          <thead>
            <tr>
              <th scope="col">Moment</th>
              <th scope="col">Datum</th>
              <th scope="col">Anteckning</th>
              <th scope="col">Registrerad av</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="font-normal">
                  {r.stepTitle}
                  <span className="block text-muted">{r.trackTitle}</span>
                </th>
                <td className="whitespace-nowrap">{r.completedOn}</td>
                <td>{r.note ?? ""}</td>
                <td>
                  Registrerad av samordnare{r.registeredByName ? ` (${r.registeredByName})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p>
        <Link to={`/samordnare/tidigare-utbildning?coach=${encodeURIComponent(personId)}`}>Registrera tidigare utbildning för den här personen</Link>
      </p>
    </section>
  );
}

export default function CoordinatorPerson() {
  const { person, record, canDeactivate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="prose-page">
      <p className="mb-4">
        <Link to="/samordnare/coacher">Tillbaka till alla personer</Link>
      </p>
      <h1>{person.name}</h1>
      {actionData?.done ? <Notice>{DONE_TEXT[actionData.done]}</Notice> : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Uppgifter</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">E-postadress</dt>
          <dd className="break-all">{person.email}</dd>
          <dt className="font-semibold">Roll</dt>
          <dd>{ROLE_LABELS[person.role]}</dd>
          {person.school ? (
            <>
              <dt className="font-semibold">Skola</dt>
              <dd>{person.school}</dd>
            </>
          ) : null}
          <dt className="font-semibold">Gick med</dt>
          <dd>{formatDate(person.createdAt)}</dd>
          <dt className="font-semibold">Status</dt>
          <dd>{person.deactivatedAt ? `Avaktiverad sedan ${formatDate(person.deactivatedAt)}` : "Aktiv"}</dd>
        </dl>
      </section>

      <TrainingSection record={record} isCoach={person.role === "coach"} />
      {person.role === "coach" ? <CertificatesSection certificates={record.certificates} /> : null}
      <PriorTrainingSection personId={person.id} records={record.priorTraining} />

      {canDeactivate ? (
        <section aria-labelledby="account-heading">
          <h2 id="account-heading">Konto</h2>
          <ErrorSummary errors={actionData?.errors} labels={{ confirm: "Bekräftelse" }} />
          {person.deactivatedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <p>Återaktivera kontot om {person.name} ska kunna logga in igen. Allt hen har gjort i portalen finns kvar.</p>
              <button type="submit" className="btn-secondary" disabled={busy}>
                Återaktivera kontot
              </button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="deactivate" />
              <p>
                När kontot avaktiveras loggas {person.name} ut överallt och kan inte logga in igen förrän kontot återaktiveras. Inget raderas: utbildning och
                intyg finns kvar.
              </p>
              <div className="field">
                <label className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    name="confirm"
                    value="ja"
                    id="f-confirm"
                    className="mt-1 size-5"
                    aria-invalid={actionData?.errors?.confirm ? true : undefined}
                    aria-describedby={actionData?.errors?.confirm ? "f-confirm-error" : undefined}
                  />
                  <span>Jag vill avaktivera kontot för {person.name}.</span>
                </label>
                {actionData?.errors?.confirm ? (
                  <p id="f-confirm-error" className="field-error">
                    <span className="sr-only">Fel: </span>
                    {actionData.errors.confirm}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="btn-danger" disabled={busy}>
                Avaktivera kontot
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
