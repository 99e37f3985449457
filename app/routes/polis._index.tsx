// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/lib/dates";
import { requireUser } from "~/modules/access/permissions.server";
import { periodState, promisesOfPartner } from "~/modules/promises/promises.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Medborgarlöften – Coachportalen" }];

const PERIOD_TEXT = { upcoming: "Har inte börjat", ongoing: "Pågår", ended: "Avslutat" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["polis"] });
  const now = new Date();
  const promises = await promisesOfPartner(getDb(), user.id);
  return {
    promises: promises.map((p) => ({
      id: p.id,
      title: p.title,
      policeArea: p.policeArea,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      draft: p.state === "draft",
      replaced: p.replacedById !== null,
      period: PERIOD_TEXT[periodState(p, now)],
      municipalities: p.municipalities.map((m) => m.name).join(", "),
    })),
  };
}

export default function PoliceHome() {
  const { promises } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Medborgarlöften</h1>
      <p className="mb-6 max-w-3xl">
        Här följer du upp polisens åtaganden i de medborgarlöften du är kopplad till: registrera vad som har gjorts, sätt status och skriv polisens del av
        kommentaren till nästa rapport. Du ser inga uppgifter om kommunernas ANDTS-coacher.
      </p>
      {promises.length === 0 ? (
        <p>Du är inte kopplad till något medborgarlöfte än. En administratör kopplar dig till de löften du ska följa upp.</p>
      ) : (
        <ul className="space-y-4">
          {promises.map((p) => (
            <li key={p.id} className="card">
              <h2 className="text-lg">
                <Link to={`/polis/loften/${p.id}`}>{p.title}</Link>
              </h2>
              <p>
                {p.municipalities} · {p.policeArea}
              </p>
              <p className="text-sm text-muted">
                {formatDate(p.periodStart)} – {formatDate(p.periodEnd)} · {p.draft ? "Utkast, inte publicerat" : p.replaced ? "Ersatt av en rättad version" : p.period}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
