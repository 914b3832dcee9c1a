// The backend's commands, typed with the declarations generated from the Rust
// types. A command that fails rejects with a Failure.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import type {
  AggregateView,
  ApplyRequest,
  DeployEvent,
  DeployOutcome,
  DeployPlanView,
  DeployRequest,
  DeploySetup,
  DocumentState,
  Edit,
  ExportFormat,
  Failure,
  Highlight,
  LiveProofRequest,
  ProofRequest,
  ProveReport,
  ScratchProof,
  Startup,
  TableState,
} from "./generated/types";

export const api = {
  startup: () => invoke<Startup>("startup"),
  edit: (edit: Edit) => invoke<DocumentState>("edit", { edit }),
  undo: () => invoke<DocumentState>("undo"),
  redo: () => invoke<DocumentState>("redo"),
  newDocument: (example: string | null, discard: boolean) =>
    invoke<DocumentState>("new_document", { example, discard }),
  /** `null` path: ask with the Open dialog; `null` result: the dialog was cancelled. */
  openDocument: (path: string | null, discard: boolean) =>
    invoke<DocumentState | null>("open_document", { path, discard }),
  /**
   * `null` path: ask with a dialog; `null` result: the dialog was cancelled.
   * `table`: the one to import from a file that holds several.
   */
  importModel: (path: string | null, table: string | null, discard: boolean) =>
    invoke<DocumentState | null>("import_model", { path, table, discard }),
  saveDocument: () => invoke<DocumentState | null>("save_document"),
  saveDocumentAs: () => invoke<DocumentState | null>("save_document_as"),
  restoreRecovery: (id: string, discard: boolean) =>
    invoke<DocumentState>("restore_recovery", { id, discard }),
  discardRecovery: (id: string) => invoke<null>("discard_recovery", { id }),
  quit: (discard: boolean) => invoke<null>("quit", { discard }),
  aggregateView: (items: number) => invoke<AggregateView>("aggregate_view", { items }),
  highlightPattern: (pattern: string, items: number, draw: number) =>
    invoke<Highlight | null>("highlight_pattern", { pattern, items, draw }),
  proveDesign: (request: ProofRequest) => invoke<ScratchProof>("prove_design", { request }),
  /** The path written; `null`: the Save dialog was cancelled. */
  exportDesign: (format: ExportFormat) => invoke<string | null>("export_design", { format }),
  deploySetup: () => invoke<DeploySetup>("deploy_setup"),
  planDeploy: (request: DeployRequest) => invoke<DeployPlanView>("plan_deploy", { request }),
  /** Applies the plan shown; `onEvent` hears each step, wait and seed batch as it happens. */
  applyDeploy: (request: ApplyRequest, onEvent: (event: DeployEvent) => void) => {
    const events = new Channel<DeployEvent>();
    events.onmessage = onEvent;
    return invoke<DeployOutcome>("apply_deploy", { request, events });
  },
  cancelDeploy: () => invoke<null>("cancel_deploy"),
  tableState: (request: DeployRequest) => invoke<TableState | null>("table_state", { request }),
  proveTable: (request: LiveProofRequest) => invoke<ProveReport>("prove_table", { request }),
};

export type Api = typeof api;

/** What the shell sends the page: a menu choice, or a request to close the window. */
export function onShellEvents(handlers: {
  menu: (id: string) => void;
  closeRequested: () => void;
}): () => void {
  const pending: Promise<UnlistenFn>[] = [
    listen<string>("menu", (e) => {
      handlers.menu(e.payload);
    }),
    listen("close-requested", () => {
      handlers.closeRequested();
    }),
  ];
  return () => {
    for (const p of pending) {
      void p.then((unlisten) => {
        unlisten();
      });
    }
  };
}

/** A rejection as a Failure, whatever threw it: the backend's Failure as it
 * came, anything else (a webview error, a thrown string) as an `other` failure. */
export function asFailure(error: unknown): Failure {
  if (isFailure(error)) return error;
  const message = typeof error === "object" && error !== null && "message" in error ? error.message : error;
  return { message: String(message), path: null, kind: "other" };
}

/** The one field of its own a kind of failure carries, if any. */
type ListOf<K extends Failure["kind"]> = Exclude<keyof Extract<Failure, { kind: K }>, "kind" | "message" | "path"> | null;

/** Each kind of failure, with the list it carries: every kind is a key, so one
 * the backend adds fails the type check here until it is read, and each names
 * a field its own variant has. */
const FAILURE_LISTS: { [K in Failure["kind"]]: ListOf<K> } = {
  invalid: "diagnostics",
  choose_table: "tables",
  unsaved: null,
  no_design: null,
  file: null,
  other: null,
};

function isFailure(error: unknown): error is Failure {
  if (typeof error !== "object" || error === null) return false;
  const e = error as Record<string, unknown>;
  if (typeof e.message !== "string" || typeof e.kind !== "string" || !Object.hasOwn(FAILURE_LISTS, e.kind)) {
    return false;
  }
  const list = FAILURE_LISTS[e.kind as Failure["kind"]];
  return list === null || Array.isArray(e[list]);
}
