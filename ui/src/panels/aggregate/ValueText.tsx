// A cell's value, cut to the column's width by CSS; the whole value is its title.
export function ValueText(props: { value: string }) {
  return (
    <span className="cell-value" title={props.value === "" ? undefined : props.value}>
      {props.value}
    </span>
  );
}
