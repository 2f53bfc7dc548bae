"use client";
import { useRef, useState, useTransition } from "react";
import { revealApiKeyAction } from "@/app/actions/api-key";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { CopyButton } from "@/components/ui/copy-button";
import { RotateApiKeyButton } from "./rotate-api-key-button";

export type ApiKeyPanelProps = {
  storeId: string;
  prefix: string;
  current: { id: string; lastFour: string; createdAt: Date } | null;
  previous: { id: string; lastFour: string; validUntil: Date }[];
  canRotate: boolean;
};

type Revealed = { keyId: string; apiKey: string; webhookSecret: string };

const copyFallback = "Your browser did not allow copying. The text is shown and selected: press Ctrl+C (⌘C on a Mac).";

/**
 * The API key, masked until Reveal asks the server for it (each reveal is audited). The secret
 * lives only in this component's state, never in the page's HTML, and is dropped on Hide and as
 * soon as the current key changes (a rotation).
 */
export function ApiKeyPanel({ storeId, prefix, current, previous, canRotate }: ApiKeyPanelProps) {
  const [revealedState, setRevealed] = useState<Revealed | null>(null);
  const [shown, setShown] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "warning" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const keyField = useRef<HTMLInputElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  // A reveal of a key that is no longer current (rotated since) is stale: forget it.
  const revealed = revealedState && revealedState.keyId === current?.id ? revealedState : null;
  const visible = shown && revealed !== null;

  async function fetchSecret(): Promise<Revealed | null> {
    if (revealed) return revealed;
    const outcome = await revealApiKeyAction(storeId);
    if (!outcome.ok) {
      setMessage({ tone: "error", text: outcome.message });
      return null;
    }
    const value = { keyId: outcome.keyId, apiKey: outcome.apiKey, webhookSecret: outcome.webhookSecret };
    setRevealed(value);
    return value;
  }

  function toggle() {
    if (visible) {
      setShown(false);
      setRevealed(null);
      return;
    }
    startTransition(async () => {
      setMessage(null);
      if (await fetchSecret()) setShown(true);
    });
  }

  /** Copy failed: show the value and select it so the person can copy it by hand. */
  const selectOnShow = useRef<"key" | "secret" | null>(null);
  function showAndSelect(which: "key" | "secret") {
    const field = which === "key" ? keyField.current : secretField.current;
    if (field) {
      field.focus();
      field.select();
      return;
    }
    selectOnShow.current = which;
    setShown(true);
  }
  function copyFailed(which: "key" | "secret") {
    setMessage({ tone: "warning", text: copyFallback });
    showAndSelect(which);
  }
  function fieldRef(which: "key" | "secret") {
    return (el: HTMLInputElement | null) => {
      (which === "key" ? keyField : secretField).current = el;
      if (el && selectOnShow.current === which) {
        selectOnShow.current = null;
        el.focus();
        el.select();
      }
    };
  }

  if (!current) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-600">This store has no API key.</p>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {canRotate ? (
          <RotateApiKeyButton storeId={storeId} onRotated={(o) => setMessage({ tone: "success", text: o.message })} />
        ) : (
          <p className="text-sm text-slate-500">Ask the store owner to create one.</p>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-5">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}

      <div className="space-y-1.5">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <label htmlFor="api-key" className="text-sm font-medium text-slate-800">
            API key
          </label>
          <p className="text-xs text-slate-500">
            Created <LocalTime date={current.createdAt} />
          </p>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <SecretValue
            id="api-key"
            value={visible ? revealed.apiKey : null}
            inputRef={fieldRef("key")}
            valueTestId="api-key-value"
            maskedTestId="masked-api-key"
            maskedLabel={`API key ending in ${current.lastFour}, hidden`}
          >
            {prefix}
            {"•".repeat(8)}
            {current.lastFour}
          </SecretValue>
          <div className="flex shrink-0 flex-wrap items-center gap-2 sm:w-50 sm:justify-end">
            <Button type="button" variant="secondary" onClick={toggle} disabled={pending} aria-controls="api-key" className="min-w-24">
              {pending ? "Revealing…" : visible ? "Hide" : "Reveal"}
            </Button>
            <CopyButton
              key={current.id}
              what="API key"
              text={async () => (await fetchSecret())?.apiKey ?? null}
              fallback={copyFallback}
              onFailure={() => copyFailed("key")}
              inlineFallback={false}
              className="min-w-24"
            />
          </div>
        </div>
      </div>

      <div className="space-y-1.5">
        <label htmlFor="webhook-secret" className="text-sm font-medium text-slate-800">
          Standard Webhooks secret
        </label>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <SecretValue
            id="webhook-secret"
            value={visible ? revealed.webhookSecret : null}
            inputRef={fieldRef("secret")}
            valueTestId="webhook-secret-value"
            maskedLabel="Standard Webhooks secret, hidden"
          >
            whsec_{"•".repeat(12)}
          </SecretValue>
          <div className="flex shrink-0 flex-wrap items-center gap-2 sm:w-50 sm:justify-end">
            <CopyButton
              key={current.id}
              what="Standard Webhooks secret"
              text={async () => (await fetchSecret())?.webhookSecret ?? null}
              fallback={copyFallback}
              onFailure={() => copyFailed("secret")}
              inlineFallback={false}
              className="min-w-24"
            />
          </div>
        </div>
        <p className="text-xs text-slate-500">
          The same key in the form the <code className="font-mono">standardwebhooks</code> and <code className="font-mono">svix</code> libraries
          expect; revealed together with the API key.
        </p>
      </div>

      {previous.length > 0 && (
        <ul className="space-y-2" aria-label="Previous keys still valid">
          {previous.map((key) => (
            <li
              key={key.id}
              data-testid="previous-api-key"
              className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              <Badge tone="amber">Overlap</Badge>
              <span>
                Previous key <span className="font-mono">••••{key.lastFour}</span> valid until <LocalTime date={key.validUntil} />
              </span>
              <span className="text-xs text-amber-800">Still accepted by the API and sent as a second webhook signature.</span>
            </li>
          ))}
        </ul>
      )}

      <div className="flex flex-col gap-3 border-t border-slate-100 pt-4 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600">
          {canRotate
            ? "Rotate if the key may have leaked. The previous key keeps working for 24 hours."
            : "Only the store owner can rotate the API key. Ask them if you think it has leaked."}
        </p>
        {canRotate && (
          <RotateApiKeyButton
            storeId={storeId}
            onRotated={(o) => {
              setShown(false);
              setRevealed(null);
              setMessage({ tone: "success", text: o.message });
            }}
          />
        )}
      </div>
    </div>
  );
}

/** A secret shown in a read-only field that selects itself when revealed, masked otherwise. */
function SecretValue({
  id,
  value,
  inputRef,
  valueTestId,
  maskedTestId,
  maskedLabel,
  children,
}: {
  id: string;
  value: string | null;
  inputRef: React.Ref<HTMLInputElement>;
  valueTestId: string;
  maskedTestId?: string;
  maskedLabel: string;
  children: React.ReactNode;
}) {
  if (value !== null) {
    return (
      <input
        ref={inputRef}
        id={id}
        readOnly
        value={value}
        spellCheck={false}
        autoComplete="off"
        onFocus={(e) => e.currentTarget.select()}
        data-testid={valueTestId}
        className="block w-full min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 shadow-xs focus:outline-2 focus:outline-indigo-600"
      />
    );
  }
  return (
    <output
      id={id}
      data-testid={maskedTestId}
      aria-label={maskedLabel}
      className="block min-w-0 flex-1 truncate rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-700"
    >
      {children}
    </output>
  );
}
