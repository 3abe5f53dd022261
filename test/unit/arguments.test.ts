// Custom-function argument validation: the exact messages a user sees in the #ERROR! tooltip.
import { describe, expect, it } from "vitest";
import { idGrid, parseDays, parseDimension, parseIds, uniqueIds } from "../../src/functions/arguments.ts";

describe("parseDays", () => {
  it("defaults a blank or omitted days to 30", () => {
    expect(parseDays(undefined)).toBe(30);
    expect(parseDays("")).toBe(30);
  });

  it("accepts whole numbers 1-365, also typed as text", () => {
    expect(parseDays(1)).toBe(1);
    expect(parseDays(365)).toBe(365);
    expect(parseDays(" 7 ")).toBe(7);
  });

  it.each([
    [0, "0"],
    [366, "366"],
    [2.5, "2.5"],
    ["abc", '"abc"'],
    [true, "true"],
    [[[7]], "a range"],
    [-3, "-3"],
  ])("refuses %j naming days and the range", (input, shown) => {
    expect(() => parseDays(input)).toThrow(
      `days must be a whole number from 1 to 365; ${shown} is not. Leave it blank for 30.`,
    );
  });
});

describe("parseIds", () => {
  it("takes one id, trimmed", () => {
    expect(parseIds("  abc123  ")).toEqual(["abc123"]);
  });

  it("reads a range in reading order, skipping blank cells", () => {
    expect(
      parseIds([
        ["a", ""],
        ["", "b"],
        ["c", "   "],
      ]),
    ).toEqual(["a", "b", "c"]);
  });

  it("turns an all-digit id that Sheets made a number back into text", () => {
    expect(parseIds(123456)).toEqual(["123456"]);
  });

  it("says what to do when every cell is blank", () => {
    const message = "id is blank: give a code's id (as listed by =OPENQR_CODES()) or a range of ids.";
    expect(() => parseIds("")).toThrow(message);
    expect(() => parseIds([[""], [""]])).toThrow(message);
    expect(() => parseIds(undefined)).toThrow(message);
  });

  it("refuses dates and booleans as ids", () => {
    expect(() => parseIds(new Date())).toThrow(
      "id must be a code's id as text, or a range of them; a date is not an id. Get ids from =OPENQR_CODES().",
    );
    expect(() => parseIds([[true]])).toThrow("true is not an id");
  });

  it("caps one formula at 100 ids", () => {
    const range = Array.from({ length: 201 }, (_, i) => [`id${i}`]);
    expect(() => parseIds(range)).toThrow(
      "id holds 201 ids; one formula takes at most 200. Split the range across several formulas.",
    );
  });

  it("keeps the input's shape with blanks as null for OPENQR_TOTAL", () => {
    expect(idGrid([["a"], [""], ["b"]])).toEqual([["a"], [null], ["b"]]);
    expect(idGrid("a")).toEqual([["a"]]);
  });

  it("dedupes keeping first occurrences", () => {
    expect(uniqueIds(["b", "a", "b"])).toEqual(["b", "a"]);
  });
});

describe("parseDimension", () => {
  it("accepts the three dimensions in any case", () => {
    expect(parseDimension("Country")).toBe("country");
    expect(parseDimension(" DEVICE ")).toBe("device");
    expect(parseDimension("referrer")).toBe("referrer");
  });

  it("lists the three when given anything else", () => {
    expect(() => parseDimension("city")).toThrow(
      'dimension must be "country", "device" or "referrer"; "city" is not.',
    );
    expect(() => parseDimension("")).toThrow(
      'dimension must be "country", "device" or "referrer"; it is blank.',
    );
  });
});
