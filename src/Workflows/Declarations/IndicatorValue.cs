using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Declarations;

[JsonConverter(typeof(JsonStringEnumConverter<IndicatorValueKind>))]
public enum IndicatorValueKind
{
    [JsonStringEnumMemberName("na")] NotApplicable,
    [JsonStringEnumMemberName("quant")] Quantitative,
    [JsonStringEnumMemberName("qual")] Qualitative,
    /// <summary>A target relative to an earlier period (高于上年, 较上年增长10%): valid, measured against last year.</summary>
    [JsonStringEnumMemberName("relative")] Relative,
    /// <summary>A date or deadline (2024年12月底前完成): a timeliness target.</summary>
    [JsonStringEnumMemberName("deadline")] Deadline,
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
    /// <summary>A range (90%-95%, 3~5天): <c>Number</c> is the lower end, <c>UpperNumber</c> the upper.</summary>
    [JsonStringEnumMemberName("BETWEEN")] Between,
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
    /// <summary>A score (≥90分): a quality measure, not a count.</summary>
    [JsonStringEnumMemberName("score")] Score,
}

/// <summary>
/// A parsed 指标值: <c>{ kind, op, number, unit, unitClass }</c> (docs/rules.md, 指标值 grammar). Qualitative, relative and
/// deadline values carry their normalised text in <see cref="Text"/>; a relative one may carry a change (较上年增长10%:
/// GE 10 %); a malformed value says why in <see cref="Problem"/>.
/// </summary>
public sealed record IndicatorValue(
    IndicatorValueKind Kind,
    Comparison? Op,
    decimal? Number,
    string? Unit,
    UnitClass UnitClass,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? UpperNumber = null);
