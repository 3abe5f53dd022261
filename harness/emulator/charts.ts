import type { GridArea } from "./a1.ts";
import {
  CHART_TYPES,
  type ChartDraft,
  type ChartRange,
  type ChartRecord,
  type ChartTypeName,
  copyDraft,
  DEFAULT_ANCHOR,
  sameRange,
} from "./chart-model.ts";
import { enumName, enumOf } from "./enums.ts";
import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import type { ServiceMethod, ServiceObject } from "./service-binder.ts";
import {
  documentCapability,
  integerArgument,
  type SpreadsheetObjects,
  signatureMismatch,
} from "./spreadsheet-common.ts";
import { SheetModel } from "./spreadsheet-model.ts";
import { copyOut } from "./values.ts";

/**
 * Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → build() → insertChart, and later
 * getCharts()[i].modify()...build() → updateChart. The add-on keeps one line chart on its Summary
 * sheet; the model records what was inserted (SheetModel.charts). Nothing is drawn.
 */

const CHART_TYPE = "ChartType";

/** as*Chart() returns a typed builder: the same methods plus titles (names as the platform counts them). */
const TYPED_BUILDERS: Partial<Record<ChartTypeName, string>> = {
  LINE: "EmbeddedLineChartBuilder",
  COLUMN: "EmbeddedColumnChartBuilder",
  AREA: "EmbeddedAreaChartBuilder",
};

/** The state behind an EmbeddedChart object, told apart from other objects the script might pass. */
class BuiltChart {
  constructor(readonly draft: ChartDraft) {}
}

function emptyDraft(): ChartDraft {
  return { id: null, type: null, ranges: [], options: {}, anchor: { ...DEFAULT_ANCHOR }, numHeaders: null };
}

function rangeArgument(env: ServiceEnv, value: unknown, method: string): ChartRange {
  const state = env.bind.stateOf<{ sheet?: unknown; area?: GridArea }>(value);
  if (!(state?.sheet instanceof SheetModel) || !state.area) throw signatureMismatch(method, [value]);
  return { sheet: state.sheet, area: { ...state.area } };
}

function stringArgument(value: unknown, method: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw signatureMismatch(method, [value]);
}

function bindBuilder(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  draft: ChartDraft,
  className = "EmbeddedChartBuilder",
): ServiceObject {
  const { realm } = env;
  const method = (name: string) => `${className}.${name}`;
  const change = (apply: () => void) => {
    apply();
    return self;
  };
  const as = (type: ChartTypeName) => () => {
    draft.type = type;
    return bindBuilder(env, objects, draft, TYPED_BUILDERS[type]);
  };
  const titles: Record<string, ServiceMethod> = {
    setTitle: (title: unknown) =>
      change(() => {
        draft.options.title = stringArgument(title, method("setTitle"));
      }),
    setXAxisTitle: (title: unknown) =>
      change(() => {
        draft.options["hAxis.title"] = stringArgument(title, method("setXAxisTitle"));
      }),
    setYAxisTitle: (title: unknown) =>
      change(() => {
        draft.options["vAxis.title"] = stringArgument(title, method("setYAxisTitle"));
      }),
    setColors: (colors: unknown) =>
      change(() => {
        if (!Array.isArray(colors)) throw signatureMismatch(method("setColors"), [colors]);
        draft.options.colors = colors.map((color) => String(color));
      }),
  };
  const self: ServiceObject = env.bind.object(
    className,
    {
      asLineChart: as("LINE"),
      asColumnChart: as("COLUMN"),
      asAreaChart: as("AREA"),
      setChartType: (type: unknown) =>
        change(() => {
          const name = enumName(type, CHART_TYPE);
          if (name === undefined) throw signatureMismatch(method("setChartType"), [type]);
          draft.type = name as ChartTypeName;
        }),
      getChartType: () => (draft.type ? enumOf(realm, CHART_TYPE, CHART_TYPES)[draft.type] : null),
      // "Does not add the range if it has already been added to the chart."
      addRange: (range: unknown) =>
        change(() => {
          const added = rangeArgument(env, range, method("addRange"));
          if (!draft.ranges.some((existing) => sameRange(existing, added))) draft.ranges.push(added);
        }),
      removeRange: (range: unknown) =>
        change(() => {
          const removed = rangeArgument(env, range, method("removeRange"));
          draft.ranges = draft.ranges.filter((existing) => !sameRange(existing, removed));
        }),
      clearRanges: () =>
        change(() => {
          draft.ranges = [];
        }),
      getRanges: () => realm.arrayOf(draft.ranges.map((range) => objects.range(range.sheet, range.area))),
      setPosition: (...args: unknown[]) =>
        change(() => {
          if (args.length !== 4) throw signatureMismatch(method("setPosition"), args);
          const [row, column, offsetX, offsetY] = args.map((arg) =>
            integerArgument(arg, method("setPosition"), args),
          ) as [number, number, number, number];
          draft.anchor = { row, column, offsetX, offsetY };
        }),
      setOption: (option: unknown, value: unknown) =>
        change(() => {
          draft.options[stringArgument(option, method("setOption"))] = copyOut(value);
        }),
      setNumHeaders: (headers: unknown) =>
        change(() => {
          draft.numHeaders = integerArgument(headers, method("setNumHeaders"), [headers]);
        }),
      ...(className === "EmbeddedChartBuilder" ? {} : titles),
      build: () => {
        if (draft.type === null)
          throw new PlatformError("The chart type must be set before the chart is built.");
        return bindChart(env, objects, new BuiltChart(copyDraft(draft)));
      },
    },
    { capability: "always", state: draft },
  );
  return self;
}

