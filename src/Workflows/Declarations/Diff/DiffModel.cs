using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>
/// A changed short field: <c>field</c> is the JSON name of the form property, <c>label</c> its exact zh-CN label,
/// <c>old</c>/<c>new</c> the values as shown to users (null when empty). Amounts also carry the exact 元 values.
/// </summary>
public sealed record FieldChange(
    string Field,
    string Label,
    string? Old,
    string? New,
    decimal? OldAmountYuan = null,
    decimal? NewAmountYuan = null);

/// <summary>A changed long text as a sequence of spans; equal + deleted spans read the old text, equal + inserted the new.</summary>
public sealed record TextChange(string Field, string Label, IReadOnlyList<TextSpan> Spans);

[JsonConverter(typeof(JsonStringEnumConverter<TextSpanKind>))]
public enum TextSpanKind
{
    [JsonStringEnumMemberName("equal")] Equal,
    [JsonStringEnumMemberName("deleted")] Deleted,
    [JsonStringEnumMemberName("inserted")] Inserted,
}

/// <summary>A run of text that is unchanged, deleted from the old text, or inserted into the new one.</summary>
public sealed record TextSpan(TextSpanKind Kind, string Text);

[JsonConverter(typeof(JsonStringEnumConverter<IndicatorRowChangeKind>))]
public enum IndicatorRowChangeKind
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("changed")] Changed,
}

/// <summary>The cells of an indicator row as they were (before) or are (after).</summary>
public sealed record IndicatorRowCells(string Name, string Value, string Explanation, bool NotApplicable);

/// <summary>
/// One changed cell of an indicator row: <c>field</c> is <c>name</c>, <c>value</c>, <c>explanation</c> or
/// <c>notApplicable</c>; 指标解释 also comes as spans.
/// </summary>
public sealed record CellChange(
    string Field,
    string Label,
    string? Old,
    string? New,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TextSpan>? Spans = null);

/// <summary>
/// An indicator row added, removed or changed, in its category (一级/二级指标). <c>Name</c> is the 三级指标 now (before, for
/// a removed row); <c>FromIndex</c>/<c>ToIndex</c> are its positions in each form's indicator list.
/// </summary>
public sealed record IndicatorRowChange(
    IndicatorRowChangeKind Kind,
    string Level1,
    string Level2,
    string Name,
    int? FromIndex,
    int? ToIndex,
    IndicatorRowCells? Before,
    IndicatorRowCells? After,
    IReadOnlyList<CellChange> Cells);

/// <summary>The figures every notification shows: 本年度项目金额 before and after, in 万元 (exact, unrounded).</summary>
public sealed record KeyFigures(decimal? CurrentYearAmountWanYuanBefore, decimal? CurrentYearAmountWanYuanAfter)
{
    /// <summary>After − before in 万元; null when either side is missing.</summary>
    public decimal? CurrentYearAmountWanYuanDelta => CurrentYearAmountWanYuanAfter - CurrentYearAmountWanYuanBefore;
}
