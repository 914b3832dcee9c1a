// The index keys an update rebuilds from its inputs (`:_GSI1SK = INVENTORY#{now}`),
// so that the reader sees the write keeps every index it changes right.
export function BuiltKeys(props: { built: Record<string, string> | undefined }) {
  const entries = Object.entries(props.built ?? {});
  if (entries.length === 0) return null;
  return (
    <span className="built-keys" title="Index keys the update rebuilds in the same request">
      {entries.map(([placeholder, template]) => (
        <span key={placeholder}>
          {" "}
          <code>
            :{placeholder} = {template}
          </code>
        </span>
      ))}
    </span>
  );
}