function bindChart(env: ServiceEnv, objects: SpreadsheetObjects, built: BuiltChart): ServiceObject {
  const { bind, realm } = env;
  const { draft } = built;
  return bind.object(
    "EmbeddedChart",
    {
      getChartId: () => draft.id,
      getId: () => (draft.id === null ? null : `chart-${draft.id}`),
      getRanges: () => realm.arrayOf(draft.ranges.map((range) => objects.range(range.sheet, range.area))),
      getOptions: () => {
        const get = (option: unknown) => {
          const key = String(option);
          return key in draft.options ? realm.copyIn(draft.options[key]) : null;
        };
        return bind.object("ChartOptions", { get, getOrDefault: get }, { capability: documentCapability });
      },
      getContainerInfo: () =>
        bind.object(
          "ContainerInfo",
          {
            getAnchorRow: () => draft.anchor.row,
            getAnchorColumn: () => draft.anchor.column,
            getOffsetX: () => draft.anchor.offsetX,
            getOffsetY: () => draft.anchor.offsetY,
          },
          { capability: documentCapability },
        ),
      // A builder prefilled from the chart, keeping its id so updateChart replaces it.
      modify: () => bindBuilder(env, objects, copyDraft(draft)),
    },
    { capability: documentCapability, state: built },
  );
}

function builtArgument(env: ServiceEnv, value: unknown, method: string): BuiltChart {
  const built = env.bind.stateOf<unknown>(value);
  if (!(built instanceof BuiltChart)) throw signatureMismatch(method, [value]);
  return built;
}

function toRecord(draft: ChartDraft, id: number): ChartRecord {
  const copy = copyDraft(draft);
  return { ...copy, id, type: copy.type as ChartTypeName };
}

/** Sheet.newChart, insertChart, updateChart, removeChart and getCharts for one sheet. */
export function chartMethods(
  env: ServiceEnv,
  objects: SpreadsheetObjects,
  sheet: SheetModel,
): Record<string, ServiceMethod> {
  const model = env.world.spreadsheet;
  const indexOnSheet = (built: BuiltChart): number => {
    const index =
      built.draft.id === null ? -1 : sheet.charts.findIndex((chart) => chart.id === built.draft.id);
    if (index === -1) {
      throw new PlatformError(
        built.draft.id === null
          ? "Invalid argument: chart. The chart has not been inserted into a sheet."
          : `Invalid argument: chart. There is no chart with ID ${built.draft.id} on sheet "${sheet.name}".`,
      );
    }
    return index;
  };
  return {
    newChart: () => bindBuilder(env, objects, emptyDraft()),
    // Every insert adds a chart with a new id, even of a chart already in the document.
    insertChart: (chart: unknown) => {
      const built = builtArgument(env, chart, "Sheet.insertChart");
      const id = model.newObjectId();
      sheet.charts.push(toRecord(built.draft, id));
      built.draft.id = id;
    },
    updateChart: (chart: unknown) => {
      const built = builtArgument(env, chart, "Sheet.updateChart");
      const index = indexOnSheet(built);
      sheet.charts[index] = toRecord(built.draft, built.draft.id as number);
    },
    removeChart: (chart: unknown) => {
      const built = builtArgument(env, chart, "Sheet.removeChart");
      sheet.charts.splice(indexOnSheet(built), 1);
    },
    getCharts: () =>
      env.realm.arrayOf(
        sheet.charts.map((record) => bindChart(env, objects, new BuiltChart(copyDraft(record)))),
      ),
  };
}
