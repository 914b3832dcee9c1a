// Proving the design on a real DynamoDB: a scratch table made from the design,
// the sample data loaded, every access pattern run and its answer checked
// against the model; then the table is deleted. Nothing the user owns is touched.
import "./prove.css";

import { useState } from "react";

import { asFailure } from "../api";
import type { Failure, ScratchProof } from "../generated/types";
import { useStudio } from "../state/studio";
import { ProofTable, proofStanding } from "./ProofTable";

interface Outcome {
  scratchProof: ScratchProof;
  endpoint: string;
  /** The model's revision the proof ran on. */
  revision: number;
}

export function ProveView() {
  const { api, doc, dynamodbEndpoint } = useStudio();
  const [endpoint, setEndpoint] = useState(dynamodbEndpoint);
  const [items, setItems] = useState("20");
  const [trials, setTrials] = useState("3");
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const itemCount = Number(items);
  const trialCount = Number(trials);
  const itemsValid = Number.isInteger(itemCount) && itemCount >= 1 && itemCount <= 200;
  const trialsValid = Number.isInteger(trialCount) && trialCount >= 1 && trialCount <= 20;
  const hasDesign = doc.analysis.design !== null;
  const canRun = hasDesign && itemsValid && trialsValid && endpoint.trim() !== "" && !running;

  const run = async () => {
    setRunning(true);
    setFailure(null);
    const revision = doc.revision;
    try {
      const scratchProof = await api.proveDesign({ endpoint: endpoint.trim(), items: itemCount, trials: trialCount });
      setOutcome({ scratchProof, endpoint: endpoint.trim(), revision });
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="prove-view" data-testid="prove-view">
      <header>
        <h2>Prove the design on DynamoDB</h2>
        <p className="hint">
          A scratch table is created from the design at the endpoint, loaded with the sample data, and every access
          pattern is run and its answer checked against what the model says it must return. The table is deleted
          afterwards; no other table is touched. Any DynamoDB Local will do (Amazon&apos;s, or the one NoSQL Workbench
          starts); the endpoint comes from <code>AWS_ENDPOINT_URL_DYNAMODB</code> when the app is started with it.
        </p>
        <form
          className="prove-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canRun) void run();
          }}
        >
          <label>
            Endpoint
            <input value={endpoint} data-testid="prove-endpoint" onChange={(e) => { setEndpoint(e.target.value); }} />
          </label>
          <label>
            Items per entity
            <input value={items} inputMode="numeric" aria-invalid={!itemsValid} onChange={(e) => { setItems(e.target.value); }} />
          </label>
          <label>
            Parameter draws per read
            <input value={trials} inputMode="numeric" aria-invalid={!trialsValid} onChange={(e) => { setTrials(e.target.value); }} />
          </label>
          <button type="submit" className="primary" disabled={!canRun} data-testid="prove-run">
            {running ? "Proving…" : "Prove"}
          </button>
        </form>
        {!hasDesign && <p className="hint">The model has problems to fix before it has a design to prove.</p>}
      </header>
      {running && (
        <p className="running" role="status">
          Creating the table, loading {itemCount} items of each entity, running {doc.analysis.design?.plans.length ?? 0}{" "}
          access patterns…
        </p>
      )}
      {failure && (
        <p className="prove-failure" role="alert" data-testid="prove-failure">
          {failure.message}
        </p>
      )}
      {outcome && <ProofReport outcome={outcome} stale={outcome.revision !== doc.revision} />}
    </div>
  );
}

function ProofReport({ outcome, stale }: { outcome: Outcome; stale: boolean }) {
  const { scratchProof, endpoint } = outcome;
  return (
    <section className="proof" data-testid="proof">
      <p className={`summary ${proofStanding(scratchProof.proof)}`} data-testid="proof-summary">
        On {endpoint}: {scratchProof.proof.summary}
      </p>
      <p className="hint">
        Table {scratchProof.table} created in {scratchProof.create_seconds.toFixed(1)} s, {scratchProof.items} items loaded in{" "}
        {scratchProof.seed_seconds.toFixed(1)} s, every pattern run in {scratchProof.prove_seconds.toFixed(1)} s, then deleted.
      </p>
      {scratchProof.left_behind && (
        <p className="prove-failure" role="alert">
          The scratch table {scratchProof.table} could not be deleted: {scratchProof.left_behind}
        </p>
      )}
      {stale && <p className="stale">The model has changed since: prove again to check the current design.</p>}
      <ProofTable report={scratchProof.proof} />
    </section>
  );
}
