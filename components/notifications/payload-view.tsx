import { LocalTime } from "@/components/ui/local-time";
import type { NotificationEventView } from "@/lib/notifications/queries";
import { CopyButton } from "@/components/ui/copy-button";

/** One event's webhook payload, pretty-printed, with a Copy button. */
export function PayloadView({ event }: { event: NotificationEventView }) {
  const headingId = `payload-${event.topic.replace("/", "-")}`;
  const json = event.payload === null ? null : JSON.stringify(event.payload, null, 2);
  return (
    <section aria-labelledby={headingId} className="min-w-0">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 id={headingId} className="font-mono text-sm font-semibold text-slate-900">
            {event.topic}
          </h3>
          {event.at && (
            <p className="text-xs text-slate-500">
              Event written <LocalTime date={event.at} seconds />
            </p>
          )}
          {event.source === "delivery" && <p className="text-xs text-slate-500">The event has been pruned; this is the body its delivery sent.</p>}
        </div>
        {json && <CopyButton text={json} what={`the ${event.topic} payload`} fallback="Select the payload and press Ctrl+C (⌘C on a Mac)." compact />}
      </div>
      {json ? (
        <pre
          tabIndex={0}
          aria-label={`${event.topic} payload`}
          className="max-h-[28rem] overflow-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100"
        >
          {json}
        </pre>
      ) : (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
          No {event.topic} event was recorded for this notification (it predates events, such as the demo data, or its event has been pruned after 30 days).
        </p>
      )}
    </section>
  );
}
