// Deploying the design to a real table, on DynamoDB Local or in an AWS account:
// the target and table, then the plan as a diff (destructive steps in red, each
// with why), applied with progress; anything destructive needs the table's name
// typed. Then the live table, refreshable. Credentials never pass through here:
// the backend uses the AWS SDK's credential chain.
import "./deploy.css";

import { useEffect, useState } from "react";

import { asFailure } from "../api";
import type {
  AwsProfile,
  ProveReport,
  DeployEvent,
  DeployOutcome,
  DeployPlanView,
  DeployRequest,
  DeployTarget,
  Failure,
  TableState,
} from "../generated/types";
import { ProofTable, proofStanding } from "../panels/ProofTable";
import { useStudio } from "../state/studio";
import { Modal } from "./Modal";

type Kind = DeployTarget["kind"];

export function DeployDialog(props: { onClose: () => void }) {
  const { api, doc } = useStudio();
  const [profiles, setProfiles] = useState<AwsProfile[]>([]);
  const [kind, setKind] = useState<Kind>("local");
  const [endpoint, setEndpoint] = useState("");
  const [profile, setProfile] = useState("");
  const [region, setRegion] = useState("");
  const [table, setTable] = useState(doc.model.table.name);
  const [plan, setPlan] = useState<DeployPlanView | null>(null);
  const [confirmation, setConfirmation] = useState("");
  const [seed, setSeed] = useState(false);
  const [seedItems, setSeedItems] = useState("20");
  const [busy, setBusy] = useState<"planning" | "applying" | "refreshing" | null>(null);
  const [log, setLog] = useState<string[]>([]);
  const [waiting, setWaiting] = useState<string | null>(null);
  const [seeding, setSeeding] = useState<{ written: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<DeployOutcome | null>(null);
  /** Items per entity the last apply seeded, for proving on the table after. */
  const [seededItems, setSeededItems] = useState<number | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    void api.deploySetup().then((setup) => {
      setProfiles(setup.profiles);
      const { target } = setup.request;
      setKind(target.kind);
      if (target.kind === "local") setEndpoint(target.endpoint);
      else {
        setProfile(target.profile ?? "");
        setRegion(target.region ?? "");
      }
      setTable(setup.request.table);
    }, (e: unknown) => { setFailure(asFailure(e)); });
  }, [api]);

  const request = (): DeployRequest => ({
    target:
      kind === "local"
        ? { kind: "local", endpoint: endpoint.trim() }
        : { kind: "aws", profile: profile || null, region: region.trim() || null },
    table: table.trim(),
  });
  /** A new target or table makes the plan shown no longer the plan. */
  const changed = <T,>(set: (v: T) => void) => (value: T) => {
    set(value);
    setPlan(null);
    setOutcome(null);
    setConfirmation("");
  };

  const hasDesign = doc.analysis.design !== null;
  const items = Number(seedItems);
  const itemsValid = !seed || (Number.isInteger(items) && items >= 1 && items <= 200);
  const destroys = plan?.changes.some((c) => c.destroys !== null) ?? false;
  const confirmed = !destroys || confirmation === plan?.table;
  const canPlan = hasDesign && table.trim() !== "" && (kind === "aws" || endpoint.trim() !== "") && busy === null;
  const canApply =
    plan !== null && plan.changes.length + (seed ? 1 : 0) > 0 && plan.refused === null && confirmed && itemsValid && busy === null;

  const showPlan = async () => {
    setBusy("planning");
    setFailure(null);
    setOutcome(null);
    setLog([]);
    try {
      setPlan(await api.planDeploy(request()));
      setConfirmation("");
    } catch (e) {
      setPlan(null);
      setFailure(asFailure(e));
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!plan) return;
    setBusy("applying");
    setFailure(null);
    setLog([]);
    setSeeding(null);
    const onEvent = (e: DeployEvent) => {
      if (e.kind === "seeding") {
        setSeeding({ written: e.written, total: e.total });
        return;
      }
      if (e.event.event === "waiting") {
        setWaiting(e.text);
        return;
      }
      setWaiting(null);
      setLog((lines) => [...lines, e.text]);
    };
    try {
      const result = await api.applyDeploy(
        {
          deploy: request(),
          shown: plan.changes.map((c) => c.text),
          confirmation: destroys ? confirmation : null,
          seed: seed ? items : null,
        },
        onEvent,
      );
      setOutcome(result);
      if (result.seeded !== null) setSeededItems(items);
      setPlan(null);
    } catch (e) {
      setFailure(asFailure(e));
    } finally {
      setWaiting(null);
      setBusy(null);
    }
  };

  const refresh = async () => {
    if (!outcome) return;
    setBusy("refreshing");
    try {
      const table = await api.tableState(request());
      setOutcome({ ...outcome, table });
    } catch (e) {
      setFailure(asFailure(e));
    } finally {
      setBusy(null);
    }
  };

  const selected = profiles.find((p) => p.name === profile);
  return (
    <Modal title="Deploy the design" onClose={busy === "applying" ? () => undefined : props.onClose} wide>
      <div className="deploy-dialog" data-testid="deploy-dialog">
        <fieldset className="deploy-target" disabled={busy !== null}>
          <legend>Where</legend>
          <label className="option">
            <input type="radio" name="deploy-kind" checked={kind === "local"} data-testid="deploy-local"
              onChange={() => { changed(setKind)("local"); }} />
            DynamoDB Local
          </label>
          <label className="option">
            <input type="radio" name="deploy-kind" checked={kind === "aws"} data-testid="deploy-aws"
              onChange={() => { changed(setKind)("aws"); }} />
            AWS account
          </label>
          {kind === "local" ? (
            <label>
              Endpoint
              <input value={endpoint} data-testid="deploy-endpoint" placeholder="http://127.0.0.1:8000"
                onChange={(e) => { changed(setEndpoint)(e.target.value); }} />
            </label>
          ) : (
            <>
              <label>
                Profile
                <select value={profile} data-testid="deploy-profile" onChange={(e) => { changed(setProfile)(e.target.value); }}>
                  <option value="">(the default credential chain)</option>
                  {profiles.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name}
                      {p.sso ? " (SSO)" : ""}
                      {p.endpoint ? ` → ${p.endpoint}` : ""}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Region
                <input value={region} placeholder={selected?.region ?? "the profile's"} data-testid="deploy-region"
                  onChange={(e) => { changed(setRegion)(e.target.value); }} />
              </label>
              {selected?.sso && (
                <p className="hint">
                  An SSO profile: if its session has expired, run <code>aws sso login --profile {selected.name}</code> first.
                </p>
              )}
              {profiles.length === 0 && (
                <p className="hint">
                  No profiles in <code>~/.aws/config</code>: the default chain (environment variables, SSO, instance
                  role) is used.
                </p>
              )}
            </>
          )}
          <label>
            Table
            <input value={table} data-testid="deploy-table" onChange={(e) => { changed(setTable)(e.target.value); }} />
          </label>
        </fieldset>
        {!hasDesign && <p className="hint">The model has problems to fix before it has a design to deploy.</p>}

        {plan && <PlanView plan={plan} />}

        {plan && destroys && plan.refused === null && (
          <label className="deploy-confirm">
            <span>
              Type the table&apos;s name, <code>{plan.table}</code>, to allow the destructive changes
            </span>
            <input value={confirmation} data-testid="deploy-confirmation" disabled={busy !== null}
              onChange={(e) => { setConfirmation(e.target.value); }} />
          </label>
        )}
        {plan && (
          <div className="deploy-seed">
            <label className="option">
              <input type="checkbox" checked={seed} data-testid="deploy-seed" disabled={busy !== null}
                onChange={(e) => { setSeed(e.target.checked); }} />
              Then load the sample data:
            </label>
            <input value={seedItems} inputMode="numeric" aria-label="Sample items per entity" aria-invalid={!itemsValid}
              disabled={!seed || busy !== null} onChange={(e) => { setSeedItems(e.target.value); }} />
            <span className="hint">items per entity (into a new or empty table)</span>
          </div>
        )}

        {(log.length > 0 || waiting || seeding) && (
          <section className="deploy-progress" aria-label="Progress" data-testid="deploy-progress">
            {log.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
            {waiting && <div className="waiting" role="status">{waiting}</div>}
            {seeding && (
              <div>
                Loading the sample: <progress value={seeding.written} max={seeding.total} /> {seeding.written} of{" "}
                {seeding.total} items
              </div>
            )}
          </section>
        )}
        {failure && (
          <p className="deploy-failure" role="alert" data-testid="deploy-failure">
            {failure.message}
          </p>
        )}
        {outcome && <Outcome outcome={outcome} />}
        {outcome?.table && <LiveProof request={request()} seededItems={seededItems} />}

        <div className="buttons">
          {busy === "applying" ? (
            <button type="button" data-testid="deploy-cancel" onClick={() => void api.cancelDeploy()}>
              Cancel after this step
            </button>
          ) : (
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          )}
          {outcome && (
            <button type="button" data-testid="deploy-refresh" disabled={busy !== null} onClick={() => void refresh()}>
              {busy === "refreshing" ? "Refreshing…" : "Refresh"}
            </button>
          )}
          <button type="button" className={plan ? "" : "primary"} data-testid="deploy-plan" disabled={!canPlan}
            onClick={() => void showPlan()}>
            {busy === "planning" ? "Reading the table…" : plan ? "Plan again" : "Show the plan"}
          </button>
          {plan && (
            <button type="button" className={destroys ? "primary destructive" : "primary"} data-testid="deploy-apply"
              disabled={!canApply} onClick={() => void apply()}>
              {busy === "applying" ? "Applying…" : applyLabel(plan, seed)}
            </button>
          )}
        </div>
      </div>
    </Modal>
  );
}

