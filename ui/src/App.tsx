// The window: toolbar, the views (declared in crates/studio/src/views.rs), the
// status bar, and the dialogs.
import { Fragment, useCallback, useEffect, useRef, useState, type ReactNode } from "react";

import { onShellEvents } from "./api";
import { Diagram, type DiagramCommands } from "./canvas/Diagram";
import { isMenuCommand, shortcutFor, type CommandId } from "./commands";
import { AboutDialog } from "./dialogs/AboutDialog";
import { DeployDialog } from "./dialogs/DeployDialog";
import { FailureDialog } from "./dialogs/FailureDialog";
import { RecoveryDialog } from "./dialogs/RecoveryDialog";
import { ShortcutsDialog } from "./dialogs/ShortcutsDialog";
import { UnsavedDialog } from "./dialogs/UnsavedDialog";
import type { Opening } from "./panels/AttributesEditor";
import { AggregateView } from "./panels/AggregateView";
import { DesignView } from "./panels/DesignView";
import { Inspector } from "./panels/Inspector";
import { PatternsView } from "./panels/PatternsView";
import { ProveView } from "./panels/ProveView";
import { StatusBar } from "./panels/StatusBar";
import { useStudio, type Studio, type View } from "./state/studio";
import { useTheme } from "./theme";
import { Toolbar } from "./Toolbar";
import { VIEWS } from "./generated/views";


export function App() {
  const studio = useStudio();
  const { theme, toggleTheme } = useTheme();
  const diagram = useRef<DiagramCommands | null>(null);
  const [dialog, setDialog] = useState<"shortcuts" | "about" | "deploy" | null>(null);
  // Where the inspector puts the cursor once, when the diagram opens an editor.
  const [opening, setOpening] = useState<Opening | null>(null);

  const run = useCallback(
    (command: CommandId) => {
      const view = VIEWS.find((v) => `view:${v.id}` === command);
      if (view) {
        studio.setView(view.id);
        return;
      }
      const inDiagram = (act: (d: DiagramCommands) => Promise<void> | void) => {
        // Shown already: at once, so that an edit is on its way to the backend
        // before the page redraws for anything else the command changed.
        if (studio.view === "diagram" && diagram.current) {
          void act(diagram.current);
          return;
        }
        studio.setView("diagram");
        // The diagram has to mount first.
        window.setTimeout(() => {
          if (diagram.current) void act(diagram.current);
        }, 0);
      };
      switch (command) {
        case "new":
          void studio.newDocument(null);
          break;
        case "open":
          void studio.open(null);
          break;
        case "import":
          void studio.importModel(null);
          break;
        case "save":
          void studio.save();
          break;
        case "save-as":
          void studio.saveAs();
          break;
        case "quit":
          void studio.quit();
          break;
        case "undo":
          void studio.undo();
          break;
        case "redo":
          void studio.redo();
          break;
        case "add-entity":
          setOpening({});
          inDiagram((d) => d.addEntity());
          break;
        case "add-pattern":
          studio.setView("patterns");
          void studio.edit({ op: "add_pattern", entity: targetEntity(studio) });
          break;
        case "delete":
          if (studio.view === "diagram") void diagram.current?.deleteSelection();
          break;
        case "auto-layout":
          inDiagram((d) => d.autoLayout());
          break;
        case "fit-view":
          inDiagram((d) => {
            d.fitView();
          });
          break;
        case "theme":
          toggleTheme();
          break;
        case "shortcuts":
        case "about":
        case "deploy":
          setDialog(command);
          break;
      }
    },
    [studio, toggleTheme],
  );

  // The page's title is the window's: file name and unsaved marker.
  useEffect(() => {
    document.title = studio.doc.title;
  }, [studio.doc.title]);

  // The shell's events and the keyboard reach the latest commands through a
  // ref, so that the listeners are installed once.
  const latest = useRef({ run, studio });
  useEffect(() => {
    latest.current = { run, studio };
  });

  // The native menu's choices, and the window's close button.
  useEffect(
    () =>
      onShellEvents({
        menu: (id) => {
          const { run, studio } = latest.current;
          if (id.startsWith("example:")) void studio.newDocument(id.slice("example:".length));
          else if (id.startsWith("recent:")) void studio.open(id.slice("recent:".length));
          else if (id.startsWith("export:")) void studio.exportDesign(id.slice("export:".length));
          else if (isMenuCommand(id)) run(id);
        },
        closeRequested: () => void latest.current.studio.quit(),
      }),
    [],
  );

  // Keyboard shortcuts; in a text field only the file and view ones, so that
  // Ctrl+Z there undoes typing (the native menu leaves Undo's keys to the page).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector(".modal")) return;
      const shortcut = shortcutFor(e, isEditingText());
      if (!shortcut) return;
      e.preventDefault();
      latest.current.run(shortcut.command);
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  }, []);

  // One function for the diagram's life: a new one would redraw the canvas
  // (hundreds of entities) whenever anything else here changes.
  const openEditor = useCallback((attribute?: string) => {
    setOpening({ attribute });
  }, []);

  // Every view's body; `kept` views stay mounted while hidden (a proof's report
  // outlives a look at another view).
  const bodies: Record<View, { body: ReactNode; kept?: boolean }> = {
    diagram: {
      body: (
        <div className="diagram-view">
          <Diagram commands={diagram} onOpenEditor={openEditor} />
          <aside className="inspector" aria-label="Inspector" onBlur={() => { setOpening(null); }}>
            <Inspector opening={opening} />
          </aside>
        </div>
      ),
    },
    patterns: { body: <PatternsView /> },
    design: { body: <DesignView /> },
    aggregate: { body: <AggregateView /> },
    prove: { body: <ProveView />, kept: true },
  };

  return (
    <div className="app" data-theme={theme}>
      <Toolbar run={run} theme={theme} />
      <nav className="views" role="tablist" aria-label="Views">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            aria-selected={studio.view === v.id}
            data-testid={`view-${v.id}`}
            onClick={() => { studio.setView(v.id); }}
          >
            {v.label}
          </button>
        ))}
      </nav>
      <main>
        {VIEWS.map(({ id }) => {
          const { body, kept } = bodies[id];
          if (kept) {
            return (
              <div key={id} className="view-holder" hidden={studio.view !== id}>
                {body}
              </div>
            );
          }
          return studio.view === id ? <Fragment key={id}>{body}</Fragment> : null;
        })}
      </main>
      <StatusBar />
      <UnsavedDialog />
      <FailureDialog />
      <RecoveryDialog />
      {dialog === "shortcuts" && <ShortcutsDialog onClose={() => { setDialog(null); }} />}
      {dialog === "about" && <AboutDialog onClose={() => { setDialog(null); }} />}
      {dialog === "deploy" && <DeployDialog onClose={() => { setDialog(null); }} />}
    </div>
  );
}

/** The entity a new pattern is for: the selected entity, or the selected pattern's. */
function targetEntity(studio: Studio): string | undefined {
  const { selection, doc } = studio;
  if (selection.kind === "entities") return selection.names[0];
  if (selection.kind === "pattern") {
    const target = doc.model.access_patterns?.find((p) => p.id === selection.id)?.entity;
    return doc.model.entities.some((e) => e.name === target) ? target : undefined;
  }
  return undefined;
}

function isEditingText(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}
