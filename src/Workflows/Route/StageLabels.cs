using System.Collections.Frozen;

namespace PerfWorkflow.Workflows.Route;

/// <summary>The zh-CN label of each route stage, keyed by stage name; shared by the UI and the emails.</summary>
public static class StageLabels
{
    /// <summary>Stage name → label, in route order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> InRouteOrder { get; } =
    [
        new("Draft", "科室起草"),
        new("OfficeReview", "办公室审核"),
        new("Consolidated", "已纳入汇总"),
        new("BureauReview", "局审核"),
        new("Approved", "局已审定"),
        new("SubmittedToFinance", "已报送区财政"),
        new("Finalized", "财政审核通过"),
        new("Excluded", "不纳入汇总"),
    ];

    // Case-insensitive so a camelCased stage from JSON ("officeReview") finds its label too.
    private static readonly FrozenDictionary<string, string> Labels =
        InRouteOrder.ToFrozenDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string stage, out string label) => Labels.TryGetValue(stage, out label!);

    /// <summary>The label of <paramref name="stage"/>; an unknown stage name is a programming error.</summary>
    public static string For(string stage) =>
        Labels.TryGetValue(stage, out var label)
            ? label
            : throw new ArgumentException($"Unknown stage '{stage}'.", nameof(stage));
}
