using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>
/// A declaration on its route: the current form (JSON), its stage and the figures lists and dashboards need without
/// reading the form. <see cref="Version"/> is the optimistic-concurrency counter: every change increments it.
/// </summary>
public sealed class Declaration
{
    public Guid Id { get; set; }

    public int CycleYear { get; set; }

    public string SectionId { get; set; } = "";

    public DeclarationStage Stage { get; set; }

    public int RouteVersion { get; set; } = DeclarationRoute.Version;

    public int Version { get; set; } = 1;

    /// <summary>The current <see cref="DeclarationForm"/> as JSON (<see cref="DeclarationJson.Options"/>).</summary>
    public string FormJson { get; set; } = "{}";

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string ProjectTypeCode { get; set; } = "";

    public string ProjectTypeName { get; set; } = "";

    public decimal CurrentYearAmountYuan { get; set; }

    public int ErrorCount { get; set; }

    public int WarningCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedById { get; set; }

    public string UpdatedByName { get; set; } = "";

    public DateTimeOffset StageEnteredAt { get; set; }

    /// <summary>Due time of the current stage (null when nothing is due, e.g. Finalized).</summary>
    public DateTimeOffset? DueAt { get; set; }

    public bool DueIsProvisional { get; set; }

    /// <summary>What <see cref="DueAt"/> was counted from (a calendar edit counts it again); null on rows older than issue 14.</summary>
    public Route.Calendar.DueBasis? DueBasis { get; set; }

    /// <summary>For a returned declaration: the instant its working days were counted from.</summary>
    public DateTimeOffset? DueCountedFrom { get; set; }

    /// <summary>The office has claimed, edited or decided since the last submission: the 科室 can no longer withdraw.</summary>
    public bool OfficeHasActed { get; set; }

    public string? ExcludedReason { get; set; }

    /// <summary>Last year's declaration this one was copied from.</summary>
    public Guid? OriginDeclarationId { get; set; }

    public int? OriginVersion { get; set; }

    /// <summary>The snapshot number of the latest submission (the base of the reviewer's diff).</summary>
    public int? LastSubmittedVersion { get; set; }

    public bool ReturnedByFinance { get; set; }

    /// <summary>Stores a new form content and the figures derived from it (lists and dashboards read these columns).</summary>
    public void WriteForm(DeclarationForm form, IReadOnlyList<Finding> findings)
    {
        FormJson = System.Text.Json.JsonSerializer.Serialize(form, DeclarationJson.Options);
        Code = form.Code.Trim();
        Name = form.Name.Trim();
        ProjectTypeCode = form.ProjectType?.Code ?? "";
        ProjectTypeName = form.ProjectType?.Name ?? "";
        CurrentYearAmountYuan = form.CurrentYearAmountYuan ?? 0m;
        ErrorCount = findings.Count(f => f.Severity == Severity.Error);
        WarningCount = findings.Count(f => f.Severity == Severity.Warning);
    }

    public DeclarationForm ReadForm() =>
        System.Text.Json.JsonSerializer.Deserialize<DeclarationForm>(FormJson, DeclarationJson.Options) ?? new DeclarationForm();
}

/// <summary>Why a version snapshot was taken.</summary>
public enum VersionReason
{
    Created,
    CopiedFromLastYear,
    Submitted,
    Returned,
    OfficeEdit,
    /// <summary>An explicit 保存 of a draft (autosaves make no version).</summary>
    Saved,
}

/// <summary>An immutable snapshot of the form: JSON plus its SHA-256, numbered by the declaration's version counter.</summary>
public sealed class DeclarationVersion
{
    public long Id { get; set; }

    public Guid DeclarationId { get; set; }

    public int Number { get; set; }

    public VersionReason Reason { get; set; }

    public DeclarationStage Stage { get; set; }

    public string FormJson { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public string CreatedByName { get; set; } = "";
}

/// <summary>A reviewer's comment on one field, given with a return (退回意见).</summary>
public sealed class ReviewComment
{
    public long Id { get; set; }

    public Guid DeclarationId { get; set; }

    /// <summary>The snapshot the comment refers to.</summary>
    public int Version { get; set; }

    /// <summary>Dotted field path as in findings, e.g. <c>calculationBasis</c> or <c>indicators[3].value</c>.</summary>
    public string Field { get; set; } = "";

    public string Comment { get; set; } = "";

    public Guid AuthorId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
