using System.Globalization;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

/// <summary>
/// The 指标值 corpus (Corpus/indicator-values.tsv, docs/rules.md): every value the samples use and the common forms of
/// the 共性指标框架, labelled. A valid value parses as listed and draws no error; an invalid one is malformed (error); a
/// vacuous one parses but is refused as INDICATOR_VALUE_VACUOUS.
/// </summary>
public sealed class IndicatorValueCorpusTests : ValidatorTestBase
{
    internal sealed record Entry(int Line, string Raw, string Label, string Kind, string Op, string Number, string Unit, string UnitClass, string Upper);

    internal static IReadOnlyList<Entry> Entries { get; } = Load();

    private static List<Entry> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Declarations", "Corpus", "indicator-values.tsv");
        var entries = new List<Entry>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }
            var c = lines[i].Split('\t');
            entries.Add(new Entry(i + 1, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
        }
        return entries;
    }

    [Fact]
    public void Corpus_HoldsAtLeast300Values_OfEveryKind()
    {
        Assert.True(Entries.Count >= 300, $"only {Entries.Count} values");
        Assert.Equal(Entries.Count, Entries.Select(e => e.Raw).Distinct().Count());
        foreach (var kind in new[] { "quant", "qual", "relative", "deadline", "malformed" })
        {
            Assert.Contains(Entries, e => e.Kind == kind);
        }
    }

    [Fact]
    public void EveryValidValue_ParsesAsLabelled_AndDrawsNoError()
    {
        var wrong = new List<string>();
        foreach (var e in Entries.Where(e => e.Label == "valid"))
        {
            var value = IndicatorValueParser.Parse(e.Raw);
            var got = Describe(value);
            var expected = $"{e.Kind}|{e.Op}|{e.Number}|{e.Unit}|{e.UnitClass}|{e.Upper}";
            if (got != expected)
            {
                wrong.Add($"line {e.Line} “{e.Raw}”: expected {expected}, got {got} {value.Problem}");
                continue;
            }
            var errors = Validate(Valid().WithIndicator("数量指标", "开展活动场次", e.Raw)).Where(f => f.Severity == Severity.Error).ToList();
            if (errors.Count > 0)
            {
                wrong.Add($"line {e.Line} “{e.Raw}”: {string.Join("; ", errors.Select(f => f.Rule))}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void EveryInvalidValue_IsAnError()
    {
        var wrong = new List<string>();
        foreach (var e in Entries.Where(e => e.Label is "invalid" or "vacuous"))
        {
            var rule = e.Label == "invalid" ? RuleIds.IndicatorValueMalformed : RuleIds.IndicatorValueVacuous;
            var findings = Validate(Valid().WithIndicator("数量指标", "开展活动场次", e.Raw));
            if (!findings.Any(f => f.Rule == rule && f.Severity == Severity.Error))
            {
                wrong.Add($"line {e.Line} “{e.Raw}”: no {rule}, parsed {Describe(IndicatorValueParser.Parse(e.Raw))}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string Describe(IndicatorValue v)
    {
        var kind = v.Kind switch
        {
            IndicatorValueKind.Quantitative => "quant",
            IndicatorValueKind.Qualitative => "qual",
            IndicatorValueKind.Relative => "relative",
            IndicatorValueKind.Deadline => "deadline",
            IndicatorValueKind.Malformed => "malformed",
            IndicatorValueKind.NotApplicable => "na",
            _ => "empty",
        };
        var op = v.Op switch
        {
            Comparison.GreaterOrEqual => "GE",
            Comparison.LessOrEqual => "LE",
            Comparison.Greater => "GT",
            Comparison.Less => "LT",
            Comparison.Equal => "EQ",
            Comparison.Between => "BETWEEN",
            _ => "",
        };
        var unitClass = v.Unit is null ? "" : v.UnitClass.ToString().ToLowerInvariant() switch
        {
            "quantitative" => "quant",
            var other => other,
        };
        return $"{kind}|{op}|{Num(v.Number)}|{v.Unit}|{unitClass}|{Num(v.UpperNumber)}";
    }

    private static string Num(decimal? n) => n is { } x ? x.ToString("0.####", CultureInfo.InvariantCulture) : "";
}
