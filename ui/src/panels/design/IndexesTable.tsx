// The table's primary key, then every secondary index with why it exists.
import type { Design, KeyAttribute } from "../../generated/types";
import { ProjectionPin } from "./ProjectionPin";
import { TechniqueBadges } from "./TechniqueBadges";

export function IndexesTable(props: { design: Design }) {
  const { table, gsis, lsis } = props.design;
  const secondary = [...gsis.map((index) => ({ kind: "GSI", index })), ...lsis.map((index) => ({ kind: "LSI", index }))];
  return (
    <table className="design-table" data-testid="indexes">
      <thead>
        <tr>
          <th>Index</th>
          <th>Partition key</th>
          <th>Sort key</th>
          <th>Projection</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">
            table <span className="muted">{table.name}</span>
          </th>
          <td><KeyName attribute={table.partition_key} /></td>
          <td><KeyName attribute={table.sort_key} /></td>
          <td>ALL</td>
          <td className="muted">Every item's identity: items sharing the partition key form an item collection.</td>
        </tr>
        {secondary.map(({ kind, index }) => (
          <tr key={index.name} data-testid={`index-${index.name}`}>
            <th scope="row">
              {index.name} <span className="badge">{kind}</span>
              {index.deployed_name !== undefined && (
                <div className="muted" title="The name DynamoDB knows the index by">
                  deployed as <code>{index.deployed_name}</code>
                </div>
              )}
            </th>
            <td><KeyName attribute={index.partition_key} /></td>
            <td><KeyName attribute={index.sort_key} /></td>
            <td>
              <ProjectionPin index={index.name} projection={index.projection} />
            </td>
            <td>
              <TechniqueBadges techniques={index.techniques} /> {index.explanation}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KeyName(props: { attribute: KeyAttribute }) {
  return (
    <>
      <code>{props.attribute.name}</code> <span className="muted">{props.attribute.type}</span>
    </>
  );
}
