"use client";
import { useActionState } from "react";
import { createWebhookAction } from "@/app/actions/webhooks";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormState } from "@/lib/forms/validated-action";
import type { TopicInfo } from "@/lib/webhooks/topics";
import { TopicSelect } from "./topic-select";

/** Settings → Webhooks, as the seed describes it: choose a topic, enter a URL, Create Webhook. */
export function CreateWebhookForm({ storeId, topics, atLimit, limitMessage }: { storeId: string; topics: readonly TopicInfo[]; atLimit: boolean; limitMessage: string }) {
  // React resets the form after the action; after an error the fields get the typed values back.
  const [state, action, pending] = useActionState<FormState, FormData>(createWebhookAction, {});
  return (
    <section aria-labelledby="create-webhook" className="rounded-lg border border-slate-200 bg-white px-5 py-5 shadow-xs">
      <h2 id="create-webhook" className="text-base font-semibold text-slate-900">
        Add a webhook
      </h2>
      <p className="mt-1 text-sm text-slate-500">We POST a signed JSON payload to your URL for every event of the topic.</p>
      <form action={action} noValidate className="mt-4 grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start">
        <input type="hidden" name="storeId" value={storeId} />
        <TopicSelect id="topic" topics={topics} defaultValue={state.ok ? undefined : state.values?.topic} errors={state.fieldErrors?.topic} />
        <Field
          label="URL"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://your-server.com/webhooks/back-in-stock"
          defaultValue={state.ok ? undefined : state.values?.url}
          errors={state.fieldErrors?.url}
          hint="https only. New webhooks start Off."
          autoComplete="off"
          spellCheck={false}
          required
        />
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending || atLimit} className="w-full whitespace-nowrap sm:w-auto">
            {pending ? "Creating…" : "Create Webhook"}
          </Button>
        </div>
      </form>
      {atLimit && (
        <div className="mt-4">
          <Alert tone="warning">{limitMessage}</Alert>
        </div>
      )}
      {state.message && !state.fieldErrors && (
        <div className="mt-4">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      )}
    </section>
  );
}
