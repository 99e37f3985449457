// SPDX-License-Identifier: EUPL-1.2
// "123 av 10 000 tecken" under a field with a maximum length. It is rendered on the server, so
// the limit is known without JavaScript; with JavaScript it follows the typing.
import { useEffect, useState } from "react";
import { formatNumber } from "~/lib/dates";

type Band = "room" | "near" | "full" | "over";

/** How close a length is to the maximum: "near" is the last tenth (at least 20 characters). */
export function lengthBand(length: number, max: number): Band {
  if (length > max) return "over";
  if (length === max) return "full";
  return max - length <= Math.max(20, Math.ceil(max / 10)) ? "near" : "room";
}

/** What a screen reader hears when the length enters a new band; nothing while there is room. */
export function bandAnnouncement(length: number, max: number): string {
  const band = lengthBand(length, max);
  if (band === "near") return `${formatNumber(max - length)} tecken kvar av ${formatNumber(max)}.`;
  if (band === "full") return `Du har skrivit ${formatNumber(max)} tecken, så mycket som får plats.`;
  if (band === "over") return `${formatNumber(length - max)} tecken för många. Korta texten till högst ${formatNumber(max)} tecken.`;
  return "";
}

export function CharacterCount({ fieldId, max, initialLength = 0 }: { fieldId: string; max: number; initialLength?: number }) {
  const [length, setLength] = useState(initialLength);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | HTMLInputElement | null;
    if (!field) return;
    // The browser's maxlength cuts pasted text without a word. With the counter in place the
    // person sees the overflow instead and shortens it; the server still refuses too long a text.
    field.removeAttribute("maxlength");
    let band = lengthBand(field.value.length, max);
    const follow = () => {
      const now = field.value.length;
      setLength(now);
      // Announced only when the band changes, so a screen reader is not interrupted at every keystroke.
      const next = lengthBand(now, max);
      if (next !== band) setAnnouncement(bandAnnouncement(now, max));
      band = next;
    };
    follow();
    field.addEventListener("input", follow);
    return () => field.removeEventListener("input", follow);
  }, [fieldId, max]);
  const over = length > max;
  return (
    <span className="mt-1 block">
      <span id={`${fieldId}-count`} className={over ? "font-semibold text-danger" : undefined}>
        {formatNumber(length)} av {formatNumber(max)} tecken
        {over ? ` – ${formatNumber(length - max)} för många` : null}
      </span>
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
    </span>
  );
}
