// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice, TextArea } from "~/components/forms";
import { CharacterCount } from "~/components/CharacterCount";
import { FollowupCommitments, FollowupErrorSummary, type FollowupErrors } from "~/components/promises/FollowupCommitments";
import { PromiseVersionNote } from "~/components/promises/FollowupPromiseHeader";
import { readForm } from "~/lib/form.server";
import { notFound, requireUser } from "~/modules/access/permissions.server";
import { followupViewOf, POLICE_COMMENTARY_MAX, submitFollowupForm } from "~/modules/promises/commitment-followup.server";
import { OWNER_LABELS, STATUS_LABELS } from "~/modules/promises/promises.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.view.promise.title ?? "Medborgarlöfte"} – Coachportalen` }];

// A promise the partner is not attached to does not exist for them.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["polis"] });
  const view = await followupViewOf(getDb(), user, params.id ?? "");
  if (!view) notFound("Löftet finns inte.");
  return { view, labels: { owner: OWNER_LABELS, status: STATUS_LABELS }, commentaryMax: POLICE_COMMENTARY_MAX };
}

type ActionResult = { notice: string; failed: null } | { notice: null; failed: FollowupErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["polis"] });
  const db = getDb();
  if (!(await followupViewOf(db, user, params.id ?? ""))) notFound("Löftet finns inte.");
  const result = await submitFollowupForm(db, { actor: user, promiseId: params.id ?? "", form: await readForm(request) });
  if (result.ok) return { notice: result.notice, failed: null } satisfies ActionResult;
  return data<ActionResult>({ notice: null, failed: result }, { status: result.status });
}

export default function PolicePromise() {
  const { view, labels, commentaryMax } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const failed = actionData?.failed ?? null;
  const commentaryFailed = failed?.intent === "commentary" ? failed : null;
  const { promise } = view;
  return (
    <div>
      <p className="mb-2">
        <Link to="/polis">Alla medborgarlöften</Link>
      </p>
      <h1>{promise.title}</h1>
      <PromiseVersionNote promise={promise} live={view.live} versionLink={(id) => `/polis/loften/${id}`} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FollowupErrorSummary failed={failed} />

      <FollowupCommitments view={view} labels={labels} failed={failed} busy={busy} />

      <section aria-labelledby="commentary-heading" className="max-w-3xl">
        <h2 id="commentary-heading" className="mb-3">
          Polisens kommentar till nästa rapport
        </h2>
        <p className="mb-3">
          Kommunerna publicerar rapporterna till invånarna. Det du skriver här tas med som polisens del av kommentaren i nästa rapport om löftet.
        </p>
        {view.mayWriteCommentary ? (
          <Form method="post" key={view.policeCommentary ?? ""}>
            <input type="hidden" name="intent" value="commentary" />
            <TextArea
              name="text"
              label="Polisens kommentar"
              hint={<CharacterCount fieldId="f-text" max={commentaryMax} initialLength={(commentaryFailed?.values.text ?? view.policeCommentary ?? "").length} />}
              maxLength={commentaryMax}
              defaultValue={commentaryFailed?.values.text ?? view.policeCommentary ?? ""}
              error={commentaryFailed?.errors.text}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              Spara kommentaren
            </button>
          </Form>
        ) : (
          <p>{view.policeCommentary ?? "Ingen kommentar skriven."}</p>
        )}
      </section>
    </div>
  );
}
