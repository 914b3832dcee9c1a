// What the design costs a month at the model's rates, on demand and
// provisioned, and where the capacity goes: per pattern and per index.
import type { CostReport } from "../../generated/types";
import { amount, dollars } from "./numbers";

export function CostSummary(props: { cost: CostReport }) {
  const c = props.cost;
  const m = c.monthly;
  return (
    <div data-testid="cost">
      <dl className="cost-totals">
        <div>
          <dt>On demand</dt>
          <dd data-testid="on-demand-total">{dollars(m.on_demand_total)} / month</dd>
          <dd className="muted">
            reads {dollars(m.on_demand_reads)}, writes {dollars(m.on_demand_writes)}, storage {dollars(m.storage)}
          </dd>
        </div>
        <div>
          <dt>Provisioned</dt>
          <dd data-testid="provisioned-total">{dollars(m.provisioned_total)} / month</dd>
          <dd className="muted">
            reads {dollars(m.provisioned_reads)}, writes {dollars(m.provisioned_writes)}, storage {dollars(m.storage)}
          </dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd>{amount(c.storage_gib)} GiB</dd>
          <dd className="muted">table and indexes</dd>
        </div>
        <div>
          <dt>Peak</dt>
          <dd>{amount(c.peak_read_units)} read units/s</dd>
          <dd>{amount(c.peak_write_units)} write units/s</dd>
        </div>
      </dl>
      <p className="hint">
        Prices for {c.region} as of {c.prices_as_of}. Monthly figures assume the average rate is{" "}
        {amount(c.average_to_peak)} × the peak.
      </p>
      {c.warnings.length > 0 && (
        <ul className="cost-warnings">
          {c.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <h3>Per access pattern</h3>
      <table className="design-table numbers">
        <thead>
          <tr>
            <th>Pattern</th>
            <th>Name</th>
            <th className="number">Peak rate/s</th>
            <th className="number">Read units/request</th>
            <th className="number">Write units/request</th>
            <th className="number">Peak read units/s</th>
            <th className="number">Peak write units/s</th>
            <th className="number">On demand/month</th>
          </tr>
        </thead>
        <tbody>
          {c.patterns.map((p) => (
            <tr key={p.pattern} data-testid={`cost-${p.pattern}`}>
              <th scope="row">{p.pattern}</th>
              <td>{p.name}</td>
              <td className="number">{amount(p.peak_rate)}</td>
              <td className="number">{amount(p.read_units_per_request)}</td>
              <td className="number">{amount(p.write_units_per_request)}</td>
              <td className="number">{amount(p.peak_read_units)}</td>
              <td className="number">{amount(p.peak_write_units)}</td>
              <td className="number">{dollars(p.monthly_on_demand)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.indexes.length > 0 && (
        <>
          <h3>Per index</h3>
          <p className="hint">Every item an index holds is stored again and costs a write when it changes.</p>
          <table className="design-table numbers">
            <thead>
              <tr>
                <th>Index</th>
                <th className="number">Storage GiB</th>
                <th className="number">Peak write units/s</th>
              </tr>
            </thead>
            <tbody>
              {c.indexes.map((ix) => (
                <tr key={ix.index}>
                  <th scope="row">{ix.index}</th>
                  <td className="number">{amount(ix.storage_gib)}</td>
                  <td className="number">{amount(ix.peak_write_units)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
