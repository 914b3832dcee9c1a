// The app's state around the backend's document: the document itself, what is
// selected, which view shows, and the questions and failures on screen. Every
// change to the model goes through the backend; this only keeps its answer.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

import { asFailure, type Api } from "../api";
import type {
  DocumentState,
  Edit,
  Example,
  ExportChoice,
  Failure,
  Focus,
  Model,
  RecoveryOffer,
  Startup,
} from "../generated/types";
import { nothing, sameSelection, type Selection } from "./selection";

export type { View } from "../generated/views";
import type { View } from "../generated/views";

/** How long a confirmation stays in the status bar. */
const CONFIRMATION_MS = 6000;

/** An action that would lose unsaved changes, waiting for the user's answer. */
export interface UnsavedQuestion {
  /** What the action is, for the question: "open another model". */
  doing: string;
  proceed: (discard: boolean) => Promise<void>;
}

export interface Studio {
  api: Api;
  doc: DocumentState;
  /** Where the Prove view proves, to begin with (DynamoDB Local). */
  dynamodbEndpoint: string;
  examples: Example[];
  /** What the design can be exported as, in the Export menu's order. */
  exports: ExportChoice[];
  selection: Selection;
  /** A selection, or how to change the current one. */
  select: (s: Selection | ((current: Selection) => Selection)) => void;
  view: View;
  setView: (v: View) => void;
  failure: Failure | null;
  dismissFailure: () => void;
  /** Something that went wrong beside a command: shown until dismissed. */
  notice: string | null;
  /** What a command just did ("Saved …", "Exported …"), or why a gesture did nothing: shown for a moment. */
  confirmation: string | null;
  /** Shows a short message in the status area for a moment. */
  say: (message: string) => void;
  dismissNotice: () => void;
  recovery: RecoveryOffer[];
  restore: (id: string) => Promise<void>;
  discardRecovery: (id: string) => Promise<void>;
  unsaved: UnsavedQuestion | null;
  answerUnsaved: (answer: "save" | "discard" | "cancel") => Promise<void>;
  /** Applies an edit; false when the backend refused it (the failure shows). */
  edit: (e: Edit) => Promise<boolean>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  newDocument: (example: string | null) => Promise<void>;
  open: (path: string | null) => Promise<void>;
  /** A new model from a NoSQL Workbench model or CloudFormation template. */
  importModel: (path: string | null) => Promise<void>;
  /** Imports one table of a file that holds several, once the user has chosen it. */
  importTable: (path: string, table: string) => Promise<void>;
  save: () => Promise<boolean>;
  saveAs: () => Promise<boolean>;
  quit: () => Promise<void>;
  /**
   * Exports the design through a Save dialog and says where it went; `format`
   * names one of `exports` (the menu and the toolbar send it as text).
   */
  exportDesign: (format: string) => Promise<void>;
}

const Context = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const studio = useContext(Context);
  if (!studio) {
    throw new Error("useStudio outside StudioProvider");
  }
  return studio;
}

