// What an update reads from the stored item before it writes: the parts of an
// index key it rebuilds but does not carry, read strongly consistently and then
// held unchanged by its condition.
export function ReadsFirst(props: { entity: string; reads: string[] | undefined }) {
  const reads = props.reads ?? [];
  if (reads.length === 0) return null;
  return (
    <div className="reads-first" title="A rebuilt index key needs these, and the update does not carry them">
      first GetItem of {props.entity} (strongly consistent) for <code>{reads.join(", ")}</code>
    </div>
  );
}
