// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { FollowupCommitments, FollowupErrorSummary, type FollowupErrors } from "~/components/promises/FollowupCommitments";
import { PromiseVersionNote } from "~/components/promises/FollowupPromiseHeader";
import { readForm } from "~/lib/form.server";
import { notFound, requireCoordinator } from "~/modules/access/permissions.server";
import { followupViewOf, submitFollowupForm } from "~/modules/promises/commitment-followup.server";
import { OWNER_LABELS, STATUS_LABELS } from "~/modules/promises/promises.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Följ upp ${data?.view.promise.title ?? "medborgarlöftet"} – Coachportalen` }];

// Another municipality's promise does not exist for this coordinator.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const view = await followupViewOf(getDb(), user, params.id ?? "");
  if (!view) notFound("Löftet finns inte.");
  return { view, labels: { owner: OWNER_LABELS, status: STATUS_LABELS } };
}

type ActionResult = { notice: string; failed: null } | { notice: null; failed: FollowupErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  if (!(await followupViewOf(db, user, params.id ?? ""))) notFound("Löftet finns inte.");
  const result = await submitFollowupForm(db, { actor: user, promiseId: params.id ?? "", form: await readForm(request) });
  if (result.ok) return { notice: result.notice, failed: null } satisfies ActionResult;
  return data<ActionResult>({ notice: null, failed: result }, { status: result.status });
}

export default function CoordinatorPromiseFollowup() {
  const { view, labels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const { promise } = view;
  return (
    <div>
      <p className="mb-2">
        <Link to={`/samordnare/loften/${promise.id}`}>Tillbaka till löftet</Link>
      </p>
      <h1>Följ upp: {promise.title}</h1>
      <PromiseVersionNote promise={promise} live={view.live} versionLink={(id) => `/samordnare/loften/${id}/uppfoljning`} />
      <p className="mb-6 max-w-3xl">
        Registrera vad kommunen har gjort och sätt status på kommunens och de gemensamma åtagandena. Polisens åtaganden följs upp av polisen och visas här som de
        är. Invånarna ser aktiviteterna och statusen på den offentliga uppföljningen, utan namn.
      </p>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FollowupErrorSummary failed={actionData?.failed ?? null} />
      <FollowupCommitments view={view} labels={labels} failed={actionData?.failed ?? null} busy={busy} />
      <section aria-labelledby="police-commentary-heading" className="max-w-3xl">
        <h2 id="police-commentary-heading" className="mb-3">
          Polisens kommentar till nästa rapport
        </h2>
        <p>{view.policeCommentary ?? "Polisen har inte skrivit någon kommentar än."}</p>
      </section>
    </div>
  );
}