function PlanView({ plan }: { plan: DeployPlanView }) {
  return (
    <section className="deploy-plan" aria-label="Plan" data-testid="deploy-plan-view">
      <p className="place">
        Table <code>{plan.table}</code> at {plan.place}: {plan.exists ? "exists" : "does not exist yet"}.
      </p>
      {plan.changes.length === 0 ? (
        <p className="no-changes" data-testid="deploy-no-changes">
          {plan.warnings.length === 0
            ? "No changes: the table matches the design."
            : "No changes to the table's definition, but its items do not match the design:"}
        </p>
      ) : (
        <ol className="changes">
          {plan.changes.map((c, i) => (
            <li key={i} className={c.destroys ? "destroys" : ""} data-testid="deploy-change">
              <pre>{c.text}</pre>
              {c.destroys && <p className="why">Destroys data: {c.destroys}</p>}
            </li>
          ))}
        </ol>
      )}
      {plan.notes.map((n, i) => (
        <p key={i} className="hint">
          {n}
        </p>
      ))}
      {plan.warnings.map((w, i) => (
        <p key={i} className="deploy-warning" role="status" data-testid="deploy-warning">
          {w}
        </p>
      ))}
      {plan.refused && (
        <p className="deploy-failure" role="alert">
          Cannot be applied: {plan.refused}
        </p>
      )}
    </section>
  );
}

