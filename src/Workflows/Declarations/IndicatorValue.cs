using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Declarations;

[JsonConverter(typeof(JsonStringEnumConverter<IndicatorValueKind>))]
public enum IndicatorValueKind
{
    [JsonStringEnumMemberName("na")] NotApplicable,
    [JsonStringEnumMemberName("quant")] Quantitative,
    [JsonStringEnumMemberName("qual")] Qualitative,
    [JsonStringEnumMemberName("malformed")] Malformed,
    [JsonStringEnumMemberName("empty")] Empty,
}

[JsonConverter(typeof(JsonStringEnumConverter<Comparison>))]
public enum Comparison
{
    [JsonStringEnumMemberName("EQ")] Equal,
    [JsonStringEnumMemberName("GE")] GreaterOrEqual,
    [JsonStringEnumMemberName("LE")] LessOrEqual,
    [JsonStringEnumMemberName("GT")] Greater,
    [JsonStringEnumMemberName("LT")] Less,
}

[JsonConverter(typeof(JsonStringEnumConverter<UnitClass>))]
public enum UnitClass
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("percent")] Percent,
    [JsonStringEnumMemberName("count")] Count,
    [JsonStringEnumMemberName("time")] Time,
    [JsonStringEnumMemberName("money")] Money,
    [JsonStringEnumMemberName("compound")] Compound,
}

/// <summary>
/// A parsed 指标值: <c>{ kind, op, number, unit, unitClass }</c> (docs/domain.md §2). Qualitative values carry their text in
/// <see cref="Unit"/>-free form via <see cref="Text"/>; a malformed value says why in <see cref="Problem"/>.
/// </summary>
public sealed record IndicatorValue(
    IndicatorValueKind Kind,
    Comparison? Op,
    decimal? Number,
    string? Unit,
    UnitClass UnitClass,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem = null);
