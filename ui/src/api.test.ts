import { describe, expect, it } from "vitest";
import { asFailure } from "./api";

describe("asFailure", () => {
  it("passes the backend's failure through as it came", () => {
    const invalid = { message: "bad", path: "/m.json", kind: "invalid", diagnostics: [] };
    expect(asFailure(invalid)).toBe(invalid);
    const choose = { message: "which", path: "/t.yaml", kind: "choose_table", tables: ["A", "B"] };
    expect(asFailure(choose)).toBe(choose);
  });

  it("reads anything else, or a failure missing what its kind carries, as an other failure", () => {
    expect(asFailure(new Error("webview"))).toEqual({ message: "webview", path: null, kind: "other" });
    expect(asFailure("thrown")).toEqual({ message: "thrown", path: null, kind: "other" });
    expect(asFailure({ message: "odd", kind: "mystery" })).toEqual({ message: "odd", path: null, kind: "other" });
    expect(asFailure({ message: "no list", kind: "invalid" })).toEqual({ message: "no list", path: null, kind: "other" });
  });
});
