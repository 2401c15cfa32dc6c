using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Packages;

/// <summary>The bureau's package (全局申报包) of one budget cycle.</summary>
public sealed class Package
{
    public int CycleYear { get; set; }

    public PackageStage Stage { get; set; }

    public int RouteVersion { get; set; } = PackageRoute.Version;

    public int Version { get; set; } = 1;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";

    /// <summary>Frozen at submission to finance: declarations and totals as JSON, with its SHA-256.</summary>
    public string? SnapshotJson { get; set; }

    public string? SnapshotSha256 { get; set; }

    public DateTimeOffset? SubmittedToFinanceAt { get; set; }
}

/// <summary>"由系统自动汇总": totals computed from the declarations, never typed.</summary>
public sealed record PackageTotals(
    decimal BureauTotalYuan,
    int DeclarationCount,
    IReadOnlyList<PackageTotalLine> ByProjectType,
    IReadOnlyList<PackageTotalLine> BySection);

public sealed record PackageTotalLine(string Key, string Label, int Count, decimal AmountYuan);

/// <summary>What is frozen when the package goes to finance.</summary>
public sealed record PackageSnapshot(
    int CycleYear,
    DateTimeOffset FrozenAt,
    PackageTotals Totals,
    IReadOnlyList<PackageSnapshotItem> Declarations);

public sealed record PackageSnapshotItem(Guid Id, string SectionId, string Code, string Name, string ProjectTypeCode, decimal CurrentYearAmountYuan, int Version, string Sha256);
