"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useId, useState, useTransition } from "react";
import {
  deleteWebhookAction,
  editWebhookAction,
  listWebhookRowsAction,
  sendTestPayloadAction,
  setWebhookActiveAction,
} from "@/app/actions/webhooks";
import { deliveryStatusLabel } from "@/components/deliveries/delivery-status-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Switch } from "@/components/ui/switch";
import type { FormState } from "@/lib/forms/validated-action";
import type { WebhookRow } from "@/lib/webhooks/queries";
import type { TopicInfo } from "@/lib/webhooks/topics";
import { ResendFailedOffer, type ResendOutcome } from "./resend-failed-offer";
import { SuccessRate } from "./success-rate";
import { TopicSelect } from "./topic-select";
import { WebhookHealthNotice } from "./webhook-health-notice";

type Notice = { tone: "error" | "success"; message: string } | null;

/**
 * The store's webhooks. On/Off flips at once (optimistically) and rolls back with a message
 * if the server refuses; the list is the server's answer after every change.
 */
export function WebhookList({ storeId, initialRows, topics }: { storeId: string; initialRows: WebhookRow[]; topics: readonly TopicInfo[] }) {
  const queryClient = useQueryClient();
  const key = ["webhooks", storeId];
  const { data: rows } = useQuery({ queryKey: key, queryFn: () => listWebhookRowsAction(storeId), initialData: initialRows });
  const [notice, setNotice] = useState<Notice>(null);

  // After a create or an edit the page re-renders on the server with the new list.
  useEffect(() => {
    queryClient.setQueryData(["webhooks", storeId], initialRows);
  }, [queryClient, storeId, initialRows]);

  const toggle = useMutation({
    mutationFn: async ({ id, isActive }: { id: string; isActive: boolean }) => {
      const outcome = await setWebhookActiveAction(storeId, id, isActive);
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.rows;
    },
    onMutate: async ({ id, isActive }) => {
      setNotice(null);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<WebhookRow[]>(key);
      queryClient.setQueryData<WebhookRow[]>(key, (list) => list?.map((r) => (r.id === id ? { ...r, is_active: isActive } : r)));
      return { previous };
    },
    onError: (error, _vars, context) => {
      queryClient.setQueryData(key, context?.previous);
      setNotice({ tone: "error", message: `The change was not saved: ${error.message}` });
    },
    onSuccess: (fresh) => queryClient.setQueryData(key, fresh),
  });

  const remove = useMutation({
    mutationFn: async (id: string) => {
      const outcome = await deleteWebhookAction(storeId, id);
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.rows;
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(key, fresh);
      setNotice({ tone: "success", message: "Webhook deleted." });
    },
    onError: (error) => setNotice({ tone: "error", message: error.message }),
  });

  return (
    <section aria-labelledby="webhook-list" className="space-y-3">
      <h2 id="webhook-list" className="text-base font-semibold text-slate-900">
        Your webhooks
      </h2>
      {notice && <Alert tone={notice.tone}>{notice.message}</Alert>}
      <ul className="space-y-3">
        {rows.map((row) => (
          <WebhookItem
            key={row.id}
            storeId={storeId}
            row={row}
            topics={topics}
            onToggle={(isActive) => toggle.mutate({ id: row.id, isActive })}
            onDelete={() => remove.mutate(row.id)}
            onResent={(outcome) => {
              if (outcome.ok) queryClient.setQueryData(key, outcome.rows);
              setNotice({ tone: outcome.ok ? "success" : "error", message: outcome.message ?? "Resent." });
            }}
            deleting={remove.isPending && remove.variables === row.id}
          />
        ))}
      </ul>
    </section>
  );
}

