// One request of a plan, with every parameter the application must send.
import type { Request } from "../../generated/types";

export function RequestDetails(props: { request: Request }) {
  const r = props.request;
  return (
    <dl className="request">
      <dt>Operation</dt>
      <dd>
        <strong>{r.operation}</strong> on <strong>{r.index}</strong>
      </dd>
      {r.key_condition !== undefined && (
        <>
          <dt>{r.operation === "Query" ? "Key condition" : "Key"}</dt>
          <dd>
            <code>{r.key_condition}</code>
          </dd>
        </>
      )}
      {r.filter !== undefined && (
        <>
          <dt>Filter</dt>
          <dd>
            <code>{r.filter}</code>
          </dd>
        </>
      )}
      {r.scan_index_forward !== undefined && (
        <>
          <dt>ScanIndexForward</dt>
          <dd>
            <code>{String(r.scan_index_forward)}</code> ({r.scan_index_forward ? "ascending" : "descending"})
          </dd>
        </>
      )}
      {r.limit !== undefined && (
        <>
          <dt>Answer</dt>
          <dd>at most {r.limit} items</dd>
          <dt>Limit</dt>
          <dd>
            {r.page_size === undefined
              ? "none: pages of 1 MB, the filter's share being unknown"
              : r.page_size === r.limit
                ? r.page_size
                : `${r.page_size} a page (counted before the filter)`}
          </dd>
        </>
      )}
      <dt>Consistency</dt>
      <dd>{r.consistency ?? "— (not a read)"}</dd>
      <dt>Count</dt>
      <dd>
        {r.count}
        {r.merge !== undefined && <> — {r.merge}</>}
      </dd>
      {r.uses !== undefined && (
        <>
          <dt>Uses</dt>
          <dd>{r.uses}</dd>
        </>
      )}
    </dl>
  );
}
