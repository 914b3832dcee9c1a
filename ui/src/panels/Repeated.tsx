// Which list a transaction's action is repeated over, where it is.
import type { ForEach } from "../generated/types";

export function Repeated(props: { forEach: ForEach | undefined }) {
  const each = props.forEach;
  if (!each) return null;
  return (
    <span className="repeated">
      {" "}once per element of <code>{each.list}</code>, at most {each.at_most}
    </span>
  );
}
