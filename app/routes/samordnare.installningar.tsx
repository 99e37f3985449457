// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { DataTable } from "~/components/DataTable";
import { formatDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { parseForm } from "~/lib/validation";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { STALLED_AFTER_DAYS } from "~/modules/roster/roster.server";
import { EXPIRY_REMINDER_DAYS, listRecentReminders } from "~/modules/reminders/reminders.server";
import { getReminderSettings, setMonthlySummary, setMunicipalityReminders } from "~/modules/reminders/settings.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Påminnelser och sammanfattning – Coachportalen" }];

const RECENT_SHOWN = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const [settings, recent] = await Promise.all([
    getReminderSettings(db, { municipalityId: user.municipalityId, userId: user.id }),
    listRecentReminders(db, { municipalityId: user.municipalityId, limit: RECENT_SHOWN }),
  ]);
  return {
    municipalityName: user.municipalityName,
    settings,
    recent,
    days: { stalled: STALLED_AFTER_DAYS, first: EXPIRY_REMINDER_DAYS["expiry-60"], last: EXPIRY_REMINDER_DAYS["expiry-14"] },
  };
}

const actionSchema = z.object({
  intent: z.enum(["reminders", "summary"]),
  enabled: z.enum(["ja", "nej"]),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const parsed = parseForm(actionSchema, await readForm(request));
  // The form has only buttons: anything else did not come from the page.
  if (!parsed.ok) return data({ errors: { form: "Ändringen kunde inte sparas. Ladda om sidan och försök igen." }, done: null }, { status: 400 });

  const db = getDb();
  const enabled = parsed.data.enabled === "ja";
  const change =
    parsed.data.intent === "reminders"
      ? await setMunicipalityReminders(db, { municipalityId: user.municipalityId, actorId: user.id, enabled })
      : await setMonthlySummary(db, { userId: user.id, municipalityId: user.municipalityId, enabled });
  return { errors: null, done: { intent: parsed.data.intent, enabled, change } };
}

function doneText(done: { intent: "reminders" | "summary"; enabled: boolean; change: "changed" | "unchanged" }, municipalityName: string): string {
  if (done.intent === "reminders") {
    if (done.change === "unchanged") return done.enabled ? "Påminnelserna var redan påslagna." : "Påminnelserna var redan avstängda.";
    return done.enabled
      ? `Påminnelserna är påslagna. Coacherna i ${municipalityName} får dem från nästa genomgång.`
      : `Påminnelserna är avstängda. Inga påminnelser skickas till coacherna i ${municipalityName}.`;
  }
  if (done.change === "unchanged") return done.enabled ? "Du har redan beställt månadssammanfattningen." : "Du får redan ingen månadssammanfattning.";
  return done.enabled ? "Du har beställt månadssammanfattningen. Den första kommer med nästa genomgång." : "Du har avbeställt månadssammanfattningen.";
}

function ToggleForm({ intent, enable, label, busy }: { intent: "reminders" | "summary"; enable: boolean; label: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="enabled" value={enable ? "ja" : "nej"} />
      <button type="submit" className={enable ? "btn-primary" : "btn-secondary"} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export default function CoordinatorSettings() {
  const { municipalityName, settings, recent, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="prose-page">
      <h1>Påminnelser och sammanfattning</h1>
      {actionData?.done ? <Notice>{doneText(actionData.done, municipalityName)}</Notice> : null}
      <ErrorSummary errors={actionData?.errors} />

      <section aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">Påminnelser till coacherna</h2>
        <p>
          <strong>
            {settings.remindersEnabled ? `Påminnelserna är påslagna för ${municipalityName}.` : `Påminnelserna är avstängda för ${municipalityName}.`}
          </strong>
        </p>
        <p>När påminnelserna är påslagna får coacherna ett e-postmeddelande i de här lägena:</p>
        <ul>
          <li>
            <strong>Fortsätt utbildningen.</strong> En coach som har börjat utbildningen men inte har läst någon lektion eller gjort något kunskapstest på{" "}
            {days.stalled} dagar får en påminnelse med en länk dit hen slutade. Fortsätter coachen och stannar av igen kommer en ny påminnelse.
          </li>
          <li>
            <strong>Repetitionen är öppen.</strong> {days.first} dagar innan en coachs intyg går ut öppnar repetitionen. Coachen får då veta att intyget
            förlängs om hen gör repetitionen i tid.
          </li>
          <li>
            <strong>Intyget går snart ut.</strong> {days.last} dagar innan intyget går ut får coachen en sista påminnelse, om intyget inte redan är förnyat.
          </li>
        </ul>
        <p>
          Portalen går igenom läget en gång om dagen och skickar de påminnelser som behövs. Varje påminnelse skickas bara en gång. Skulle båda påminnelserna
          om intyget bli aktuella samma dag skickas bara den sista. Den som har ett avaktiverat konto får inga påminnelser.
        </p>
        {settings.remindersEnabled ? (
          <>
            <p>Stänger du av påminnelserna skickas inga till någon coach i {municipalityName} förrän du slår på dem igen.</p>
            <ToggleForm intent="reminders" enable={false} label="Stäng av påminnelserna" busy={busy} />
          </>
        ) : (
          <ToggleForm intent="reminders" enable label="Slå på påminnelserna" busy={busy} />
        )}
      </section>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Månadssammanfattning till dig</h2>
        <p>
          <strong>{settings.wantsMonthlySummary ? "Du får månadssammanfattningen." : "Du får ingen månadssammanfattning."}</strong>
        </p>
        <p>
          En gång i månaden, när portalen går igenom läget första gången i månaden, får du ett e-postmeddelande med kommunens siffror och vad som hände under
          förra månaden: nya intyg, nya coacher och intyg som gick ut. Listan över alla personer följer med som Excel-fil. Filen innehåller personuppgifter, så
          spara den bara där obehöriga inte kommer åt den.
        </p>
        {settings.wantsMonthlySummary ? (
          <ToggleForm intent="summary" enable={false} label="Avbeställ månadssammanfattningen" busy={busy} />
        ) : (
          <ToggleForm intent="summary" enable label="Beställ månadssammanfattningen" busy={busy} />
        )}
      </section>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Senast skickade påminnelser</h2>
        {recent.length === 0 ? (
          <p>Inga påminnelser har skickats till coacherna i {municipalityName} ännu.</p>
        ) : (
          <DataTable label="Senast skickade påminnelser" caption={<>De {RECENT_SHOWN} senaste påminnelserna, den senaste först</>}>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Påminnelse</th>
                <th scope="col">Till</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((reminder) => (
                <tr key={reminder.id}>
                  <th scope="row" className="font-normal whitespace-nowrap">
                    {formatDate(reminder.sentAt)}
                  </th>
                  <td>{reminder.kindLabel}</td>
                  <td>
                    <Link to={`/samordnare/coacher/${reminder.person.id}`}>{reminder.person.name}</Link>
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
