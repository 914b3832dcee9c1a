import { describe, expect, it } from "vitest";

import type { Model } from "../generated/types";
import { acmeState } from "../test/studio";
import {
  ancestorInputs,
  followable,
  patternTargets,
  relatedEntities,
  relationshipsOf,
  resolveAttribute,
  usableAttributes,
} from "./patterns/attributes";

const acme = acmeState.model;

/** Players befriend players: a many-to-many relationship of an entity with itself. */
const players: Model = {
  format: "tablewright/3",
  name: "players",
  table: { name: "players", billing: { mode: "on_demand" } },
  entities: [
    {
      name: "Player",
      attributes: [
        { name: "playerId", type: "string", identifier: true },
        { name: "nickname", type: "string" },
      ],
    },
  ],
  relationships: [
    {
      name: "Friendship",
      from: "Player",
      to: "Player",
      cardinality: "many_to_many",
      to_role: "friend",
      attributes: [{ name: "since", type: "string", format: "date" }],
    },
    { name: "Dangling", from: "Player", to: "Ghost", cardinality: "one_to_many" },
  ],
};

const names = (model: Model, target: string) => usableAttributes(model, target).map((u) => u.name);

describe("the attributes a pattern can use", () => {
  it("on an entity: its own, then the identifiers of related entities, outgoing relationships first", () => {
    expect(names(acme, "Account")).toEqual([
      "accountNumber",
      "type",
      "balance",
      "lastTransactionNumber",
      "openedOn",
      // Transaction's identifier; its accountNumber is Account's own already.
      "transactionNumber",
      "customerNumber",
    ]);
    const customerNumber = usableAttributes(acme, "Account").find((u) => u.name === "customerNumber");
    expect(customerNumber).toMatchObject({ owner: "Customer", own: false, identifiesItem: false });
    expect(usableAttributes(acme, "Account")[0]).toMatchObject({ owner: "Account", own: true, identifiesItem: true });
  });

  it("on a many-to-many relationship: its data, then the identifiers of both ends", () => {
    expect(names(acme, "CustomerOffer")).toEqual(["sentOn", "channel", "status", "customerNumber", "offerId"]);
    const [sentOn, , , customerNumber, offerId] = usableAttributes(acme, "CustomerOffer");
    expect(sentOn).toMatchObject({ own: true, identifiesItem: false });
    expect(customerNumber).toMatchObject({ owner: "Customer", identifiesItem: true });
    expect(offerId).toMatchObject({ owner: "Offer", identifiesItem: true });
  });

  it("writes the to end's identifier <to_role>.<attr> when the relationship names that end", () => {
    expect(names(players, "Friendship")).toEqual(["since", "playerId", "friend.playerId"]);
    expect(resolveAttribute(players, "Friendship", "friend.playerId")?.name).toBe("playerId");
    expect(resolveAttribute(players, "Friendship", "friend.nickname")).toBeUndefined();
    expect(resolveAttribute(players, "Friendship", "rival.playerId")).toBeUndefined();
  });

  it("resolves names as the engine does, and nothing for what the target cannot use", () => {
    expect(resolveAttribute(acme, "Account", "customerNumber")?.identifier).toBe(true);
    expect(resolveAttribute(acme, "Account", "firstName")).toBeUndefined();
    expect(resolveAttribute(acme, "Transaction", "date")?.format).toBe("date");
    expect(resolveAttribute(acme, "Nowhere", "date")).toBeUndefined();
    expect(usableAttributes(acme, "Nowhere")).toEqual([]);
  });

  it("reaches an ancestor's identifier further up, which the items do not hold, and follows the path down", () => {
    expect(usableAttributes(acme, "Transaction").some((u) => u.name === "customerNumber")).toBe(false);
    const customerNumber = ancestorInputs(acme, "Transaction").find((u) => u.name === "customerNumber");
    expect(customerNumber).toMatchObject({ owner: "Customer", own: false, carried: false });
    expect(followable(acme, "Transaction", ["customerNumber"])).toEqual(["CustomerAccounts.AccountTransactions"]);
    expect(followable(acme, "Transaction", ["accountNumber"])).toEqual([]);
    expect(usableAttributes(acme, "Customer").some((u) => u.name === "transactionNumber")).toBe(false);
  });

  it("counts a relationship of an entity with itself once, and ignores one to an unknown entity", () => {
    expect(relationshipsOf(players, "Player").map((r) => r.name)).toEqual(["Friendship"]);
    expect(names(players, "Player")).toEqual(["playerId", "nickname"]);
  });
});

describe("what a pattern can target and fetch with it", () => {
  it("targets entities and many-to-many relationships", () => {
    expect(patternTargets(acme)).toEqual([
      { name: "Customer", relationship: false },
      { name: "Account", relationship: false },
      { name: "Transaction", relationship: false },
      { name: "Offer", relationship: false },
      { name: "DailyAggregate", relationship: false },
      { name: "CustomerOffer", relationship: true },
    ]);
  });

  it("fetches with the target the entities at the other end of its relationships, never itself", () => {
    expect(relatedEntities(acme, "Customer")).toEqual(["Account", "Offer"]);
    expect(relatedEntities(acme, "Account")).toEqual(["Transaction", "Customer"]);
    expect(relatedEntities(acme, "CustomerOffer")).toEqual([]);
    expect(relatedEntities(players, "Player")).toEqual([]);
  });
});