function WebhookItem({
  storeId,
  row,
  topics,
  onToggle,
  onDelete,
  onResent,
  deleting,
}: {
  storeId: string;
  row: WebhookRow;
  topics: readonly TopicInfo[];
  onToggle: (isActive: boolean) => void;
  onDelete: () => void;
  onResent: (outcome: ResendOutcome) => void;
  deleting: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const deactivated = row.state === "deactivated";
  const on = row.is_active && !deactivated;
  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-xs" aria-label={`Webhook ${row.topic} → ${row.url}`}>
      <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{row.topic}</code>
            {deactivated ? <Badge tone="red">Deactivated</Badge> : <Badge tone={on ? "emerald" : "slate"}>{on ? "Active" : "Off"}</Badge>}
          </div>
          <p className="break-all font-mono text-sm text-slate-900">{row.url}</p>
        </div>
        <div className="flex items-center gap-2 text-sm text-slate-600">
          <span aria-hidden>{on ? "On" : "Off"}</span>
          <Switch checked={on} onChange={onToggle} label={`Deliver ${row.topic} to ${row.url}`} />
        </div>
      </div>

      {(deactivated || row.deactivation_outlook) && (
        <div className="mx-5 mb-3">
          <WebhookHealthNotice row={row}>
            {deactivated && (
              <p className="mt-1">
                Fix the endpoint, then switch it On to re-enable it
                {row.failed_since_success ? `; you can then resend what failed (${row.failed_since_success.count} ${row.failed_since_success.count === 1 ? "delivery" : "deliveries"})` : ""}.
              </p>
            )}
          </WebhookHealthNotice>
        </div>
      )}
      {on && row.failed_since_success && (
        <ResendFailedOffer className="mx-5 mb-3" storeId={storeId} webhookId={row.id} failed={row.failed_since_success} onDone={onResent} />
      )}

      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 border-t border-slate-100 px-5 py-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500">Last delivery</dt>
          <dd className="text-slate-800">
            {row.last_delivery ? (
              <>
                {deliveryStatusLabel[row.last_delivery.status]} · <LocalTime date={row.last_delivery.at} />
              </>
            ) : (
              <span className="text-slate-500">No deliveries yet</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Success, last 24 h</dt>
          <dd className="text-slate-800">
            <SuccessRate rate={row.success_rate_24h} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Created</dt>
          <dd className="text-slate-800">
            <LocalTime date={row.created_at} />
          </dd>
        </div>
      </dl>

      {editing ? (
        <EditWebhookForm storeId={storeId} row={row} topics={topics} onDone={() => setEditing(false)} />
      ) : (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-5 py-3">
          <ButtonLink variant="secondary" href={`/s/${storeId}/settings/webhooks/${row.id}`}>
            Deliveries and metrics
          </ButtonLink>
          <SendTestPayload storeId={storeId} webhookId={row.id} />
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <ConfirmButton
            label={deleting ? "Deleting…" : "Delete"}
            pending={deleting}
            title="Delete this webhook?"
            description={
              <>
                <span className="break-all font-mono">{row.url}</span> stops receiving <span className="font-mono">{row.topic}</span> events and its
                delivery log is deleted. This cannot be undone.
              </>
            }
            confirmLabel="Delete webhook"
            onConfirm={onDelete}
          />
        </div>
      )}
    </li>
  );
}

/** Sends one signed test payload now and shows what the endpoint answered, in the row. */
function SendTestPayload({ storeId, webhookId }: { storeId: string; webhookId: string }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Awaited<ReturnType<typeof sendTestPayloadAction>> | null>(null);
  const resultId = useId();
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        aria-describedby={result ? resultId : undefined}
        onClick={() => startTransition(async () => setResult(await sendTestPayloadAction(storeId, webhookId)))}
      >
        {pending ? "Sending…" : "Send test payload"}
      </Button>
      {result && (
        <p id={resultId} role="status" className={`basis-full text-sm ${result.ok && result.outcome.ok ? "text-emerald-700" : "text-red-700"}`}>
          {!result.ok
            ? result.message
            : result.outcome.ok
              ? `Test payload delivered: ${result.outcome.status} in ${result.outcome.latencyMs} ms.`
              : `Test payload failed: ${result.outcome.errorMessage ?? result.outcome.errorClass} (${result.outcome.latencyMs} ms).`}
          {result.ok && result.outcome.responseExcerpt && (
            <span className="mt-1 block truncate font-mono text-xs text-slate-500">Response: {result.outcome.responseExcerpt}</span>
          )}
        </p>
      )}
    </>
  );
}

function EditWebhookForm({ storeId, row, topics, onDone }: { storeId: string; row: WebhookRow; topics: readonly TopicInfo[]; onDone: () => void }) {
  const [state, action, pending] = useActionState<FormState, FormData>(editWebhookAction, {});
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  const prefix = `edit-${row.id}`;
  return (
    <form action={action} noValidate className="space-y-4 border-t border-slate-100 px-5 py-4" aria-label="Edit webhook">
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="webhookId" value={row.id} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <TopicSelect id={`${prefix}-topic`} topics={topics} defaultValue={state.values?.topic ?? row.topic} errors={state.fieldErrors?.topic} />
        <Field
          label="URL"
          name="url"
          id={`${prefix}-url`}
          type="url"
          defaultValue={state.values?.url ?? row.url}
          errors={state.fieldErrors?.url}
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
      </div>
      {state.message && !state.fieldErrors && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
