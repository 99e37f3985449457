// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DataTable } from "~/components/DataTable";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getContent } from "~/content/content.server";
import { formatDate, formatNumber } from "~/lib/dates";
import { addMs, DAY_MS } from "~/lib/time";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { KIND_LABELS, labelOf } from "~/modules/materials/labels";
import { materialUsageForMunicipality, usageDay } from "~/modules/materials/usage.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Materialanvändning – Coachportalen" }];

const PERIODS = [30, 90, 365] as const;

const searchSchema = z.object({
  dagar: z.coerce
    .number()
    .refine((days) => (PERIODS as readonly number[]).includes(days))
    .catch(PERIODS[0]),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const { dagar: days } = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // "The last 30 days" includes today.
  const since = usageDay(addMs(new Date(), -(days - 1) * DAY_MS));
  const usage = await materialUsageForMunicipality(getDb(), user.municipalityId, since);

  const materials = getContent().materials;
  const used = new Map(usage.map((row) => [row.material, row]));
  const rows = [
    ...usage.map((row) => {
      const material = materials.find((m) => m.slug === row.material);
      return { slug: row.material, title: material?.title ?? null, kind: material?.kind ?? null, views: row.views, downloads: row.downloads };
    }),
    ...materials
      .filter((material) => !used.has(material.slug))
      .sort((a, b) => a.title.localeCompare(b.title, "sv-SE"))
      .map((material) => ({ slug: material.slug, title: material.title, kind: material.kind, views: 0, downloads: 0 })),
  ];
  return { municipalityName: user.municipalityName, days, since, rows, usedCount: usage.length, materialCount: materials.length };
}

export default function MaterialUsagePage() {
  const { municipalityName, days, since, rows, usedCount, materialCount } = useLoaderData<typeof loader>();
  const periodText = `de senaste ${days} dagarna`;
  return (
    <div>
      <h1>Materialanvändning i {municipalityName}</h1>
      <p className="mb-2 max-w-3xl">
        Hur många gånger coacher och skolpersonal i kommunen har öppnat materialen och laddat ner bilagor. Här finns bara antal per dag,
        aldrig vem som läste vad. Besök utan inloggning och dina egna besök som samordnare räknas inte här.
      </p>
      <p className="mb-6">
        <Link to="/material">Till materialet</Link>
      </p>

      <nav aria-label="Välj period" className="mb-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-2">
          {PERIODS.map((period) => (
            <li key={period}>
              <Link
                to={`/samordnare/material?dagar=${period}`}
                aria-current={period === days ? "page" : undefined}
                className={period === days ? "font-bold no-underline" : undefined}
              >
                Senaste {period} dagarna
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p className="mb-4" role="status">
        {usedCount === 0
          ? `Inget material har öppnats ${periodText}.`
          : `${formatNumber(usedCount)} av ${formatNumber(materialCount)} material har använts ${periodText}.`}
      </p>

      <DataTable label="Användning per material" caption={<>Användning per material i {municipalityName}, {periodText} (från {formatDate(`${since}T12:00:00Z`)})</>} showCaption>
        <thead>
          <tr>
            <th scope="col">Material</th>
            <th scope="col">Typ</th>
            <th scope="col" className="text-right">
              Öppnat
            </th>
            <th scope="col" className="text-right">
              Nedladdade bilagor
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.slug}>
              <th scope="row" className="font-normal">
                {row.title ? <Link to={`/material/${row.slug}`}>{row.title}</Link> : `${row.slug} (finns inte längre)`}
              </th>
              <td>{row.kind ? labelOf(KIND_LABELS, row.kind) : "–"}</td>
              <td className="text-right">{formatNumber(row.views)}</td>
              <td className="text-right">{formatNumber(row.downloads)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
