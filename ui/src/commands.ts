// The app's commands by id: what the native menu sends, what the keyboard
// shortcuts and toolbar buttons run. One table serves all three; the views'
// commands and shortcuts come from the views' registry (generated from Rust).

import { VIEWS, type View } from "./generated/views";

export type CommandId =
  | "new"
  | "open"
  | "import"
  | "save"
  | "save-as"
  | "deploy"
  | "quit"
  | "undo"
  | "redo"
  | "add-entity"
  | "add-pattern"
  | "delete"
  | "auto-layout"
  | "fit-view"
  | "theme"
  | "shortcuts"
  | "about"
  | `view:${View}`;

export interface Shortcut {
  keys: string;
  command: CommandId;
  description: string;
  /** Also runs while typing in a field (file commands); editing keys do not. */
  inFields?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "Ctrl+N", command: "new", description: "New model", inFields: true },
  { keys: "Ctrl+O", command: "open", description: "Open a model file", inFields: true },
  { keys: "Ctrl+S", command: "save", description: "Save", inFields: true },
  { keys: "Ctrl+Shift+S", command: "save-as", description: "Save as another file", inFields: true },
  { keys: "Ctrl+Z", command: "undo", description: "Undo" },
  { keys: "Ctrl+Shift+Z", command: "redo", description: "Redo" },
  { keys: "Ctrl+Y", command: "redo", description: "Redo" },
  { keys: "Delete", command: "delete", description: "Delete the selected entities or relationship" },
  { keys: "Backspace", command: "delete", description: "Delete the selected entities or relationship" },
  { keys: "Ctrl+L", command: "auto-layout", description: "Lay the diagram out automatically" },
  { keys: "Ctrl+0", command: "fit-view", description: "Fit the diagram to the window" },
  ...VIEWS.map((v): Shortcut => ({ keys: `Ctrl+${v.key}`, command: `view:${v.id}`, description: v.menu, inFields: true })),
  { keys: "F1", command: "shortcuts", description: "Keyboard shortcuts", inFields: true },
  { keys: "Ctrl+Q", command: "quit", description: "Quit", inFields: true },
];

/** How a key event is written in SHORTCUTS: modifiers first, then the key. */
export function keysOf(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push("Ctrl");
  if (e.altKey) parts.push("Alt");
  if (e.shiftKey) parts.push("Shift");
  parts.push(e.key.length === 1 ? e.key.toUpperCase() : e.key);
  return parts.join("+");
}

/** The shortcut a key event means, if any. */
export function shortcutFor(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  inField: boolean,
): Shortcut | undefined {
  const keys = keysOf(e);
  return SHORTCUTS.find((s) => s.keys === keys && (!inField || s.inFields === true));
}

export function isMenuCommand(id: string): id is CommandId {
  return SHORTCUTS.some((s) => s.command === id) || ["add-entity", "add-pattern", "theme", "about", "deploy", "import"].includes(id);
}
