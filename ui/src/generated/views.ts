// Generated from crates/studio/src/views.rs; do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p tablewright-studio --test bindings

export const VIEWS = [
  {
    "id": "diagram",
    "label": "Diagram",
    "menu": "Diagram",
    "key": "1"
  },
  {
    "id": "patterns",
    "label": "Access Patterns",
    "menu": "Access Patterns",
    "key": "2"
  },
  {
    "id": "design",
    "label": "Design",
    "menu": "Design",
    "key": "3"
  },
  {
    "id": "aggregate",
    "label": "Aggregate View",
    "menu": "Aggregate View",
    "key": "4"
  },
  {
    "id": "prove",
    "label": "Prove",
    "menu": "Prove on DynamoDB Local",
    "key": "5"
  }
] as const;

export type View = (typeof VIEWS)[number]["id"];