export function StudioProvider(props: { api: Api; startup: Startup; children: ReactNode }) {
  const value = useStudioState(props.api, props.startup);
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

function useStudioState(api: Api, startup: Startup): Studio {
  const [doc, setDoc] = useState<DocumentState>(startup.state);
  const [selection, setSelectionState] = useState<Selection>(nothing);
  // The same selection keeps its identity: the canvas reports its selection
  // on every change of its nodes, and a new object each time would go round.
  const setSelection = useCallback((next: Selection | ((current: Selection) => Selection)) => {
    setSelectionState((current) => {
      const chosen = typeof next === "function" ? next(current) : next;
      return sameSelection(current, chosen) ? current : chosen;
    });
  }, []);
  const [view, setView] = useState<View>("diagram");
  const [failure, setFailure] = useState<Failure | null>(startup.failure);
  const [notice, setNotice] = useState<string | null>(startup.state.notice);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  useEffect(() => {
    if (confirmation === null) return;
    const timer = window.setTimeout(() => { setConfirmation(null); }, CONFIRMATION_MS);
    return () => { window.clearTimeout(timer); };
  }, [confirmation]);
  const [recovery, setRecovery] = useState<RecoveryOffer[]>(startup.recovery);
  const [unsaved, setUnsaved] = useState<UnsavedQuestion | null>(null);

  // The latest state, for questions asked after the commands before them end.
  const latest = useRef(doc);
  const show = useCallback((next: DocumentState) => {
    latest.current = next;
    setDoc(next);
    if (next.notice !== null) {
      setNotice(next.notice);
    }
    // A new state says what it did, or nothing: an older confirmation is stale.
    setConfirmation(next.confirmation);
    setSelection((current) => next.focus === null ? stillThere(current, next.model) : focused(next.focus));
  }, [setSelection]);

  // One command at a time, in the order asked: an edit made while another is
  // on its way (a rename committed by the Enter that adds the next attribute)
  // applies after it, and the state shown is always the latest one.
  const queue = useRef<{ last: Promise<unknown>; pending: number }>({ last: Promise.resolve(), pending: 0 });
  const attempt = useCallback(<T,>(run: () => Promise<T>): Promise<T | undefined> => {
    const line = queue.current;
    const go = async () => {
      try {
        return await run();
      } catch (error) {
        setFailure(asFailure(error));
        return undefined;
      } finally {
        line.pending--;
      }
    };
    // With none waiting it starts at once, not a turn of the event loop later.
    // Also after a step that failed in its own failure handling: one bad
    // step must not stop every later command.
    const turn = line.pending === 0 ? go() : line.last.then(go, go);
    line.pending++;
    line.last = turn;
    return turn;
  }, []);

  /** Runs `action`, or asks first when it would lose unsaved changes. Edits
   * still on their way count: the question waits for them, so that an edit
   * made just before Open is saved or discarded by the user's answer, not
   * refused as unsaved changes after the question was skipped. */
  const guarded = useCallback(async (doing: string, action: (discard: boolean) => Promise<void>) => {
    const settled = () => undefined;
    await queue.current.last.then(settled, settled);
    if (latest.current.dirty) {
      setUnsaved({ doing, proceed: action });
    } else {
      await action(false);
    }
  }, []);

  const edit = useCallback(
    async (e: Edit) => {
      const next = await attempt(() => api.edit(e));
      if (next) {
        show(next);
      }
      return next !== undefined;
    },
    [api, attempt, show],
  );

  const undo = useCallback(async () => {
    const next = await attempt(api.undo);
    if (next) show(next);
  }, [api, attempt, show]);

  const redo = useCallback(async () => {
    const next = await attempt(api.redo);
    if (next) show(next);
  }, [api, attempt, show]);

  const save = useCallback(async () => {
    const next = await attempt(api.saveDocument);
    if (next) show(next);
    return Boolean(next);
  }, [api, attempt, show]);

  const saveAs = useCallback(async () => {
    const next = await attempt(api.saveDocumentAs);
    if (next) show(next);
    return Boolean(next);
  }, [api, attempt, show]);

  const replaced = useCallback(
    (next: DocumentState) => {
      show(next);
      setSelection(nothing);
    },
    [setSelection, show],
  );

  const newDocument = useCallback(
    (example: string | null) =>
      guarded("start a new model", async (discard) => {
        const next = await attempt(() => api.newDocument(example, discard));
        if (next) replaced(next);
      }),
    [api, attempt, guarded, replaced],
  );

  const open = useCallback(
    (path: string | null) =>
      guarded("open another model", async (discard) => {
        const next = await attempt(() => api.openDocument(path, discard));
        if (next) replaced(next);
      }),
    [api, attempt, guarded, replaced],
  );

  const importModel = useCallback(
    (path: string | null) =>
      guarded("import another design", async (discard) => {
        const next = await attempt(() => api.importModel(path, null, discard));
        if (next) replaced(next);
      }),
    [api, attempt, guarded, replaced],
  );

  // Only a file the import got as far as reading offers its tables: the question
  // about unsaved changes was asked and answered before it.
  const importTable = useCallback(
    async (path: string, table: string) => {
      setFailure(null);
      const next = await attempt(() => api.importModel(path, table, true));
      if (next) replaced(next);
    },
    [api, attempt, replaced],
  );

  const quit = useCallback(
    () =>
      guarded("quit", async (discard) => {
        await attempt(() => api.quit(discard));
      }),
    [api, attempt, guarded],
  );

  const exportDesign = useCallback(
    async (format: string) => {
      const choice = startup.exports.find((e) => e.format === format);
      if (!choice) return;
      const path = await attempt(() => api.exportDesign(choice.format));
      if (path) setConfirmation(`Exported ${choice.title} to ${path}`);
    },
    [api, attempt, startup.exports],
  );

  const restore = useCallback(
    (id: string) =>
      guarded("restore the recovered model", async (discard) => {
        const next = await attempt(() => api.restoreRecovery(id, discard));
        if (next) {
          replaced(next);
          setRecovery((offers) => offers.filter((o) => o.id !== id));
        }
      }),
    [api, attempt, guarded, replaced],
  );

  const discardRecovery = useCallback(
    async (id: string) => {
      // `undefined`: the command failed (the failure shows) and the offer stays.
      const done = await attempt(() => api.discardRecovery(id));
      if (done !== undefined) setRecovery((offers) => offers.filter((o) => o.id !== id));
    },
    [api, attempt],
  );

  const answerUnsaved = useCallback(
    async (answer: "save" | "discard" | "cancel") => {
      const question = unsaved;
      setUnsaved(null);
      if (!question || answer === "cancel") return;
      if (answer === "save") {
        // Saving may be cancelled in its dialog: then nothing goes.
        if (await save()) await question.proceed(false);
      } else {
        await question.proceed(true);
      }
    },
    [save, unsaved],
  );

  return useMemo(
    () => ({
      api,
      doc,
      dynamodbEndpoint: startup.dynamodb_endpoint,
      examples: startup.examples,
      exports: startup.exports,
      selection,
      select: setSelection,
      view,
      setView,
      failure,
      dismissFailure: () => {
        setFailure(null);
      },
      notice,
      confirmation,
      say: setConfirmation,
      dismissNotice: () => {
        setNotice(null);
      },
      recovery,
      restore,
      discardRecovery,
      unsaved,
      answerUnsaved,
      edit,
      undo,
      redo,
      newDocument,
      open,
      importModel,
      importTable,
      save,
      saveAs,
      quit,
      exportDesign,
    }),
    [
      api, doc, startup.dynamodb_endpoint, startup.examples, startup.exports, selection, setSelection, view, failure, notice, confirmation, recovery,
      restore, discardRecovery, unsaved, answerUnsaved, edit, undo, redo, newDocument, open, importModel, importTable, save, saveAs, quit,
      exportDesign,
    ],
  );
}

function focused(focus: Focus): Selection {
  switch (focus.kind) {
    case "entity":
      return { kind: "entities", names: [focus.name] };
    case "relationship":
      return { kind: "relationship", name: focus.name };
    case "pattern":
      return { kind: "pattern", id: focus.name };
  }
}

/** The selection without what the model no longer has (after an undo or a delete). */
function stillThere(selection: Selection, model: Model): Selection {
  switch (selection.kind) {
    case "entities": {
      const names = selection.names.filter((n) => model.entities.some((e) => e.name === n));
      return names.length > 0 ? { kind: "entities", names } : nothing;
    }
    case "relationship":
      return (model.relationships ?? []).some((r) => r.name === selection.name) ? selection : nothing;
    case "pattern":
      return (model.access_patterns ?? []).some((p) => p.id === selection.id) ? selection : nothing;
    default:
      return selection;
  }
}
