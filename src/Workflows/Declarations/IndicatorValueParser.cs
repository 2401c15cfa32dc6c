namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Parses 指标值 by the grammar of DOMAIN.md §2. Never throws: malformed input yields a Malformed value.</summary>
public static class IndicatorValueParser
{
    // Placeholder until the grammar lands (issue 3): everything non-empty is reported malformed.
    public static IndicatorValue Parse(string? raw) =>
        string.IsNullOrWhiteSpace(raw)
            ? new IndicatorValue(IndicatorValueKind.Empty, null, null, null, UnitClass.None)
            : new IndicatorValue(IndicatorValueKind.Malformed, null, null, null, UnitClass.None, Problem: "not implemented");
}
