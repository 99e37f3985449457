// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms";
import { Pagination } from "~/components/Pagination";
import { env } from "~/env.server";
import { formatDateTime } from "~/lib/dates";
import { requireAdmin } from "~/modules/access/permissions.server";
import { listOutbox } from "~/modules/email/outbox.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Utskick – Coachportalen" }];

const PAGE_SIZE = 25;

// A filter in the address bar is never an error: anything unusable falls back to "all".
const searchSchema = z.object({
  to: z
    .string()
    .catch("")
    .transform((to) => to.trim().toLowerCase().slice(0, 254)),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin({ request, context });
  const filter = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // One extra row tells whether there is a next page without counting the whole outbox.
  const rows = await listOutbox(getDb(), { limit: PAGE_SIZE + 1, offset: (filter.page - 1) * PAGE_SIZE, to: filter.to || undefined });
  return {
    filter,
    messages: rows.slice(0, PAGE_SIZE).map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      body: row.body_text,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      error: row.error,
      attempts: row.attempts,
    })),
    hasNext: rows.length > PAGE_SIZE,
    mailServerConfigured: Boolean(env().SMTP_URL),
  };
}

function DeliveryStatus({ sentAt, error, attempts, mailServerConfigured }: { sentAt: string | null; error: string | null; attempts: number; mailServerConfigured: boolean }) {
  if (sentAt) return <>Skickat {formatDateTime(sentAt)}</>;
  if (error) return <>Inte skickat: fel efter {attempts} försök ({error})</>;
  return <>{mailServerConfigured ? "Väntar på att skickas" : "Inte skickat – finns bara här"}</>;
}

export default function AdminOutbox() {
  const { filter, messages, hasNext, mailServerConfigured } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div>
      <h1>Utskick</h1>
      <p className="mb-4">Alla e-postmeddelanden som Coachportalen har skapat, nyast först.</p>
      {mailServerConfigured ? null : (
        <p className="notice-info">
          Ingen e-postserver är inställd (SMTP_URL), så meddelandena skickas inte. Här kan du läsa dem, till exempel för att ge någon
          en inbjudningslänk.
        </p>
      )}

      <Form method="get" key={location.search} role="search" aria-label="Filtrera utskick" className="card mb-6">
        <Field name="to" label="Mottagare" type="email" inputMode="email" hint="Hela e-postadressen." defaultValue={filter.to} />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary">
            Visa
          </button>
          {filter.to ? <Link to="/admin/utskick">Visa alla</Link> : null}
        </div>
      </Form>

      {messages.length === 0 ? (
        <p>{filter.page > 1 ? "Inga fler meddelanden." : "Inga meddelanden."}</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="card">
              <h2 className="text-lg">{message.subject}</h2>
              <dl className="mt-2 grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="font-semibold">Till</dt>
                <dd className="break-all">{message.to}</dd>
                <dt className="font-semibold">Skapat</dt>
                <dd>{formatDateTime(message.createdAt)}</dd>
                <dt className="font-semibold">Status</dt>
                <dd>
                  <DeliveryStatus sentAt={message.sentAt} error={message.error} attempts={message.attempts} mailServerConfigured={mailServerConfigured} />
                </dd>
              </dl>
              <details className="mt-3">
                <summary className="cursor-pointer font-semibold text-brand-700">
                  Visa hela meddelandet<span className="sr-only"> till {message.to}</span>
                </summary>
                <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{message.body}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={filter.page} hasNext={hasNext} label="Sidor i utskicken" />
    </div>
  );
}
