// The key templates the design gives one entity or relationship, with why.
import { useStudio } from "../state/studio";

export function KeysOf(props: { name: string }) {
  const { doc } = useStudio();
  const design = doc.analysis.design;
  if (!design) {
    return (
      <section>
        <h3>Keys</h3>
        <p className="empty">The model has problems to fix before keys are derived.</p>
      </section>
    );
  }
  const keys = design.entities.find((e) => e.name === props.name);
  if (!keys) return null;
  return (
    <section data-testid={`keys-of-${props.name}`}>
      <h3>Keys</h3>
      <table className="keys">
        <tbody>
          {Object.entries(keys.keys).map(([attribute, template]) => (
            <tr key={attribute}>
              <th>{attribute}</th>
              <td>
                <code>{template}</code>
                {keys.sparse?.[attribute] && <span className="badge">sparse</span>}
                {keys.shards?.[attribute] && <span className="badge">{keys.shards[attribute].count} shards</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="explanations">
        {keys.explanation.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
