// Rendering a component inside the studio's context, with the backend replaced
// by a recording fake whose answers come from the real backend's fixtures.
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";

import { api, type Api } from "../api";
import type { AggregateView, DocumentState, ExportChoice, Highlight, Startup } from "../generated/types";
import { StudioProvider } from "../state/studio";
import acme from "./fixtures/acme.json";

/** ACME as the backend derives it (crates/studio/tests/bindings.rs writes the file). */
export const acmeState = acme.state as unknown as DocumentState;
export const acmeAggregate = acme.aggregate as unknown as AggregateView;
export const acmeHighlight = acme.highlight as unknown as Highlight;
export const exportChoices = acme.exports as ExportChoice[];

export const LOCAL = "http://127.0.0.1:8000";

/** ACME as the backend shows a model with problems: the diagnostics, and no design. */
export function acmeWithProblems(...diagnostics: { path: string; message: string; hint: string }[]): DocumentState {
  return {
    ...acmeState,
    analysis: {
      ...acmeState.analysis,
      design: null,
      verification: null,
      cost: null,
      diagnostics: diagnostics.map((d) => ({ kind: "semantic", line: null, column: null, ...d })),
    },
  };
}

/**
 * A fake backend: every command of the real one a mock, rejecting unless given
 * an answer here; edits answer with `state`.
 */
export function fakeApi(state: DocumentState = acmeState): Api & Record<keyof Api, ReturnType<typeof vi.fn>> {
  const ok = <T,>(value: T) => vi.fn(() => Promise.resolve(value));
  const unanswered = Object.fromEntries(
    Object.keys(api).map((name) => [name, vi.fn(() => Promise.reject(new Error(`${name}: no answer in unit tests`)))]),
  ) as unknown as Api & Record<keyof Api, ReturnType<typeof vi.fn>>;
  return {
    ...unanswered,
    startup: ok(startupWith(state)),
    edit: ok(state),
    undo: ok(state),
    redo: ok(state),
    newDocument: ok(state),
    openDocument: ok<DocumentState | null>(state),
    saveDocument: ok<DocumentState | null>(state),
    saveDocumentAs: ok<DocumentState | null>(state),
    restoreRecovery: ok(state),
    discardRecovery: ok(null),
    quit: ok(null),
    aggregateView: ok(acmeAggregate),
    highlightPattern: ok<Highlight | null>(acmeHighlight),
    proveDesign: vi.fn(() => Promise.reject(new Error("no DynamoDB in unit tests"))),
    exportDesign: ok<string | null>("/home/architect/acme-bank.yaml"),
  };
}

function startupWith(state: DocumentState): Startup {
  return { state, examples: [], recovery: [], failure: null, dynamodb_endpoint: LOCAL, exports: exportChoices };
}

export function renderWithStudio(
  ui: ReactElement,
  options: { state?: DocumentState; api?: Api } = {},
): RenderResult & { api: Api } {
  const state = options.state ?? acmeState;
  const api = options.api ?? fakeApi(state);
  const result = render(
    <StudioProvider api={api} startup={startupWith(state)}>
      {ui}
    </StudioProvider>,
  );
  return { ...result, api };
}