function Outcome({ outcome }: { outcome: DeployOutcome }) {
  const table = outcome.table;
  return (
    <section className="deploy-outcome" data-testid="deploy-outcome">
      {table ? <LiveTable state={table} place={outcome.place} /> : <p>The table is not there any more.</p>}
      {outcome.seeded !== null && <p>{outcome.seeded} sample items loaded.</p>}
    </section>
  );
}

function LiveTable({ state, place }: { state: TableState; place: string }) {
  return (
    <div className="live-table" data-testid="live-table">
      <p>
        Table <code>{state.name}</code> at {place}: <strong data-testid="live-status">{state.status}</strong>,{" "}
        {state.items} items, {state.bytes} bytes
      </p>
      {state.indexes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Index</th>
              <th>Status</th>
              <th>Items</th>
            </tr>
          </thead>
          <tbody>
            {state.indexes.map((i) => (
              <tr key={i.name}>
                <td>
                  <code>{i.name}</code>
                </td>
                <td>
                  {i.status}
                  {i.backfilling ? " (backfilling)" : ""}
                </td>
                <td className="number">{i.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">AWS refreshes item counts about every six hours; DynamoDB Local at once.</p>
    </div>
  );
}

/** The design proven on the deployed table: its reads, and its writes if asked. */
function LiveProof(props: { request: DeployRequest; seededItems: number | null }) {
  const { api } = useStudio();
  const [items, setItems] = useState(String(props.seededItems ?? 20));
  const [writes, setWrites] = useState(false);
  const [proving, setProving] = useState(false);
  const [report, setReport] = useState<ProveReport | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const count = Number(items);
  const valid = Number.isInteger(count) && count >= 1 && count <= 200;
  const prove = async () => {
    setProving(true);
    setFailure(null);
    try {
      setReport(await api.proveTable({ deploy: props.request, items: count, trials: 3, writes }));
    } catch (e) {
      setReport(null);
      setFailure(asFailure(e));
    } finally {
      setProving(false);
    }
  };
  return (
    <section className="live-proof" aria-label="Prove on this table" data-testid="live-proof">
      <div className="deploy-seed">
        <span>Prove the design on this table, seeded with</span>
        <input value={items} inputMode="numeric" aria-label="Items per entity the table holds" aria-invalid={!valid}
          onChange={(e) => { setItems(e.target.value); }} />
        <span>items per entity;</span>
        <label className="option">
          <input type="checkbox" checked={writes} data-testid="live-proof-writes" onChange={(e) => { setWrites(e.target.checked); }} />
          also run the writes (each is undone after)
        </label>
        <button type="button" data-testid="live-proof-run" disabled={!valid || proving} onClick={() => void prove()}>
          {proving ? "Proving…" : "Prove"}
        </button>
      </div>
      {failure && (
        <p className="deploy-failure" role="alert">
          {failure.message}
        </p>
      )}
      {report && (
        <>
          <p className={`live-proof-summary ${proofStanding(report)}`} data-testid="live-proof-summary">
            On {report.table}: {report.summary}
          </p>
          <ProofTable report={report} />
        </>
      )}
    </section>
  );
}

function applyLabel(plan: DeployPlanView, seed: boolean): string {
  const n = plan.changes.length;
  if (n === 0) return seed ? "Load the sample" : "Nothing to apply";
  return `Apply ${n} change${n === 1 ? "" : "s"}`;
}
